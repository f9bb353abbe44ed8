# An author in the author list without the dcterms:creator edge.
# expect: Violation reference:example-2007 dcterms:creator SPARQL shape:ReferenceCreatorsMatchAuthorsShape
DELETE DATA { reference:example-2007 dcterms:creator person:sample-b }
