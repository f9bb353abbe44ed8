# An imported claim whose object is the curated sign, not an HPO term.
# expect: Violation claim:hpo-0123456789abcdef mgo:claimObject Class shape:ImportedClaim-claimObject
# expect: Violation claim:hpo-0123456789abcdef - SPARQL shape:ImportedClaimHasDirectEdgeShape
DELETE DATA { claim:hpo-0123456789abcdef mgo:claimObject <http://purl.obolibrary.org/obo/HP_0030009> } ;
INSERT DATA { claim:hpo-0123456789abcdef mgo:claimObject sign:vaginal-bleeding }
