# A threshold comparator written as "<=".
# expect: Violation threshold:cervical-length-15-mm mgo:comparator In shape:Threshold-comparator
DELETE DATA { threshold:cervical-length-15-mm mgo:comparator mgo:LessThanOrEqual } ;
INSERT DATA { threshold:cervical-length-15-mm mgo:comparator "<=" }
