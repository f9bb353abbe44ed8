# A statement whose text has no language tag.
# expect: Violation statement:rates-higher-than-anticipated mgo:statementText LanguageIn shape:ClinicalStatement-statementText
DELETE WHERE { statement:rates-higher-than-anticipated mgo:statementText ?text } ;
INSERT DATA { statement:rates-higher-than-anticipated mgo:statementText "Rates are higher than anticipated." }
