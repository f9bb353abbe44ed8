# A synonym record whose scope is a SKOS label property instead of an OBO scope.
# expect: Violation synonym:cervical-incompetence-ci mgo:synonymScope In shape:Synonym-synonymScope
# expect: Violation condition:cervical-incompetence oboInOwl:hasRelatedSynonym SPARQL shape:SynonymRecordedShape
DELETE DATA { synonym:cervical-incompetence-ci mgo:synonymScope oboInOwl:hasRelatedSynonym } ;
INSERT DATA { synonym:cervical-incompetence-ci mgo:synonymScope skos:hiddenLabel }
