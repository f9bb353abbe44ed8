# Both authors of an article at position 1.
# expect: Violation reference:example-2007 mgo:hasAuthorship SPARQL shape:AuthorshipPositionUniqueShape
DELETE WHERE { authorship:example-2007-2 mgo:position ?position } ;
INSERT DATA { authorship:example-2007-2 mgo:position "1"^^xsd:positiveInteger }
