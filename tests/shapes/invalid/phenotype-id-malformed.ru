# An HPO term whose id is written with an underscore.
# expect: Violation hp:0000118 oboInOwl:id Pattern shape:PhenotypicFeature-id
DELETE DATA { <http://purl.obolibrary.org/obo/HP_0000118> oboInOwl:id "HP:0000118" } ;
INSERT DATA { <http://purl.obolibrary.org/obo/HP_0000118> oboInOwl:id "HP_0000118" }
