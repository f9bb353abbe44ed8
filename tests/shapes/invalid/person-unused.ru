# A person who authors nothing.
# expect: Warning person:mcelrath-tf ^mgo:author MinCount shape:Person-isAuthor
INSERT DATA { person:mcelrath-tf a foaf:Person ; foaf:familyName "McElrath" ; foaf:name "McElrath TF" }
