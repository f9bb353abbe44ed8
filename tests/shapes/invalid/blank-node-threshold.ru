# A threshold written as a blank node instead of threshold:cervical-length-15-mm.
# expect: Violation _: - NodeKind shape:IRINodeShape
# expect: Warning _: - Or shape:DataIRIShape
# expect: Violation claim:diagnostic-transvaginal-ultrasonography mgo:hasThreshold NodeKind shape:Claim-hasThreshold
DELETE WHERE { threshold:cervical-length-15-mm ?p ?o } ;
DELETE DATA { claim:diagnostic-transvaginal-ultrasonography mgo:hasThreshold threshold:cervical-length-15-mm } ;
INSERT DATA {
  claim:diagnostic-transvaginal-ultrasonography mgo:hasThreshold [
    a mgo:Threshold ;
    rdfs:label "cervical length at most 15 mm"@en ;
    mgo:measuredProperty "cervical length"@en ;
    mgo:comparator mgo:LessThanOrEqual ;
    qudt:numericValue "15"^^xsd:decimal ;
    qudt:unit unit:MilliM
  ]
}
