# An entity with a code node but no SKOS match to the code's IRI.
# expect: Violation code:hp-0034263 - SPARQL shape:CodeMatchedByEntityShape
INSERT DATA {
  sign:vaginal-bleeding schema:code code:hp-0034263 .
  code:hp-0034263 a schema:MedicalCode .
  code:hp-0034263 schema:codeValue "HP:0034263" .
  code:hp-0034263 schema:codingSystem "HPO" .
  code:hp-0034263 rdfs:label "Abnormal vaginal bleeding"@en .
  code:hp-0034263 rdfs:seeAlso <http://purl.obolibrary.org/obo/HP_0034263> .
  code:hp-0034263 mgo:verificationStatus mgo:Verified .
  code:hp-0034263 mgo:verificationSource "Fixture: HP:0034263 with this label in the HPO release of the test." .
  code:hp-0034263 mgo:verificationDate "2026-11-26"^^xsd:date .
}
