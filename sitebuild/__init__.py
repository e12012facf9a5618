"""The site's own build code, by role (each subpackage says what belongs in it):

- build_site: the one way the site is built (MkDocs or Zensical, then the post-build
  pipeline). `python -m sitebuild.build_site`.
- extensions/: Python-Markdown extensions listed in mkdocs.yml, run by both builders.
- sources/: reading the project's own files (data/*.yml, pages' front matter), with
  messages that name the file and line.
- postbuild/: the ordered steps applied to the built site after the builder.
- checks/: checks and reports run on demand or by tests, not by every build.
- devtools/: tools for people working on the site: local server, Chromium, benchmark.
- errors: how every part reports a content author's mistakes.
"""
