# A diagnostic test without skos:prefLabel.
# expect: Violation diagnostic:transvaginal-ultrasonography skos:prefLabel MinCount shape:prefLabel
# expect: Violation diagnostic:transvaginal-ultrasonography skos:prefLabel Equals shape:prefLabelEqualsLabel
DELETE WHERE { diagnostic:transvaginal-ultrasonography skos:prefLabel ?label }
