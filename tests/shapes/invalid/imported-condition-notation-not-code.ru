# An imported condition whose code is written as an IRI.
# expect: Violation condition:omim-130050 skos:notation Pattern shape:ImportedCondition-notation
DELETE DATA { condition:omim-130050 skos:notation "OMIM:130050" } ;
INSERT DATA { condition:omim-130050 skos:notation "https://omim.org/MIM:130050" }
