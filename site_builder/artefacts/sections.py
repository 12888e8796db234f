"""The "section-html" artefact: the sanitised HTML of each of a practice's body sections
(content/markdown_safe.render), made once per text and kept in the store."""

from __future__ import annotations

from site_builder.artefacts.store import ArtefactStore
from site_builder.content.markdown_safe import render
from site_builder.core.model import Practice

KIND = "section-html"


def section_html(store: ArtefactStore, practice: Practice) -> tuple[str, ...]:
    """The sanitised HTML of each section, in the practice's order."""
    return store.per_record(KIND, practice, lambda p: _section_html(store, p))


def _section_html(store: ArtefactStore, practice: Practice) -> tuple[str, ...]:
    texts = [s.markdown for s in practice.sections]

    def make() -> tuple[str, ...]:
        store.rendered += len(texts)
        return tuple(render(text) for text in texts)

    return store.texts_artefact(KIND, html_key(store, texts), make, len(texts))


def html_key(store: ArtefactStore, texts: list[str]) -> str:
    """The key of the sections' HTML: their Markdown, nothing else."""
    return store.key(KIND, texts)


def keep(store: ArtefactStore, texts: list[str], html: tuple[str, ...]) -> None:
    """Sections rendered elsewhere (in the worker), kept as if made here."""
    store.rendered += len(texts)
    store.texts_artefact(KIND, html_key(store, texts), lambda: html, len(texts))


def render_all(texts: list[list[str]]) -> list[tuple[str, ...]]:
    """Each practice's sections' sanitised HTML (in the worker, or here)."""
    return [tuple(render(text) for text in practice) for practice in texts]
