# A website no excerpt is quoted from.
# expect: Warning website:aafp-org ^mgo:sourceWebsite MinCount shape:SourceWebsite-usedByExcerpt
INSERT DATA { website:aafp-org a mgo:SourceWebsite ; mgo:hostName "aafp.org" }
