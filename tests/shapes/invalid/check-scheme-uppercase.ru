# An identifier check whose scheme is "PMCID" in capitals.
# expect: Violation idcheck:example-2007-pmcid mgo:identifierScheme In shape:IdentifierCheck-scheme
DELETE WHERE { idcheck:example-2007-pmcid mgo:identifierScheme ?scheme } ;
INSERT DATA { idcheck:example-2007-pmcid mgo:identifierScheme "PMCID" }
