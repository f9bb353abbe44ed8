# Page text cites a work that its page's numbered list does not hold.
# expect: Violation pagetext:presentation mgo:citesReference SPARQL shape:PageTextCitesListedWorkShape
INSERT DATA { pagetext:presentation mgo:citesReference reference:example-2010 }
