# A passage records its correction as a string instead of a correction node.
# expect: Violation pagetext:presentation mgo:hasCorrection Class shape:Passage-hasCorrection
# expect: Violation pagetext:presentation mgo:hasCorrection NodeKind shape:Passage-hasCorrection
INSERT DATA { pagetext:presentation mgo:hasCorrection "semester -> trimester" }
