"""The sections of a cold build rendered on two cores: half of them in the worker."""

from __future__ import annotations

from collections.abc import Sequence

from site_builder.artefacts import sections
from site_builder.artefacts.store import ArtefactStore
from site_builder.artefacts.worker import Worker
from site_builder.core.model import Practice

PARALLEL_FROM = 200  # practices whose sections to render before the worker takes half


def render_sections(
    store: ArtefactStore, practices: Sequence[Practice], worker: Worker | None
) -> None:
    """Ahead of sections.section_html: the sections of these practices that are neither
    in memory nor on disk, every other practice's rendered in the worker meanwhile (from
    PARALLEL_FROM practices on: fewer are not worth the copying)."""
    missing = []
    for p in practices:
        texts = [s.markdown for s in p.sections]
        if not store.has(sections.KIND, sections.html_key(store, texts)):
            missing.append(texts)
    if worker is None or len(missing) < PARALLEL_FROM:
        return
    theirs = worker.submit(sections.render_all, missing[1::2])
    mine = sections.render_all(missing[0::2])
    done = [*zip(missing[0::2], mine, strict=True)]
    done += zip(missing[1::2], theirs.result(), strict=True)
    for texts, html in done:
        sections.keep(store, texts, html)
