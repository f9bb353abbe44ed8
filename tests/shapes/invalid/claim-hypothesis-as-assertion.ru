# A claim the page hypothesizes, given Biolink's knowledge level of an assertion.
# expect: Violation claim:outcome-preterm-birth biolink:knowledge_level SPARQL shape:ClaimKnowledgeLevelAgreesShape
DELETE DATA { claim:outcome-preterm-birth mgo:certainty mgo:Asserted } ;
INSERT DATA { claim:outcome-preterm-birth mgo:certainty mgo:Hypothesized }
