# The book numbered 1, like the article.
# expect: Violation reference:example-2007 mgo:referenceNumber SPARQL shape:ReferenceNumberUniqueShape
# expect: Violation reference:example-2011 mgo:referenceNumber SPARQL shape:ReferenceNumberUniqueShape
DELETE WHERE { reference:example-2011 mgo:referenceNumber ?number } ;
INSERT DATA { reference:example-2011 mgo:referenceNumber "1"^^xsd:positiveInteger }
