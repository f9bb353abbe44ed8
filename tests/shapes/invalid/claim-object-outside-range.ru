# Edge and claim say the condition has outcome vaginal bleeding, a sign.
# expect: Violation claim:sign-vaginal-bleeding mgo:claimObject SPARQL shape:ClaimObjectInRangeShape
# expect: Warning sign:vaginal-bleeding ^mgo:hasSignOrSymptom MinCount shape:SignOrSymptom-ofCondition
DELETE DATA {
  condition:cervical-incompetence mgo:hasSignOrSymptom sign:vaginal-bleeding .
  claim:sign-vaginal-bleeding mgo:claimPredicate mgo:hasSignOrSymptom .
} ;
INSERT DATA {
  condition:cervical-incompetence mgo:hasOutcome sign:vaginal-bleeding .
  claim:sign-vaginal-bleeding mgo:claimPredicate mgo:hasOutcome .
}
