# A synonym record whose entity does not carry the synonym (OBO tools would not see it).
# expect: Violation synonym:cervical-incompetence-cervical-insufficiency mgo:synonymText SPARQL shape:SynonymHasDirectTripleShape
DELETE DATA { condition:cervical-incompetence oboInOwl:hasExactSynonym "cervical insufficiency"@en }
