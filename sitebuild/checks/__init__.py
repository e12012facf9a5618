"""Checks and reports run on demand (make links, make links-external,
make content-report) or by the tests, on a built site or the sources: links, reading
grade, advice the site must never give. The build itself does not run them.
"""
