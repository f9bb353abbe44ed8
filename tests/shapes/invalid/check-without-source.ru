# An identifier check that does not say where it was checked.
# expect: Violation idcheck:example-2007-doi mgo:verificationSource MinCount shape:IdentifierCheck-source
DELETE WHERE { idcheck:example-2007-doi mgo:verificationSource ?source }
