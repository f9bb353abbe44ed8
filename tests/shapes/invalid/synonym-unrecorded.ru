# An OBO synonym of an entity with no record of where the page uses it.
# expect: Violation riskfactor:polycystic-ovary-syndrome oboInOwl:hasExactSynonym SPARQL shape:SynonymRecordedShape
INSERT DATA { riskfactor:polycystic-ovary-syndrome oboInOwl:hasExactSynonym "polycystic ovarian syndrome"@en }
