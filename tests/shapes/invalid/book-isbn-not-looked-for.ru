# A book without ISBN and without an ISBN check saying why.
# expect: Warning reference:example-2011 bibo:isbn SPARQL shape:BookIdentifierShape
DELETE WHERE { idcheck:example-2011-isbn ?p ?o } ;
DELETE DATA { reference:example-2011 mgo:hasIdentifierCheck idcheck:example-2011-isbn }
