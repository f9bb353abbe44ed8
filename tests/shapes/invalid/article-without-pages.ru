# An article with neither pages nor an article number.
# expect: Warning reference:example-2010 - Or shape:JournalArticleLocatorShape
DELETE WHERE { reference:example-2010 bibo:pageStart ?start } ;
DELETE WHERE { reference:example-2010 bibo:pageEnd ?end }
