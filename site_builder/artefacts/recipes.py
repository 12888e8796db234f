"""The kinds of artefact: what each is made from, and the code that makes it.

Each artefact's key is the sha256 of what it is made from, and of nothing else:

``section-html``   the sanitised HTML of each body section (artefacts/sections.py): the
                   sections' Markdown; the code of markdown_safe (its tags, extensions,
                   rules) and the versions of Python-Markdown and nh3.
``section-text``   the plain text of each section, for the search (search/entries.py,
                   documents.plain): the sections' Markdown; the code of search/documents.
``search-entry``   the practice's search document (search/entries.py): the fields it reads
                   (id, title, organisation, region, country, ecosystems, themes, helix,
                   cluster role, the section headings), the section-text key, the
                   vocabularies' content (the labels), the site's URL style; the code.
``pdf-practice``   the practice's part of handbook.pdf's Typst source
                   (outputs/pdf/typst_sources.py): every field of the practice, its
                   section-html, the vocabularies' content, its source's record; the code.
``print-fragment`` the practice's script for the print view of a selection
                   (render/print_selection.py): every field of the practice, its
                   section-html key, the vocabularies' content, its source's record; the
                   code and the templates.
``page``           a generated page's key (render/pages/): see pages/framework.Planned.

None reads the practice's file name; the two section artefacts do not read its id either,
so two practices with the same text share them, and no more: their entries are their own.

"The code" of a kind is the fingerprint (fingerprint.py) of the module its recipe names,
of the store's (the format every kind is kept in), of the libraries and template folders
it names: what those modules import is found, never listed here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from site_builder.artefacts.fingerprint import PACKAGE, fingerprint

STORE = "site_builder.artefacts.store"
TEMPLATES = PACKAGE / "render" / "templates"


@dataclass(frozen=True)
class Recipe:
    module: str  # the module whose code makes the artefact (and all it imports)
    libraries: tuple[str, ...] = ()  # the distributions whose version changes it
    folders: tuple[Path, ...] = ()  # the folders of files it reads (templates)


RECIPES: dict[str, Recipe] = {
    "section-html": Recipe("site_builder.artefacts.sections", ("markdown", "nh3")),
    "section-text": Recipe("site_builder.search.documents"),
    "search-entry": Recipe("site_builder.search.entries"),
    "pdf-practice": Recipe("site_builder.outputs.pdf.typst_sources"),
    "print-fragment": Recipe("site_builder.render.print_selection", ("jinja2",), (TEMPLATES,)),
    "page": Recipe(
        "site_builder.render.pages.planned", ("jinja2", "markdown", "nh3"), (TEMPLATES,)
    ),
}


def code_version(kind: str) -> str:
    """The fingerprint of the code that makes the artefacts of `kind`."""
    recipe = RECIPES[kind]
    return fingerprint(recipe.module, STORE, libraries=recipe.libraries, folders=recipe.folders)


def code_versions() -> dict[str, str]:
    return {kind: code_version(kind) for kind in RECIPES}
