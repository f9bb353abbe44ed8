# A claim says it is stated in a patient narrative.
# expect: Violation claim:treatment-cervical-cerclage mgo:statedIn SPARQL shape:ClaimNotFromPatientNarrativeShape
INSERT DATA { claim:treatment-cervical-cerclage mgo:statedIn excerpt:presentation-2 }
