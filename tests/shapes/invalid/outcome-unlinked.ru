# A outcome that no condition links to.
# expect: Warning outcome:miscarriage ^mgo:hasOutcome MinCount shape:Outcome-ofCondition
INSERT DATA {
  outcome:miscarriage a mgo:Outcome ;
    rdfs:label "outcome"@en ;
    skos:prefLabel "outcome"@en ;
    skos:definition "A outcome of the fixture, linked from nothing."@en .
}
