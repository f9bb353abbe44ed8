# A drug whose rdfs:label and skos:prefLabel have no language tag.
# expect: Violation drug:progesterone rdfs:label LanguageIn shape:label
# expect: Violation drug:progesterone skos:prefLabel LanguageIn shape:prefLabel
DELETE DATA { drug:progesterone rdfs:label "progesterone"@en ; skos:prefLabel "progesterone"@en } ;
INSERT DATA { drug:progesterone rdfs:label "progesterone" ; skos:prefLabel "progesterone" }
