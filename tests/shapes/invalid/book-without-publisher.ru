# A book without publisher.
# expect: Violation reference:example-2011 dcterms:publisher MinCount shape:Book-publisher
DELETE WHERE { reference:example-2011 dcterms:publisher ?publisher }
