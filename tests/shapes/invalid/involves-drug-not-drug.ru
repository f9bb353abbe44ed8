# A drug therapy that involves a treatment instead of a drug.
# expect: Violation treatment:vaginal-progesterone mgo:involvesDrug Class shape:involvesDrug
INSERT DATA { treatment:vaginal-progesterone mgo:involvesDrug treatment:cervical-cerclage }
