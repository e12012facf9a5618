"""Steps applied to the built site after MkDocs or Zensical has written it.

pipeline.py runs them: site-wide files first (open data, security.txt, style sheet),
then every page read once, passed through each page step in order, the
Content-Security-Policy added last, and written once. The sheet PDFs are printed from
the finished pages. A new step goes in pipeline.PAGE_STEPS or SITE_STEPS.
"""
