# A verified PMID that is missing on its reference.
# expect: Violation idcheck:example-2007-pmid mgo:identifierValue SPARQL shape:IdentifierCheckOnReferenceShape
DELETE WHERE { reference:example-2007 bibo:pmid ?pmid }
