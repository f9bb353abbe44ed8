# A verified ISBN written with hyphens, on the book and in its check.
# expect: Violation reference:example-2011 bibo:isbn Pattern shape:Reference-isbn
# expect: Violation idcheck:example-2011-isbn mgo:identifierValue SPARQL shape:IdentifierCheckValueFormShape
DELETE WHERE { idcheck:example-2011-isbn mgo:verificationStatus ?status } ;
INSERT DATA {
  reference:example-2011 bibo:isbn "978-0-00-000000-2" .
  idcheck:example-2011-isbn mgo:identifierValue "978-0-00-000000-2" ; mgo:verificationStatus mgo:Verified .
}
