# A diagnostic test that no condition links to.
# expect: Warning diagnostic:fetal-fibronectin - SPARQL shape:DiagnosticTestOfConditionShape
INSERT DATA {
  diagnostic:fetal-fibronectin a mgo:DiagnosticTest ;
    rdfs:label "diagnostic test"@en ;
    skos:prefLabel "diagnostic test"@en ;
    skos:definition "A diagnostic test of the fixture, linked from nothing."@en .
}
