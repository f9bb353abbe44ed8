# A claim that does not say how certain the page is of it.
# expect: Violation claim:outcome-preterm-birth mgo:certainty MinCount shape:Claim-certainty
DELETE DATA { claim:outcome-preterm-birth mgo:certainty mgo:Asserted }
