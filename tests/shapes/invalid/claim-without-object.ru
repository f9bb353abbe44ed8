# A claim without mgo:claimObject.
# expect: Violation claim:treatment-vaginal-progesterone mgo:claimObject MinCount shape:Claim-claimObject
# expect: Violation condition:cervical-incompetence mgo:hasTreatment SPARQL shape:ConditionEdgeHasClaimShape
DELETE WHERE { claim:treatment-vaginal-progesterone mgo:claimObject ?object }
