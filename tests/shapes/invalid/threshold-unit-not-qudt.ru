# A threshold unit from outside QUDT's unit vocabulary.
# expect: Violation threshold:cervical-length-15-mm qudt:unit Pattern shape:Threshold-unit
DELETE DATA { threshold:cervical-length-15-mm qudt:unit unit:MilliM } ;
INSERT DATA { threshold:cervical-length-15-mm qudt:unit <https://example.org/units/mm> }
