# An excerpt that does not say which page it is on.
# expect: Violation excerpt:epidemiology-1 mgo:fromPage MinCount shape:fromPage
DELETE WHERE { excerpt:epidemiology-1 mgo:fromPage ?page }
