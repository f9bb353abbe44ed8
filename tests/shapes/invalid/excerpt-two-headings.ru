# An excerpt with two page headings.
# expect: Violation excerpt:presentation-1 mgo:pageHeading MaxCount shape:Excerpt-pageHeading
INSERT DATA { excerpt:presentation-1 mgo:pageHeading "Sex distribution" }
