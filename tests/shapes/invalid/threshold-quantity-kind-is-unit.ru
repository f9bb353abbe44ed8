# A threshold whose quantity kind is a unit IRI.
# expect: Violation threshold:cervical-length-15-mm qudt:hasQuantityKind Pattern shape:Threshold-quantityKind
DELETE WHERE { threshold:cervical-length-15-mm qudt:hasQuantityKind ?kind } ;
INSERT DATA { threshold:cervical-length-15-mm qudt:hasQuantityKind unit:MilliM }
