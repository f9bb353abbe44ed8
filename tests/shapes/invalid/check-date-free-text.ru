# An identifier check dated in free text.
# expect: Violation idcheck:example-2007-doi mgo:verificationDate Datatype shape:IdentifierCheck-date
DELETE WHERE { idcheck:example-2007-doi mgo:verificationDate ?date } ;
INSERT DATA { idcheck:example-2007-doi mgo:verificationDate "24 November 2026" }
