# A synonym type written as a word instead of an OMO synonym type.
# expect: Violation synonym:cervical-incompetence-ci oboInOwl:hasSynonymType In shape:Synonym-synonymType
INSERT DATA { synonym:cervical-incompetence-ci oboInOwl:hasSynonymType "acronym" }
