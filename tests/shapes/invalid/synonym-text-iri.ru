# A synonym record whose text is an IRI, and a second text.
# expect: Violation synonym:cervical-incompetence-ci mgo:synonymText NodeKind shape:Synonym-synonymText
# expect: Violation synonym:cervical-incompetence-ci mgo:synonymText MaxCount shape:Synonym-synonymText
# expect: Violation synonym:cervical-incompetence-ci mgo:synonymText SPARQL shape:SynonymHasDirectTripleShape
INSERT DATA { synonym:cervical-incompetence-ci mgo:synonymText <https://example.org/CI> }
