# A claim's certainty written as words instead of a value of the closed list.
# expect: Violation claim:outcome-preterm-birth mgo:certainty In shape:Claim-certainty
# expect: Violation claim:outcome-preterm-birth mgo:certainty MaxCount shape:Claim-certainty
INSERT DATA { claim:outcome-preterm-birth mgo:certainty "probably" }
