# A reference whose author list is removed.
# expect: Warning reference:example-2010 mgo:hasAuthorship MinCount shape:Reference-hasAuthors
DELETE WHERE { authorship:example-2010-1 ?p ?o } ;
DELETE WHERE { reference:example-2010 mgo:hasAuthorship ?authorship } ;
DELETE WHERE { reference:example-2010 dcterms:creator ?creator }
