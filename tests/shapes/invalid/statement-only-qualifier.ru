# A statement used only as a claim's qualifier, reached by no hasClinicalStatement edge.
# expect: Warning statement:no-definitive-des-study ^mgo:hasClinicalStatement MinCount shape:ClinicalStatement-ofCondition
INSERT DATA {
  statement:no-definitive-des-study a mgo:ClinicalStatement ;
    rdfs:label "no definitive study of DES exposure"@en ;
    mgo:aspect mgo:Etiology ;
    mgo:statementText "No definitive epidemiologic study has shown that DES exposure makes the condition more frequent."@en .
  claim:risk-factor-polycystic-ovary-syndrome mgo:qualifiedBy statement:no-definitive-des-study .
}
