# A source page with two rdfs:label.
# expect: Violation source:seed-000-4f362a13c7923613 rdfs:label MaxCount shape:optionalLabel
INSERT DATA { source:seed-000-4f362a13c7923613 rdfs:label "seed page"@en }
