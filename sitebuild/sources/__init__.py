"""Reading the project's own files: data/contacts.yml, data/glossary.yml, the other
data lists and each page's front matter.

Loaders return plain data and validators return problems as `file:line: what to fix`;
nothing here renders HTML or knows which builder is running.
"""
