# An exact match to a code that was seen only as a cross-reference of another resource.
# expect: Violation code:umls-c0007871 - SPARQL shape:ExactMatchSeenShape
INSERT DATA {
  condition:cervical-incompetence skos:exactMatch <https://uts.nlm.nih.gov/uts/umls/concept/C0007871> ;
    schema:code code:umls-c0007871 .
  code:umls-c0007871 a schema:MedicalCode .
  code:umls-c0007871 schema:codeValue "C0007871" .
  code:umls-c0007871 schema:codingSystem "UMLS" .
  code:umls-c0007871 rdfs:seeAlso <https://uts.nlm.nih.gov/uts/umls/concept/C0007871> .
  code:umls-c0007871 mgo:verificationStatus mgo:CrossReferenceOnly .
  code:umls-c0007871 mgo:verificationSource "Fixture: seen only as a cross-reference of HPO and DOID terms." .
  code:umls-c0007871 mgo:verificationDate "2026-11-26"^^xsd:date .
}
