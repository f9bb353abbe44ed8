# The condition's excerpt points at a paragraph of page text.
# expect: Violation condition:cervical-incompetence mgo:hasExcerpt Class shape:Condition-hasExcerpt
INSERT DATA { condition:cervical-incompetence mgo:hasExcerpt pagetext:presentation }
