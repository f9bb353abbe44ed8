# A claim typed as experimental evidence, which a condition page never gives.
# expect: Violation claim:sign-vaginal-bleeding mgo:evidenceType In shape:Claim-evidenceType
DELETE WHERE { claim:sign-vaginal-bleeding mgo:evidenceType ?type } ;
INSERT DATA { claim:sign-vaginal-bleeding mgo:evidenceType <http://purl.obolibrary.org/obo/ECO_0000269> }
