# A journal with two abbreviations.
# expect: Violation journal:journal-of-examples bibo:shortTitle MaxCount shape:Journal-shortTitle
INSERT DATA { journal:journal-of-examples bibo:shortTitle "J Examples" }
