# A person minted with capitals and an underscore in its slug (person:Sample_B).
# expect: Warning person:Sample_B - Or shape:DataIRIShape
DELETE { person:sample-b ?p ?o } INSERT { person:Sample_B ?p ?o } WHERE { person:sample-b ?p ?o } ;
DELETE { ?s ?p person:sample-b } INSERT { ?s ?p person:Sample_B } WHERE { ?s ?p person:sample-b }
