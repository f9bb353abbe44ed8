# A synonym record as a blank node.
# expect: Violation _: - NodeKind shape:SynonymShape
INSERT DATA { [ a mgo:Synonym ; mgo:synonymOf condition:cervical-incompetence ; mgo:synonymText "cervical insufficiency"@en ;
    mgo:synonymScope oboInOwl:hasExactSynonym ; mgo:synonymSource pagetext:presentation ] }
