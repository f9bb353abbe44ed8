# An ISBN check marked Verified that records no ISBN.
# expect: Violation idcheck:example-2011-isbn mgo:identifierValue SPARQL shape:IdentifierCheckVerifiedValueShape
DELETE WHERE { idcheck:example-2011-isbn mgo:verificationStatus ?status } ;
INSERT DATA { idcheck:example-2011-isbn mgo:verificationStatus mgo:Verified }
