# A code value with a language tag instead of a plain string.
# expect: Violation code:hp-0034263 schema:codeValue Datatype shape:MedicalCode-codeValue
INSERT DATA {
  sign:vaginal-bleeding skos:closeMatch <http://purl.obolibrary.org/obo/HP_0034263> .
  sign:vaginal-bleeding schema:code code:hp-0034263 .
  code:hp-0034263 a schema:MedicalCode .
  code:hp-0034263 schema:codeValue "HP:0034263"@en .
  code:hp-0034263 schema:codingSystem "HPO" .
  code:hp-0034263 rdfs:label "Abnormal vaginal bleeding"@en .
  code:hp-0034263 rdfs:seeAlso <http://purl.obolibrary.org/obo/HP_0034263> .
  code:hp-0034263 mgo:verificationStatus mgo:Verified .
  code:hp-0034263 mgo:verificationSource "Fixture: HP:0034263 with this label in the HPO release of the test." .
  code:hp-0034263 mgo:verificationDate "2026-11-26"^^xsd:date .
}
