# A threshold unit written as a string.
# expect: Violation threshold:cervical-length-15-mm qudt:unit NodeKind shape:Threshold-unit
# expect: Violation threshold:cervical-length-15-mm qudt:unit Pattern shape:Threshold-unit
DELETE DATA { threshold:cervical-length-15-mm qudt:unit unit:MilliM } ;
INSERT DATA { threshold:cervical-length-15-mm qudt:unit "mm" }
