# The book numbered 1 on the page, like the article.
# expect: Violation citation:seed-000-4f362a13c7923613-1 mgo:citationNumber SPARQL shape:CitationNumberUniqueShape
# expect: Violation citation:seed-000-4f362a13c7923613-2 mgo:citationNumber SPARQL shape:CitationNumberUniqueShape
DELETE WHERE { citation:seed-000-4f362a13c7923613-2 mgo:citationNumber ?number } ;
INSERT DATA { citation:seed-000-4f362a13c7923613-2 mgo:citationNumber "1"^^xsd:positiveInteger }
