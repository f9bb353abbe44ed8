# A threshold value written with its unit, as a string.
# expect: Violation threshold:cervical-length-15-mm qudt:numericValue Datatype shape:Threshold-numericValue
# expect: Violation threshold:cervical-length-15-mm qudt:numericValue MinInclusive shape:Threshold-numericValue
DELETE WHERE { threshold:cervical-length-15-mm qudt:numericValue ?value } ;
INSERT DATA { threshold:cervical-length-15-mm qudt:numericValue "15 mm" }
