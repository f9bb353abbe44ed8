# A reference's year written as a plain string.
# expect: Violation reference:example-2007 dcterms:issued Datatype shape:Reference-issued
DELETE WHERE { reference:example-2007 dcterms:issued ?year } ;
INSERT DATA { reference:example-2007 dcterms:issued "2007" }
