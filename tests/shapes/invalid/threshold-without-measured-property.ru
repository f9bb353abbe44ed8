# A threshold that does not say what is measured.
# expect: Violation threshold:cervical-length-15-mm mgo:measuredProperty MinCount shape:Threshold-measuredProperty
DELETE WHERE { threshold:cervical-length-15-mm mgo:measuredProperty ?property }
