# An authorship that no reference lists.
# expect: Violation authorship:example-2010-2 ^mgo:hasAuthorship MinCount shape:Authorship-ofReference
INSERT DATA { authorship:example-2010-2 a mgo:Authorship ; mgo:author person:sample-b ; mgo:position "2"^^xsd:positiveInteger }
