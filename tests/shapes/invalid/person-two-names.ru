# A person with two names.
# expect: Violation person:specimen-c foaf:name MaxCount shape:Person-name
INSERT DATA { person:specimen-c foaf:name "C. Specimen" }
