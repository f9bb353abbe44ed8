# A claim without mgo:claimSubject (so its edge has no claim either).
# expect: Violation claim:outcome-preterm-birth mgo:claimSubject MinCount shape:Claim-claimSubject
# expect: Violation condition:cervical-incompetence mgo:hasOutcome SPARQL shape:ConditionEdgeHasClaimShape
DELETE WHERE { claim:outcome-preterm-birth mgo:claimSubject ?subject }
