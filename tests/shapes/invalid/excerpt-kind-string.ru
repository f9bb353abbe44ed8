# An excerpt whose kind of source is a string.
# expect: Violation excerpt:epidemiology-1 mgo:sourceKind In shape:Excerpt-sourceKind
DELETE WHERE { excerpt:epidemiology-1 mgo:sourceKind ?kind } ;
INSERT DATA { excerpt:epidemiology-1 mgo:sourceKind "advocacy website" }
