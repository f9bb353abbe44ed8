# An imported claim typed with an ECO class no HPO evidence code maps to.
# expect: Violation claim:hpo-0123456789abcdef mgo:evidenceType In shape:ImportedClaim-evidenceType
DELETE DATA { claim:hpo-0123456789abcdef mgo:evidenceType eco:0000304 } ;
INSERT DATA { claim:hpo-0123456789abcdef mgo:evidenceType eco:0000269 }
