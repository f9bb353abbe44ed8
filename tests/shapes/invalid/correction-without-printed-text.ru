# A slip correction that says what it corrects to but not what the page prints.
# expect: Violation correction:presentation-1 mgo:printedText MinCount shape:TextCorrection-printedText
INSERT DATA { pagetext:presentation mgo:hasCorrection correction:presentation-1 .
  correction:presentation-1 a mgo:TextCorrection ; mgo:correctedText "compared with" }
