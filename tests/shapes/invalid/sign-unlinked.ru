# A sign or symptom that no condition links to.
# expect: Warning sign:lower-back-pain ^mgo:hasSignOrSymptom MinCount shape:SignOrSymptom-ofCondition
INSERT DATA {
  sign:lower-back-pain a mgo:SignOrSymptom ;
    rdfs:label "sign or symptom"@en ;
    skos:prefLabel "sign or symptom"@en ;
    skos:definition "A sign or symptom of the fixture, linked from nothing."@en .
}
