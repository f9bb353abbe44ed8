# The direct edge of the outcome claim is removed; the claim stays.
# expect: Violation claim:outcome-preterm-birth - SPARQL shape:ClaimHasDirectEdgeShape
# expect: Warning outcome:preterm-birth ^mgo:hasOutcome MinCount shape:Outcome-ofCondition
DELETE DATA { condition:cervical-incompetence mgo:hasOutcome outcome:preterm-birth }
