# A threshold without a value.
# expect: Violation threshold:cervical-length-15-mm qudt:numericValue MinCount shape:Threshold-numericValue
DELETE WHERE { threshold:cervical-length-15-mm qudt:numericValue ?value }
