# A paragraph of page text that no condition has.
# expect: Warning pagetext:workup ^mgo:hasPageText MinCount shape:PageText-ofCondition
INSERT DATA {
  pagetext:workup a mgo:PageText ;
    mgo:passageText "Transvaginal ultrasonography has shown to be of pivotal benefit [2] [4]." ;
    mgo:pageSection mgo:WorkupSection ;
    mgo:fromPage source:seed-000-4f362a13c7923613 .
}
