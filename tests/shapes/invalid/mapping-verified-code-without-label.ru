# A verified code without the label it was verified with.
# expect: Violation code:hp-0034263 - SPARQL shape:VerifiedCodeLabelShape
INSERT DATA {
  sign:vaginal-bleeding skos:closeMatch <http://purl.obolibrary.org/obo/HP_0034263> .
  sign:vaginal-bleeding schema:code code:hp-0034263 .
  code:hp-0034263 a schema:MedicalCode .
  code:hp-0034263 schema:codeValue "HP:0034263" .
  code:hp-0034263 schema:codingSystem "HPO" .
  code:hp-0034263 rdfs:seeAlso <http://purl.obolibrary.org/obo/HP_0034263> .
  code:hp-0034263 mgo:verificationStatus mgo:Verified .
  code:hp-0034263 mgo:verificationSource "Fixture: HP:0034263 with this label in the HPO release of the test." .
  code:hp-0034263 mgo:verificationDate "2026-11-26"^^xsd:date .
}
