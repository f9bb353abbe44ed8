# A clinical statement labelled in German only.
# expect: Violation statement:rates-higher-than-anticipated rdfs:label LanguageIn shape:label
DELETE WHERE { statement:rates-higher-than-anticipated rdfs:label ?label } ;
INSERT DATA { statement:rates-higher-than-anticipated rdfs:label "höhere Raten als erwartet"@de }
