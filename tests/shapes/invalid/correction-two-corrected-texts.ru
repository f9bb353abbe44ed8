# A slip correction with two corrected texts.
# expect: Violation correction:presentation-1 mgo:correctedText MaxCount shape:TextCorrection-correctedText
INSERT DATA { pagetext:presentation mgo:hasCorrection correction:presentation-1 .
  correction:presentation-1 a mgo:TextCorrection ; mgo:printedText "compared to" ;
    mgo:correctedText "compared with" , "in comparison with" }
