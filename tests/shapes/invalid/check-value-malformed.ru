# A cross-reference PMCID recorded without its PMC prefix.
# expect: Violation idcheck:example-2007-pmcid mgo:identifierValue SPARQL shape:IdentifierCheckValueFormShape
DELETE WHERE { idcheck:example-2007-pmcid mgo:identifierValue ?value } ;
INSERT DATA { idcheck:example-2007-pmcid mgo:identifierValue "9999901" }
