# An external reference without the identifier the source wrote.
# expect: Violation omim:130050 dcterms:identifier MinCount shape:ExternalReference-identifier
DELETE DATA { <https://omim.org/MIM:130050> dcterms:identifier "OMIM:130050" }
