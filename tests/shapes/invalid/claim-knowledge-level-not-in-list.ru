# A claim whose knowledge level is not a value of Biolink's KnowledgeLevelEnum.
# expect: Violation claim:sign-vaginal-bleeding biolink:knowledge_level In shape:Claim-knowledgeLevel
DELETE WHERE { claim:sign-vaginal-bleeding biolink:knowledge_level ?level } ;
INSERT DATA { claim:sign-vaginal-bleeding biolink:knowledge_level "assertion" }
