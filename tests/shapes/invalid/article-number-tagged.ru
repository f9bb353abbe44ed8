# An article number with a language tag.
# expect: Violation reference:example-2007 mgo:articleNumber Datatype shape:JournalArticle-articleNumber
DELETE WHERE { reference:example-2007 mgo:articleNumber ?number } ;
INSERT DATA { reference:example-2007 mgo:articleNumber "S17"@en }
