# A journal without title.
# expect: Violation journal:journal-of-examples dcterms:title MinCount shape:Journal-title
DELETE WHERE { journal:journal-of-examples dcterms:title ?title }
