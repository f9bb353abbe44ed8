# The second author of an article at position 3.
# expect: Violation reference:example-2007 mgo:hasAuthorship SPARQL shape:AuthorshipPositionGapShape
DELETE WHERE { authorship:example-2007-2 mgo:position ?position } ;
INSERT DATA { authorship:example-2007-2 mgo:position "3"^^xsd:positiveInteger }
