# Page text cites a journal instead of a reference.
# expect: Violation pagetext:presentation mgo:citesReference Class shape:PageText-citesReference
# expect: Violation pagetext:presentation mgo:citesReference SPARQL shape:PageTextCitesListedWorkShape
INSERT DATA { pagetext:presentation mgo:citesReference journal:journal-of-examples }
