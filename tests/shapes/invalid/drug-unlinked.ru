# A drug that no condition links to.
# expect: Warning drug:diethylstilbestrol ^mgo:involvesDrug MinCount shape:Drug-usedBy
INSERT DATA {
  drug:diethylstilbestrol a mgo:Drug ;
    rdfs:label "drug"@en ;
    skos:prefLabel "drug"@en ;
    skos:definition "A drug of the fixture, linked from nothing."@en .
}
