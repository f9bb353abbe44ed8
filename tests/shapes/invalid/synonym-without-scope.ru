# A synonym record that does not say whether the synonym is exact, related, broad or narrow.
# expect: Violation synonym:cervical-incompetence-cervical-insufficiency mgo:synonymScope MinCount shape:Synonym-synonymScope
# expect: Violation condition:cervical-incompetence oboInOwl:hasExactSynonym SPARQL shape:SynonymRecordedShape
DELETE DATA { synonym:cervical-incompetence-cervical-insufficiency mgo:synonymScope oboInOwl:hasExactSynonym }
