# A claim minted in the outcome namespace (outcome:claim-preterm-birth).
# expect: Warning outcome:claim-preterm-birth - Or shape:DataIRIShape
DELETE { claim:outcome-preterm-birth ?p ?o }
INSERT { outcome:claim-preterm-birth ?p ?o }
WHERE { claim:outcome-preterm-birth ?p ?o }
