# A treatment claim that the page states only in an encyclopedia excerpt.
# expect: Violation claim:treatment-vaginal-progesterone - SPARQL shape:ClaimStatedInCitablePassageShape
DELETE DATA { claim:treatment-vaginal-progesterone mgo:statedIn excerpt:treatment-1 } ;
INSERT DATA { claim:treatment-vaginal-progesterone mgo:statedIn excerpt:presentation-1 }
