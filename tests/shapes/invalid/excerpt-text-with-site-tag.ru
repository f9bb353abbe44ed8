# An excerpt whose text still ends with the page's [site] tag.
# expect: Violation excerpt:treatment-1 mgo:passageText Not shape:Excerpt-noSiteTag
DELETE WHERE { excerpt:treatment-1 mgo:passageText ?text } ;
INSERT DATA { excerpt:treatment-1 mgo:passageText "This study aimed to evaluate the effectiveness and safety of cervical cerclage.[ncbi.nlm.nih.gov]" }
