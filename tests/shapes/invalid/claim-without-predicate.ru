# A claim without mgo:claimPredicate.
# expect: Violation claim:risk-factor-polycystic-ovary-syndrome mgo:claimPredicate MinCount shape:Claim-claimPredicate
# expect: Violation condition:cervical-incompetence mgo:hasRiskFactor SPARQL shape:ConditionEdgeHasClaimShape
DELETE WHERE { claim:risk-factor-polycystic-ovary-syndrome mgo:claimPredicate ?predicate }
