"""The handbook project folder: where everything in it is, and finding it.

Every path below is relative to the project root (found once, by the command line, and
passed down); the other modules take their paths from here and write none of their own.
"""

from __future__ import annotations

from pathlib import Path

# -- what editors write ------------------------------------------------------------------
PRACTICES = "practices"  # one practice per file, <id>.md
RECOMMENDATIONS = "recommendations"  # one policy recommendation per file, <id>.md
CONTENT = {PRACTICES: "practice", RECOMMENDATIONS: "recommendation"}  # folder -> its kind
SOURCES = "sources.yml"  # the register of the documents the content comes from
SCHEMA = "schema"  # the JSON Schemas `handbook schema` writes, and the vocabularies
VOCABULARIES = f"{SCHEMA}/vocabularies.yml"  # every value an editor may choose
DOCS = "docs"  # the hand-written pages, where mkdocs.yml names no other docs_dir
CONFIG = "mkdocs.yml"  # the site's settings

# -- what the build and the command line keep between runs (git ignores it; safe to delete)
CACHE = Path(".handbook-cache")
ARTEFACTS_CACHE = CACHE / "artefacts"  # per-practice artefacts by key (artefacts/store.py)
VALIDATE_CACHE = CACHE / "validate"  # the files `handbook validate` found valid
PDF_CACHE = CACHE / "pdf"  # each part of the handbook's PDF by the hash of its source
# two search caches, not one: the build's index files by the key of what they were made
# from (search/site.py), and `handbook search`'s own copy, with the texts of its snippets
# and the fingerprint of the files it was made from (search/stored.py)
SEARCH_FILES_CACHE = CACHE / "search-index"
COMMAND_LINE_SEARCH = CACHE / "search"
KEPT_PAGES = CACHE / "pages.json"  # the manifest of the last build's pages (build/kept.py)
BUILD_LOCK = CACHE / "build.lock"  # one build at a time moves its site into place


def find_root(start: Path | None = None) -> Path:
    """The handbook project folder: the nearest folder up with a practices/ folder."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / PRACTICES).is_dir() and (folder / CONFIG).exists():
            return folder
    return here
