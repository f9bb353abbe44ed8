# An authorship without its person (the creator edge stays).
# expect: Violation authorship:example-2010-1 mgo:author MinCount shape:Authorship-author
# expect: Violation reference:example-2010 mgo:hasAuthorship SPARQL shape:ReferenceCreatorsMatchAuthorsShape
DELETE WHERE { authorship:example-2010-1 mgo:author ?person }
