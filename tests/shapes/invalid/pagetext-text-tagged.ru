# Page text whose passage text has a language tag.
# expect: Violation pagetext:presentation mgo:passageText Datatype shape:passageText
DELETE WHERE { pagetext:presentation mgo:passageText ?text } ;
INSERT DATA { pagetext:presentation mgo:passageText "Firstly, a significant ethnic predisposition is observed [6]."@en }
