# A claim without rdfs:label.
# expect: Violation claim:sign-vaginal-bleeding rdfs:label MinCount shape:label
DELETE WHERE { claim:sign-vaginal-bleeding rdfs:label ?label }
