# An excerpt that does not say which website it is quoted from.
# expect: Violation excerpt:etiology-1 mgo:sourceWebsite MinCount shape:Excerpt-sourceWebsite
# expect: Warning website:books-google-com ^mgo:sourceWebsite MinCount shape:SourceWebsite-usedByExcerpt
DELETE WHERE { excerpt:etiology-1 mgo:sourceWebsite ?website }
