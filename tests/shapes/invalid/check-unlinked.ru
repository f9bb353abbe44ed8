# An identifier check that no reference has.
# expect: Violation idcheck:example-2007-pmcid ^mgo:hasIdentifierCheck MinCount shape:IdentifierCheck-ofReference
DELETE DATA { reference:example-2007 mgo:hasIdentifierCheck idcheck:example-2007-pmcid }
