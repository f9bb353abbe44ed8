# A reference whose identifier check points at an authorship.
# expect: Violation reference:example-2011 mgo:hasIdentifierCheck Class shape:Reference-hasIdentifierCheck
INSERT DATA { reference:example-2011 mgo:hasIdentifierCheck authorship:example-2011-1 }
