# A claim predicate written as a string.
# expect: Violation claim:risk-factor-polycystic-ovary-syndrome mgo:claimPredicate NodeKind shape:Claim-claimPredicate
# expect: Violation claim:risk-factor-polycystic-ovary-syndrome mgo:claimPredicate SPARQL shape:ClaimPredicateIsRelationShape
# expect: Violation claim:risk-factor-polycystic-ovary-syndrome - SPARQL shape:ClaimHasDirectEdgeShape
# expect: Violation condition:cervical-incompetence mgo:hasRiskFactor SPARQL shape:ConditionEdgeHasClaimShape
DELETE DATA { claim:risk-factor-polycystic-ovary-syndrome mgo:claimPredicate mgo:hasRiskFactor } ;
INSERT DATA { claim:risk-factor-polycystic-ovary-syndrome mgo:claimPredicate "has risk factor" }
