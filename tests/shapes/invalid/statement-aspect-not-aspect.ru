# A statement whose aspect is a page section, not an aspect.
# expect: Violation statement:rates-higher-than-anticipated mgo:aspect In shape:ClinicalStatement-aspect
DELETE DATA { statement:rates-higher-than-anticipated mgo:aspect mgo:Epidemiology } ;
INSERT DATA { statement:rates-higher-than-anticipated mgo:aspect mgo:EpidemiologySection }
