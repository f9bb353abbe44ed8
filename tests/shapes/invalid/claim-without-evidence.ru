# A claim whose only mgo:supportedBy is removed.
# expect: Violation claim:sign-vaginal-bleeding mgo:supportedBy MinCount shape:Claim-hasEvidence
# expect: Violation claim:sign-vaginal-bleeding mgo:evidenceType SPARQL shape:ClaimEvidenceTypeAgreesShape
DELETE DATA { claim:sign-vaginal-bleeding mgo:supportedBy reference:example-2011 }
