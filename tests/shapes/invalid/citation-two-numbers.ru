# A citation with two numbers.
# expect: Violation citation:seed-000-4f362a13c7923613-2 mgo:citationNumber MaxCount shape:Citation-citationNumber
INSERT DATA { citation:seed-000-4f362a13c7923613-2 mgo:citationNumber "3"^^xsd:positiveInteger }
