# A predictive claim that names what it predicts in words.
# expect: Violation claim:diagnostic-transvaginal-ultrasonography mgo:predictsOutcome Class shape:Claim-predictsOutcome
# expect: Violation claim:diagnostic-transvaginal-ultrasonography mgo:predictsOutcome NodeKind shape:Claim-predictsOutcome
INSERT DATA { claim:diagnostic-transvaginal-ultrasonography mgo:predictsOutcome "preterm delivery" }
