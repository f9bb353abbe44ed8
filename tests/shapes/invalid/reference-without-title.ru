# A reference without title.
# expect: Violation reference:example-2010 dcterms:title MinCount shape:Reference-title
DELETE WHERE { reference:example-2010 dcterms:title ?title }
