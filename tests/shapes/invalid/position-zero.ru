# An author position 0, written as an xsd:integer.
# expect: Violation authorship:example-2010-1 mgo:position Datatype shape:position
# expect: Violation authorship:example-2010-1 mgo:position MinInclusive shape:position
DELETE WHERE { authorship:example-2010-1 mgo:position ?position } ;
INSERT DATA { authorship:example-2010-1 mgo:position 0 }
