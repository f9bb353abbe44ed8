# A SKOS match from a clinical entity that no code node records.
# expect: Violation sign:vaginal-bleeding - SPARQL shape:MappingHasCodeShape
INSERT DATA {
  sign:vaginal-bleeding skos:exactMatch <http://id.nlm.nih.gov/mesh/D014592> .
}
