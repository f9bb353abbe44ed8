# A threshold measured by a treatment.
# expect: Violation threshold:cervical-length-15-mm mgo:measuredBy Class shape:Threshold-measuredBy
INSERT DATA { threshold:cervical-length-15-mm mgo:measuredBy treatment:cervical-cerclage }
