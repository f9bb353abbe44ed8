# A claim's quote tagged as English text instead of the page's verbatim string.
# expect: Violation claim:sign-vaginal-bleeding mgo:quote Datatype shape:Claim-quote
INSERT DATA { claim:sign-vaginal-bleeding mgo:quote "vaginal spotting or bleeding"@en }
