# A second condition with labels and a definition but no relation.
# expect: Warning condition:hellp-syndrome - SPARQL shape:ConditionHasRelationShape
INSERT DATA {
  condition:hellp-syndrome a mgo:Condition ;
    rdfs:label "HELLP syndrome"@en ;
    skos:prefLabel "HELLP syndrome"@en ;
    skos:definition "Haemolysis, elevated liver enzymes and a low platelet count in pregnancy."@en ;
    mgo:definitionSupportedBy reference:example-2007 .
}
