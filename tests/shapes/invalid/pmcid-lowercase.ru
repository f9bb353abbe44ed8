# A verified PMCID written in lowercase, on the reference and in its check.
# expect: Violation reference:example-2007 fabio:hasPubMedCentralId Pattern shape:Reference-pmcid
# expect: Violation idcheck:example-2007-pmcid mgo:identifierValue SPARQL shape:IdentifierCheckValueFormShape
DELETE WHERE { idcheck:example-2007-pmcid mgo:identifierValue ?value } ;
DELETE WHERE { idcheck:example-2007-pmcid mgo:verificationStatus ?status } ;
INSERT DATA {
  reference:example-2007 fabio:hasPubMedCentralId "pmc9999901" .
  idcheck:example-2007-pmcid mgo:identifierValue "pmc9999901" ; mgo:verificationStatus mgo:Verified .
}
