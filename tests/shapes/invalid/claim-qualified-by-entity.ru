# A claim qualified by a risk factor instead of a statement.
# expect: Violation claim:sign-vaginal-bleeding mgo:qualifiedBy Class shape:Claim-qualifiedBy
INSERT DATA { claim:sign-vaginal-bleeding mgo:qualifiedBy riskfactor:polycystic-ovary-syndrome }
