# An excerpt whose text is empty.
# expect: Violation excerpt:etiology-1 mgo:passageText MinLength shape:passageText
DELETE WHERE { excerpt:etiology-1 mgo:passageText ?text } ;
INSERT DATA { excerpt:etiology-1 mgo:passageText "" }
