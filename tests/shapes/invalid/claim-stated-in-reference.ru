# A claim stated in a reference instead of a passage of the page.
# expect: Violation claim:sign-vaginal-bleeding mgo:statedIn Class shape:Claim-statedIn
INSERT DATA { claim:sign-vaginal-bleeding mgo:statedIn reference:example-2011 }
