# A second source page from which no passage comes.
# expect: Warning source:seed-001-example ^mgo:fromPage MinCount shape:SourcePage-hasPassage
INSERT DATA { source:seed-001-example a mgo:SourcePage ; mgo:describes condition:cervical-incompetence }
