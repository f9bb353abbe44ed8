# An imported claim without its reference.
# expect: Violation claim:hpo-0123456789abcdef mgo:supportedBy MinCount shape:ImportedClaim-supportedBy
DELETE DATA { claim:hpo-0123456789abcdef mgo:supportedBy <https://omim.org/MIM:130050> }
