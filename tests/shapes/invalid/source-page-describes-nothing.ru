# A source page that does not name its condition.
# expect: Violation source:seed-000-4f362a13c7923613 mgo:describes MinCount shape:SourcePage-describes
DELETE WHERE { source:seed-000-4f362a13c7923613 mgo:describes ?condition }
