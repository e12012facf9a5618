"""Python-Markdown extensions, listed under markdown_extensions in mkdocs.yml.

Both MkDocs and Zensical run them, so nothing here may depend on MkDocs plugins, hooks
or events: only Python-Markdown (and pymdown-extensions' Blocks API). They render the
contacts, glossary and changes, and refuse a page that breaks the page contract or
holds mistyped syntax, naming the file and line.
"""
