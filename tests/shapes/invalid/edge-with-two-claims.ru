# A second claim states the same sign edge.
# expect: Violation condition:cervical-incompetence mgo:hasSignOrSymptom SPARQL shape:ConditionEdgeSingleClaimShape
INSERT DATA {
  claim:sign-vaginal-bleeding-again a mgo:Claim ;
    rdfs:label "cervical incompetence has sign vaginal spotting or bleeding (again)"@en ;
    mgo:claimSubject condition:cervical-incompetence ;
    mgo:claimPredicate mgo:hasSignOrSymptom ;
    mgo:claimObject sign:vaginal-bleeding ;
    mgo:supportedBy reference:example-2007 ;
    mgo:certainty mgo:Asserted ;
    mgo:evidenceType <http://purl.obolibrary.org/obo/ECO_0000304> ;
    <https://w3id.org/biolink/vocab/knowledge_level> "knowledge_assertion" ;
    <https://w3id.org/biolink/vocab/agent_type> "manual_agent" ;
    mgo:statedIn pagetext:presentation .
}
