# A claim whose only evidence is a peer-reviewed excerpt.
# expect: Info claim:treatment-cervical-cerclage - SPARQL shape:ClaimCitesReferenceShape
DELETE DATA { claim:treatment-cervical-cerclage mgo:supportedBy reference:example-2010 }
