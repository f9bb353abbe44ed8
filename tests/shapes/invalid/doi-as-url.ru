# A DOI written as a doi.org URL, on the reference and in its check.
# expect: Violation reference:example-2007 bibo:doi Pattern shape:Reference-doi
# expect: Violation idcheck:example-2007-doi mgo:identifierValue SPARQL shape:IdentifierCheckValueFormShape
DELETE WHERE { reference:example-2007 bibo:doi ?doi } ;
DELETE WHERE { idcheck:example-2007-doi mgo:identifierValue ?value } ;
INSERT DATA {
  reference:example-2007 bibo:doi "https://doi.org/10.5555/12345678" .
  idcheck:example-2007-doi mgo:identifierValue "https://doi.org/10.5555/12345678" .
}
