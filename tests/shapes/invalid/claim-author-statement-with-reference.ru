# A claim typed as an untraced author statement although a reference supports it.
# expect: Violation claim:outcome-preterm-birth mgo:evidenceType SPARQL shape:ClaimEvidenceTypeAgreesShape
DELETE WHERE { claim:outcome-preterm-birth mgo:evidenceType ?type } ;
INSERT DATA { claim:outcome-preterm-birth mgo:evidenceType <http://purl.obolibrary.org/obo/ECO_0000302> }
