"""Search: one lunr index for the site, the offline download and the command line.

documents.py  which text of which record goes into the index
text.py       words -> terms (the browser's worker does the same in JavaScript)
build.py      documents -> lunr.py index + what results show (the search payload)
query.py      query text and filters -> ranked hits and snippets
cache.py      the command line's copy, built from the content tree on first use
site.py       the payload written into the built site, for mkdocs-material's search
cli.py        `handbook search`
"""
