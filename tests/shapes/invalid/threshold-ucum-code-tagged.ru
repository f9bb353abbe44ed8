# A UCUM code with a language tag.
# expect: Violation threshold:cervical-length-15-mm mgo:ucumCode Datatype shape:Threshold-ucumCode
DELETE WHERE { threshold:cervical-length-15-mm mgo:ucumCode ?code } ;
INSERT DATA { threshold:cervical-length-15-mm mgo:ucumCode "mm"@en }
