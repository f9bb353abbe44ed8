# An article said to be part of a book.
# expect: Violation reference:example-2010 dcterms:isPartOf Class shape:JournalArticle-isPartOf
DELETE WHERE { reference:example-2010 dcterms:isPartOf ?journal } ;
INSERT DATA { reference:example-2010 dcterms:isPartOf reference:example-2011 }
