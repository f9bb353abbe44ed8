# The condition's definition cites an excerpt instead of a reference.
# expect: Violation condition:cervical-incompetence mgo:definitionSupportedBy Class shape:ClinicalEntity-definitionSupportedBy
INSERT DATA { condition:cervical-incompetence mgo:definitionSupportedBy excerpt:treatment-1 }
