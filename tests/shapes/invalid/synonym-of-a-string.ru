# A synonym record whose entity is given as a name.
# expect: Violation synonym:cervical-incompetence-ci mgo:synonymOf NodeKind shape:Synonym-synonymOf
# expect: Violation synonym:cervical-incompetence-ci mgo:synonymOf Class shape:Synonym-synonymOf
# expect: Violation synonym:cervical-incompetence-ci mgo:synonymOf MaxCount shape:Synonym-synonymOf
# expect: Violation synonym:cervical-incompetence-ci mgo:synonymText SPARQL shape:SynonymHasDirectTripleShape
INSERT DATA { synonym:cervical-incompetence-ci mgo:synonymOf "cervical incompetence" }
