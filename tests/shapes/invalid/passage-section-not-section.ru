# Page text whose section is a statement aspect.
# expect: Violation pagetext:presentation mgo:pageSection In shape:pageSection
DELETE WHERE { pagetext:presentation mgo:pageSection ?section } ;
INSERT DATA { pagetext:presentation mgo:pageSection mgo:Presentation }
