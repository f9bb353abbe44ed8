# Two excerpts of the presentation section at position 1.
# expect: Violation excerpt:presentation-1 mgo:position SPARQL shape:ExcerptPositionUniqueShape
# expect: Violation excerpt:presentation-2 mgo:position SPARQL shape:ExcerptPositionUniqueShape
DELETE WHERE { excerpt:presentation-2 mgo:position ?position } ;
INSERT DATA { excerpt:presentation-2 mgo:position "1"^^xsd:positiveInteger }
