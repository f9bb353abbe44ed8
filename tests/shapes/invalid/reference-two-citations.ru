# A reference with two bibliographic citations.
# expect: Violation reference:example-2011 dcterms:bibliographicCitation MaxCount shape:Reference-bibliographicCitation
INSERT DATA { reference:example-2011 dcterms:bibliographicCitation "Specimen C. Manual. 2011." }
