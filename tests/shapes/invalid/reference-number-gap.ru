# The book numbered 3 while no reference is numbered 2.
# expect: Violation reference:example-2011 mgo:referenceNumber SPARQL shape:ReferenceNumberGapShape
DELETE WHERE { reference:example-2011 mgo:referenceNumber ?number } ;
INSERT DATA { reference:example-2011 mgo:referenceNumber "3"^^xsd:positiveInteger }
