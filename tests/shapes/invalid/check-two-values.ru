# An identifier check with two values.
# expect: Violation idcheck:example-2007-pmcid mgo:identifierValue MaxCount shape:IdentifierCheck-value
INSERT DATA { idcheck:example-2007-pmcid mgo:identifierValue "PMC9999902" }
