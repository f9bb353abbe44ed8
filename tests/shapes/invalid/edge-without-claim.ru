# The claim of the sign edge is removed; the direct edge stays.
# expect: Violation condition:cervical-incompetence mgo:hasSignOrSymptom SPARQL shape:ConditionEdgeHasClaimShape
DELETE WHERE { claim:sign-vaginal-bleeding ?p ?o }
