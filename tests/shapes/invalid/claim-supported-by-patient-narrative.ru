# A claim cites a patient narrative (change.org) as evidence.
# expect: Violation claim:outcome-preterm-birth mgo:supportedBy SPARQL shape:ClaimNotFromPatientNarrativeShape
INSERT DATA { claim:outcome-preterm-birth mgo:supportedBy excerpt:presentation-2 }
