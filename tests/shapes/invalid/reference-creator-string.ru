# A reference's creator written as a name string.
# expect: Violation reference:example-2010 dcterms:creator Class shape:Reference-creator
# expect: Violation reference:example-2010 dcterms:creator NodeKind shape:Reference-creator
# expect: Violation reference:example-2010 mgo:hasAuthorship SPARQL shape:ReferenceCreatorsMatchAuthorsShape
INSERT DATA { reference:example-2010 dcterms:creator "Example A" }
