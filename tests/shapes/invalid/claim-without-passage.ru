# A claim that does not say where the page states it.
# expect: Violation claim:sign-vaginal-bleeding mgo:statedIn MinCount shape:Claim-hasPassage
DELETE WHERE { claim:sign-vaginal-bleeding mgo:statedIn ?passage }
