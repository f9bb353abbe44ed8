# An article with two last pages.
# expect: Violation reference:example-2010 bibo:pageEnd MaxCount shape:JournalArticle-pageEnd
INSERT DATA { reference:example-2010 bibo:pageEnd "06" }
