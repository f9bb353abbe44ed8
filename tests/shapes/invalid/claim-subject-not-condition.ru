# A claim whose subject is a risk factor, given as a second subject.
# expect: Violation claim:outcome-preterm-birth mgo:claimSubject MaxCount shape:Claim-claimSubject
# expect: Violation claim:outcome-preterm-birth mgo:claimSubject Class shape:Claim-claimSubject
# expect: Violation claim:outcome-preterm-birth - SPARQL shape:ClaimHasDirectEdgeShape
INSERT DATA { claim:outcome-preterm-birth mgo:claimSubject riskfactor:polycystic-ovary-syndrome }
