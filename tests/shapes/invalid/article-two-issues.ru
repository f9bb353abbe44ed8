# An article with two issues.
# expect: Violation reference:example-2007 bibo:issue MaxCount shape:JournalArticle-issue
INSERT DATA { reference:example-2007 bibo:issue "1" }
