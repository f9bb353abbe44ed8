# An outcome with two rdfs:label (and a second skos:prefLabel to match).
# expect: Violation outcome:preterm-birth rdfs:label MaxCount shape:label
# expect: Violation outcome:preterm-birth skos:prefLabel UniqueLang shape:prefLabel
INSERT DATA { outcome:preterm-birth rdfs:label "premature delivery"@en ; skos:prefLabel "premature delivery"@en }
