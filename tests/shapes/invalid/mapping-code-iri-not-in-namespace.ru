# A code node whose IRI is not under https://w3id.org/medgraph/id/code/ (uppercase, underscore).
# expect: Violation code:HP_0034263 - Pattern shape:MedicalCodeIRIShape
INSERT DATA {
  sign:vaginal-bleeding skos:closeMatch <http://purl.obolibrary.org/obo/HP_0034263> .
  sign:vaginal-bleeding schema:code code:HP_0034263 .
  code:HP_0034263 a schema:MedicalCode .
  code:HP_0034263 schema:codeValue "HP:0034263" .
  code:HP_0034263 schema:codingSystem "HPO" .
  code:HP_0034263 rdfs:label "Abnormal vaginal bleeding"@en .
  code:HP_0034263 rdfs:seeAlso <http://purl.obolibrary.org/obo/HP_0034263> .
  code:HP_0034263 mgo:verificationStatus mgo:Verified .
  code:HP_0034263 mgo:verificationSource "Fixture: HP:0034263 with this label in the HPO release of the test." .
  code:HP_0034263 mgo:verificationDate "2026-11-26"^^xsd:date .
}
