# An article whose first page is an IRI.
# expect: Violation reference:example-2010 bibo:pageStart NodeKind shape:JournalArticle-pageStart
DELETE WHERE { reference:example-2010 bibo:pageStart ?page } ;
INSERT DATA { reference:example-2010 bibo:pageStart <https://example.org/page/99> }
