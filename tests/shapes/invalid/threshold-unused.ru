# A threshold that no claim uses.
# expect: Warning threshold:cervical-length-15-mm ^mgo:hasThreshold MinCount shape:Threshold-usedByClaim
DELETE DATA { claim:diagnostic-transvaginal-ultrasonography mgo:hasThreshold threshold:cervical-length-15-mm }
