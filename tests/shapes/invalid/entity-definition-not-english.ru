# A risk factor whose definition has no language tag.
# expect: Violation riskfactor:polycystic-ovary-syndrome skos:definition LanguageIn shape:definition
DELETE WHERE { riskfactor:polycystic-ovary-syndrome skos:definition ?definition } ;
INSERT DATA { riskfactor:polycystic-ovary-syndrome skos:definition "An endocrine disorder with irregular ovulation." }
