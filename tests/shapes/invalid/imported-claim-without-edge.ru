# The direct edge of the imported claim is removed; the claim stays.
# expect: Violation claim:hpo-0123456789abcdef - SPARQL shape:ImportedClaimHasDirectEdgeShape
DELETE DATA { condition:omim-130050 mgo:hasSignOrSymptom <http://purl.obolibrary.org/obo/HP_0030009> }
