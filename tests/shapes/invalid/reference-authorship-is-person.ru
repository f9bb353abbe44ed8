# A reference whose author list points straight at a person.
# expect: Violation reference:example-2010 mgo:hasAuthorship Class shape:Reference-hasAuthorship
INSERT DATA { reference:example-2010 mgo:hasAuthorship person:sample-b }
