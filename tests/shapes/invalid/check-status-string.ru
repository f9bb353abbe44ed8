# An identifier check whose status is the string "verified".
# expect: Violation idcheck:example-2011-isbn mgo:verificationStatus In shape:IdentifierCheck-status
DELETE WHERE { idcheck:example-2011-isbn mgo:verificationStatus ?status } ;
INSERT DATA { idcheck:example-2011-isbn mgo:verificationStatus "unverified" }
