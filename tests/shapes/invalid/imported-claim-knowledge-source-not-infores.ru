# An imported claim whose knowledge source is a name, not an infores CURIE.
# expect: Violation claim:hpo-0123456789abcdef biolink:primary_knowledge_source Pattern shape:ImportedClaim-knowledgeSource
DELETE DATA { claim:hpo-0123456789abcdef biolink:primary_knowledge_source "infores:hpo-annotations" } ;
INSERT DATA { claim:hpo-0123456789abcdef biolink:primary_knowledge_source "HPO annotations" }
