# The condition's definition cites no reference.
# expect: Warning condition:cervical-incompetence mgo:definitionSupportedBy MinCount shape:Condition-definitionCited
DELETE WHERE { condition:cervical-incompetence mgo:definitionSupportedBy ?reference }
