# The second excerpt of the presentation section numbered 3.
# expect: Violation excerpt:presentation-2 mgo:position SPARQL shape:ExcerptPositionGapShape
DELETE WHERE { excerpt:presentation-2 mgo:position ?position } ;
INSERT DATA { excerpt:presentation-2 mgo:position "3"^^xsd:positiveInteger }
