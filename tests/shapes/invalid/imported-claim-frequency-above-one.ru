# An imported claim whose frequency is a percentage number, not a fraction of patients.
# expect: Violation claim:hpo-0123456789abcdef mgo:frequencyValue MaxInclusive shape:ImportedClaim-frequencyValue
DELETE DATA { claim:hpo-0123456789abcdef mgo:frequencyValue 0.17 } ;
INSERT DATA { claim:hpo-0123456789abcdef mgo:frequencyValue 17.0 }
