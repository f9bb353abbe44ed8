# A slip correction as a blank node.
# expect: Violation _: - NodeKind shape:TextCorrectionShape
# expect: Violation pagetext:presentation mgo:hasCorrection NodeKind shape:Passage-hasCorrection
INSERT DATA { pagetext:presentation mgo:hasCorrection [ a mgo:TextCorrection ; mgo:printedText "Firstly" ; mgo:correctedText "First" ] }
