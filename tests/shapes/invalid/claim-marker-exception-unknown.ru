# A claim gives a reason for its references that is not in the closed list.
# expect: Violation claim:sign-vaginal-bleeding mgo:markerException In shape:Claim-markerException
INSERT DATA { claim:sign-vaginal-bleeding mgo:markerException mgo:Verified }
