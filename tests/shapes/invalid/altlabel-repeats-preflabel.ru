# An outcome whose synonym repeats its preferred label.
# expect: Violation outcome:preterm-birth skos:altLabel Disjoint shape:altLabel
INSERT DATA { outcome:preterm-birth skos:altLabel "preterm birth"@en }
