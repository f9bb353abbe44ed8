# An imported claim whose subject is a phenotype term, not an imported condition.
# expect: Violation claim:hpo-0123456789abcdef mgo:claimSubject Class shape:ImportedClaim-claimSubject
# expect: Violation claim:hpo-0123456789abcdef - SPARQL shape:ImportedClaimHasDirectEdgeShape
DELETE DATA { claim:hpo-0123456789abcdef mgo:claimSubject condition:omim-130050 } ;
INSERT DATA { claim:hpo-0123456789abcdef mgo:claimSubject <http://purl.obolibrary.org/obo/HP_0000118> }
