# A book with two places of publication.
# expect: Violation reference:example-2011 mgo:placeOfPublication MaxCount shape:Book-placeOfPublication
INSERT DATA { reference:example-2011 mgo:placeOfPublication "Elsewhere" }
