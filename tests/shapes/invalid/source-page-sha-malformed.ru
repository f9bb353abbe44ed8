# A source page whose SHA-256 is written in capitals and cut short.
# expect: Violation source:seed-000-4f362a13c7923613 mgo:contentSha256 Pattern shape:SourcePage-contentSha256
INSERT DATA { source:seed-000-4f362a13c7923613 mgo:contentSha256 "5BB4940C" }
