# A claim's comparison group without language tag.
# expect: Violation claim:statement-rates-higher-than-anticipated mgo:comparisonGroup LanguageIn shape:Claim-comparisonGroup
INSERT DATA { claim:statement-rates-higher-than-anticipated mgo:comparisonGroup "Caucasian women" }
