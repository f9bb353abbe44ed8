# An excerpt that no condition has.
# expect: Warning excerpt:epidemiology-1 ^mgo:hasExcerpt MinCount shape:Excerpt-ofCondition
DELETE DATA { condition:cervical-incompetence mgo:hasExcerpt excerpt:epidemiology-1 }
