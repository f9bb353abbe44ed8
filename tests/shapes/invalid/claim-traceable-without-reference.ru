# A claim typed as a traceable author statement that rests on an excerpt only.
# expect: Violation claim:treatment-cervical-cerclage mgo:evidenceType SPARQL shape:ClaimEvidenceTypeAgreesShape
# expect: Info claim:treatment-cervical-cerclage - SPARQL shape:ClaimCitesReferenceShape
DELETE DATA { claim:treatment-cervical-cerclage mgo:supportedBy reference:example-2010 }
