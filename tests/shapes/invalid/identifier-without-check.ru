# A PMCID on a reference with no check of that value.
# expect: Violation reference:example-2010 fabio:hasPubMedCentralId SPARQL shape:ReferenceIdentifierVerifiedShape
INSERT DATA { reference:example-2010 fabio:hasPubMedCentralId "PMC8765432" }
