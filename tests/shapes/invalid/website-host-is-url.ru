# A website whose host name is written as a URL.
# expect: Violation website:change-org mgo:hostName Pattern shape:SourceWebsite-hostName
DELETE WHERE { website:change-org mgo:hostName ?host } ;
INSERT DATA { website:change-org mgo:hostName "https://www.change.org/" }
