# An article with two volumes.
# expect: Violation reference:example-2010 bibo:volume MaxCount shape:JournalArticle-volume
INSERT DATA { reference:example-2010 bibo:volume "11" }
