# An article without PMID and without a PMID check saying why.
# expect: Warning reference:example-2010 bibo:pmid SPARQL shape:JournalArticleIdentifierShape
DELETE WHERE { idcheck:example-2010-pmid ?p ?o } ;
DELETE DATA { reference:example-2010 mgo:hasIdentifierCheck idcheck:example-2010-pmid }
