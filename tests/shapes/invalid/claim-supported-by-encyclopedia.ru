# A claim cites an encyclopedia excerpt (Wikipedia) as evidence.
# expect: Violation claim:outcome-preterm-birth mgo:supportedBy SPARQL shape:ClaimEvidenceCitableShape
INSERT DATA { claim:outcome-preterm-birth mgo:supportedBy excerpt:presentation-1 }
