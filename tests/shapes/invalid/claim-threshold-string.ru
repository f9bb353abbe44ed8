# A claim's threshold written as a string.
# expect: Violation claim:diagnostic-transvaginal-ultrasonography mgo:hasThreshold NodeKind shape:Claim-hasThreshold
# expect: Violation claim:diagnostic-transvaginal-ultrasonography mgo:hasThreshold Class shape:Claim-hasThreshold
INSERT DATA { claim:diagnostic-transvaginal-ultrasonography mgo:hasThreshold "<= 15 mm" }
