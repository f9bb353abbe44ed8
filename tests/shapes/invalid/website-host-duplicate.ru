# A second website node for change.org, used by the narrative excerpt.
# expect: Violation website:change-org mgo:hostName SPARQL shape:SourceWebsiteUniqueHostShape
# expect: Violation website:change-org-petition mgo:hostName SPARQL shape:SourceWebsiteUniqueHostShape
# expect: Warning website:change-org ^mgo:sourceWebsite MinCount shape:SourceWebsite-usedByExcerpt
DELETE DATA { excerpt:presentation-2 mgo:sourceWebsite website:change-org } ;
INSERT DATA {
  website:change-org-petition a mgo:SourceWebsite ; mgo:hostName "change.org" .
  excerpt:presentation-2 mgo:sourceWebsite website:change-org-petition .
}
