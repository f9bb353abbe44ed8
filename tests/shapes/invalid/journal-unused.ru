# A journal no article is part of.
# expect: Warning journal:human-reproduction ^dcterms:isPartOf MinCount shape:Journal-hasArticle
INSERT DATA { journal:human-reproduction a mgo:Journal ; dcterms:title "Human Reproduction" ; bibo:shortTitle "Hum Reprod" }
