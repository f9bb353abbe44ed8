# A PMID written with its "PMID:" prefix, on the reference and in its check.
# expect: Violation reference:example-2007 bibo:pmid Pattern shape:Reference-pmid
# expect: Violation idcheck:example-2007-pmid mgo:identifierValue SPARQL shape:IdentifierCheckValueFormShape
DELETE WHERE { reference:example-2007 bibo:pmid ?pmid } ;
DELETE WHERE { idcheck:example-2007-pmid mgo:identifierValue ?value } ;
INSERT DATA {
  reference:example-2007 bibo:pmid "PMID:99999901" .
  idcheck:example-2007-pmid mgo:identifierValue "PMID:99999901" .
}
