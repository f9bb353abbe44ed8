# A comorbidity risk factor that no condition links to.
# expect: Warning riskfactor:ehlers-danlos-syndrome - SPARQL shape:RiskFactorOfConditionShape
INSERT DATA {
  riskfactor:ehlers-danlos-syndrome a mgo:ComorbidityRiskFactor ;
    rdfs:label "comorbidity risk factor"@en ;
    skos:prefLabel "comorbidity risk factor"@en ;
    skos:definition "A comorbidity risk factor of the fixture, linked from nothing."@en .
}
