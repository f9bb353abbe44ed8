# An imported claim whose predicate is a curated relation no annotation row gives.
# expect: Violation claim:hpo-0123456789abcdef mgo:claimPredicate In shape:ImportedClaim-claimPredicate
# expect: Violation claim:hpo-0123456789abcdef - SPARQL shape:ImportedClaimHasDirectEdgeShape
DELETE DATA { claim:hpo-0123456789abcdef mgo:claimPredicate mgo:hasSignOrSymptom } ;
INSERT DATA { claim:hpo-0123456789abcdef mgo:claimPredicate mgo:hasRiskFactor }
