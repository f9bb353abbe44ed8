# A claim's frequency that is not in the closed list (a certainty given as a frequency).
# expect: Violation claim:sign-vaginal-bleeding mgo:frequency In shape:Claim-frequency
# expect: Violation claim:sign-vaginal-bleeding mgo:frequency MaxCount shape:Claim-frequency
INSERT DATA { claim:sign-vaginal-bleeding mgo:frequency mgo:Suggested }
