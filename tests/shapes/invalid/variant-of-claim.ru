# A treatment declared a variant of a claim.
# expect: Violation treatment:cervical-cerclage mgo:variantOf Class shape:ClinicalEntity-variantOf
INSERT DATA { treatment:cervical-cerclage mgo:variantOf claim:treatment-cervical-cerclage }
