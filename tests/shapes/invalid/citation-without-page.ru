# A citation that says on which page it is printed no more.
# expect: Violation citation:seed-000-4f362a13c7923613-2 mgo:citedBy MinCount shape:Citation-citedBy
DELETE DATA { citation:seed-000-4f362a13c7923613-2 mgo:citedBy source:seed-000-4f362a13c7923613 }
