# A drug therapy that names no drug (and so its drug is used by nothing).
# expect: Warning treatment:vaginal-progesterone mgo:involvesDrug MinCount shape:DrugTherapy-involvesDrug
# expect: Warning drug:progesterone ^mgo:involvesDrug MinCount shape:Drug-usedBy
DELETE DATA { treatment:vaginal-progesterone mgo:involvesDrug drug:progesterone }
