# The page lists the article twice, under [1] and [2].
# expect: Violation citation:seed-000-4f362a13c7923613-1 mgo:citesWork SPARQL shape:CitationWorkOnceShape
# expect: Violation citation:seed-000-4f362a13c7923613-2 mgo:citesWork SPARQL shape:CitationWorkOnceShape
DELETE DATA { citation:seed-000-4f362a13c7923613-2 mgo:citesWork reference:example-2011 } ;
INSERT DATA { citation:seed-000-4f362a13c7923613-2 mgo:citesWork reference:example-2007 }
