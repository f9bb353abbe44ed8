# A DOI on a reference whose DOI check is Unverified (identifiers appear only when verified).
# expect: Violation reference:example-2010 bibo:doi SPARQL shape:ReferenceIdentifierVerifiedShape
INSERT DATA { reference:example-2010 bibo:doi "10.5555/87654321" }
