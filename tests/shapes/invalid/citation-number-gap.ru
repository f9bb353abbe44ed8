# The book numbered 3 on the page while nothing on it is numbered 2.
# expect: Violation citation:seed-000-4f362a13c7923613-2 mgo:citationNumber SPARQL shape:CitationNumberGapShape
DELETE WHERE { citation:seed-000-4f362a13c7923613-2 mgo:citationNumber ?number } ;
INSERT DATA { citation:seed-000-4f362a13c7923613-2 mgo:citationNumber "3"^^xsd:positiveInteger }
