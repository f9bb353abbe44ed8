# A synonym record that does not say where the page uses the synonym.
# expect: Violation synonym:cervical-incompetence-ci mgo:synonymSource MinCount shape:Synonym-synonymSource
DELETE DATA { synonym:cervical-incompetence-ci mgo:synonymSource excerpt:treatment-1 }
