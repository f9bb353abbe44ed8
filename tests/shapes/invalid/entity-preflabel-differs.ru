# A sign whose skos:prefLabel differs from its rdfs:label.
# expect: Violation sign:vaginal-bleeding skos:prefLabel Equals shape:prefLabelEqualsLabel
DELETE DATA { sign:vaginal-bleeding skos:prefLabel "vaginal spotting or bleeding"@en } ;
INSERT DATA { sign:vaginal-bleeding skos:prefLabel "vaginal bleeding"@en }
