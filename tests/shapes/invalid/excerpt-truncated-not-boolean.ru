# An excerpt's truncation flag written as "yes".
# expect: Violation excerpt:prognosis-1 mgo:isTruncated Datatype shape:Excerpt-isTruncated
DELETE WHERE { excerpt:prognosis-1 mgo:isTruncated ?flag } ;
INSERT DATA { excerpt:prognosis-1 mgo:isTruncated "yes" }
