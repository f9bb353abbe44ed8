# The condition has a hidden label equal to one of its synonyms.
# expect: Violation condition:cervical-incompetence skos:hiddenLabel Disjoint shape:hiddenLabel
INSERT DATA { condition:cervical-incompetence skos:hiddenLabel "cervical weakness"@en }
