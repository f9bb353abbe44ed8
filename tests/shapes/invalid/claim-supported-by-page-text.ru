# A claim cites a paragraph of page text as evidence.
# expect: Violation claim:sign-vaginal-bleeding mgo:supportedBy Class shape:Claim-supportedBy
INSERT DATA { claim:sign-vaginal-bleeding mgo:supportedBy pagetext:presentation }
