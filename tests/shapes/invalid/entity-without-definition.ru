# A drug without skos:definition.
# expect: Violation drug:progesterone skos:definition MinCount shape:definition
DELETE WHERE { drug:progesterone skos:definition ?definition }
