"""Tools for people working on the site, not part of what is published: the loopback
server, the system Chromium, the benchmark (make bench)."""
