# A book edition written as an IRI.
# expect: Violation reference:example-2011 bibo:edition NodeKind shape:Book-edition
DELETE WHERE { reference:example-2011 bibo:edition ?edition } ;
INSERT DATA { reference:example-2011 bibo:edition <https://example.org/edition/19> }
