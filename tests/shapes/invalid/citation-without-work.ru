# A citation that names no work.
# expect: Violation citation:seed-000-4f362a13c7923613-2 mgo:citesWork MinCount shape:Citation-citesWork
DELETE DATA { citation:seed-000-4f362a13c7923613-2 mgo:citesWork reference:example-2011 }
