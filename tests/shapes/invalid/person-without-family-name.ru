# A person without family name.
# expect: Violation person:specimen-c foaf:familyName MinCount shape:Person-familyName
DELETE WHERE { person:specimen-c foaf:familyName ?name }
