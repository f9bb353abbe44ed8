# Edge and claim use skos:related, which is not a condition relation.
# expect: Violation claim:sign-vaginal-bleeding mgo:claimPredicate SPARQL shape:ClaimPredicateIsRelationShape
# expect: Warning sign:vaginal-bleeding ^mgo:hasSignOrSymptom MinCount shape:SignOrSymptom-ofCondition
DELETE DATA {
  condition:cervical-incompetence mgo:hasSignOrSymptom sign:vaginal-bleeding .
  claim:sign-vaginal-bleeding mgo:claimPredicate mgo:hasSignOrSymptom .
} ;
INSERT DATA {
  condition:cervical-incompetence skos:related sign:vaginal-bleeding .
  claim:sign-vaginal-bleeding mgo:claimPredicate skos:related .
}
