# A reference with two reference numbers.
# expect: Violation reference:example-2010 mgo:referenceNumber MaxCount shape:Reference-referenceNumber
INSERT DATA { reference:example-2010 mgo:referenceNumber "3"^^xsd:positiveInteger , "4"^^xsd:positiveInteger }
