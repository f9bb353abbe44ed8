# The condition's page text points at an excerpt.
# expect: Violation condition:cervical-incompetence mgo:hasPageText Class shape:Condition-hasPageText
INSERT DATA { condition:cervical-incompetence mgo:hasPageText excerpt:treatment-1 }
