# A supportive therapy that no condition links to.
# expect: Warning treatment:bed-rest ^mgo:hasTreatment MinCount shape:Treatment-ofCondition
INSERT DATA {
  treatment:bed-rest a mgo:SupportiveTherapy ;
    rdfs:label "supportive therapy"@en ;
    skos:prefLabel "supportive therapy"@en ;
    skos:definition "A supportive therapy of the fixture, linked from nothing."@en .
}
