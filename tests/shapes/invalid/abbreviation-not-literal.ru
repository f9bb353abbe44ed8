# A risk factor's abbreviation written as an IRI.
# expect: Violation riskfactor:polycystic-ovary-syndrome mgo:abbreviation NodeKind shape:abbreviation
INSERT DATA { riskfactor:polycystic-ovary-syndrome mgo:abbreviation <https://example.org/PCOS> }
