# An imported claim that does not name its data set.
# expect: Violation claim:hpo-0123456789abcdef prov:wasDerivedFrom MinCount shape:ImportedClaim-derivedFrom
DELETE DATA { claim:hpo-0123456789abcdef prov:wasDerivedFrom source:hpo-annotations }
