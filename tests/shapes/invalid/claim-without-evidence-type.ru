# A claim that does not say what kind of evidence it rests on.
# expect: Violation claim:sign-vaginal-bleeding mgo:evidenceType MinCount shape:Claim-evidenceType
DELETE WHERE { claim:sign-vaginal-bleeding mgo:evidenceType ?type }
