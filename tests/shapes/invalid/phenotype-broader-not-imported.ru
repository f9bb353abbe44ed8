# An HPO term whose parent was not imported.
# expect: Violation hp:0030009 skos:broader Class shape:PhenotypicFeature-broader
INSERT DATA { <http://purl.obolibrary.org/obo/HP_0030009> skos:broader <http://purl.obolibrary.org/obo/HP_0012888> }
