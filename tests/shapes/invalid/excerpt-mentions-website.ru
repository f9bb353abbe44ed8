# An excerpt that mentions a website as a work.
# expect: Violation excerpt:epidemiology-1 mgo:mentionsWork Class shape:Excerpt-mentionsWork
INSERT DATA { excerpt:epidemiology-1 mgo:mentionsWork website:life-org-nz }
