# A claim whose only evidence is a peer-reviewed excerpt (an author statement of the excerpt's authors).
# expect: Info claim:treatment-cervical-cerclage - SPARQL shape:ClaimCitesReferenceShape
DELETE DATA { claim:treatment-cervical-cerclage mgo:supportedBy reference:example-2010 } ;
DELETE WHERE { claim:treatment-cervical-cerclage mgo:evidenceType ?type } ;
INSERT DATA { claim:treatment-cervical-cerclage mgo:evidenceType <http://purl.obolibrary.org/obo/ECO_0000302> }
