"""Checked documents -> the validated model: frozen records and the Handbook."""

from __future__ import annotations

from typing import Protocol

from site_builder.content import body
from site_builder.content.load import Document
from site_builder.core.model import (
    Contact,
    ContentError,
    Handbook,
    Period,
    Practice,
    Problem,
    Recommendation,
    Section,
    Source,
)
from site_builder.core.sections import SECTION_BY_HEADING
from site_builder.core.vocab import Vocabularies

Record = Practice | Recommendation


class Made:
    """The records of the last model made with it, by the document each was made from, so
    that the next model makes each record once: a document kept by validate.Checker (its
    file unchanged) gives the very record it gave before, unless the vocabularies changed
    or (a recommendation) the practices it cites that exist. The records stage's own
    memory, kept by the Checker between its checks; the documents are not changed."""

    def __init__(self) -> None:
        self._last: dict[int, tuple[Document, Vocabularies, Record]] = {}

    def before(self, doc: Document, vocabularies: Vocabularies) -> Record | None:
        """What this very document gave with these very vocabularies, if anything."""
        found = self._last.get(id(doc))
        return found[2] if found and found[0] is doc and found[1] is vocabularies else None

    def remember(self, vocabularies: Vocabularies, made: list[tuple[Document, Record]]) -> None:
        """The records of this model, in place of the last one's."""
        self._last = {id(doc): (doc, vocabularies, record) for doc, record in made}


class Checked(Protocol):
    """What the model is made from: validate.Result, without importing validate."""

    documents: list[Document]
    sources: dict[str, Source]
    problems: list[Problem]
    vocabularies: Vocabularies
    made: Made


def model_from(result: Checked, *, skip_invalid: bool = False) -> Handbook:
    """The model of the checked documents; with skip_invalid, of the valid ones only
    (for `mkdocs serve`, which shows the problems instead of stopping)."""
    if result.problems and not skip_invalid:
        raise ContentError(result.problems)
    bad = {p.location.path for p in result.problems}
    good = [d for d in result.documents if d.path not in bad]
    vocabularies, made = result.vocabularies, result.made
    practice_docs = [d for d in good if d.kind == "practice"]
    practices = [_practice(d, vocabularies, made) for d in practice_docs]
    known = {p.id for p in practices}
    recommendation_docs = [d for d in good if d.kind == "recommendation"]
    recommendations = [_recommendation(d, known, vocabularies, made) for d in recommendation_docs]
    made.remember(
        vocabularies,
        [
            *zip(practice_docs, practices, strict=True),
            *zip(recommendation_docs, recommendations, strict=True),
        ],
    )
    return Handbook(
        practices=tuple(sorted(practices, key=lambda p: (p.title.casefold(), p.id))),
        recommendations=tuple(sorted(recommendations, key=_number_key)),
        sources=result.sources,
        vocabularies=result.vocabularies,
    )


def _practice(doc: Document, vocabularies: Vocabularies, made: Made) -> Practice:
    """to_practice, or the very Practice this document gave before (Made)."""
    before = made.before(doc, vocabularies)
    return before if isinstance(before, Practice) else to_practice(doc)


def _recommendation(
    doc: Document, known: set[str], vocabularies: Vocabularies, made: Made
) -> Recommendation:
    """to_recommendation, or the very Recommendation this document gave before while the
    practices it cites that exist stay the same."""
    before = made.before(doc, vocabularies)
    if isinstance(before, Recommendation) and before.practices == _cited(doc, known):
        return before
    return to_recommendation(doc, known)


def _number_key(rec: Recommendation) -> tuple:
    return tuple(int(n) for n in rec.number.split(".")), rec.id


def to_practice(doc: Document) -> Practice:
    data = doc.data or {}
    contact = data.get("contact") or []
    contacts = [contact] if isinstance(contact, dict) else contact
    period = data.get("period")
    blocks = doc.blocks or body.split_blocks(doc.body, doc.body_line)
    return Practice(
        id=data["id"],
        title=data["title"],
        organisation=data["organisation"],
        country=data["country"],
        ecosystems=tuple(data["ecosystems"]),
        helix=tuple(data["helix"]),
        cluster_role=data["cluster_role"],
        source=data["source"],
        sections=tuple(
            Section(SECTION_BY_HEADING[b.head.text], b.head.text, b.markdown, b.head.line)
            for b in blocks[1:]
        ),
        path=doc.path,
        region=data.get("region"),
        themes=tuple(data.get("themes") or ()),
        contacts=tuple(Contact(**c) for c in contacts),
        period=Period(
            *(None if period.get(k) is None else str(period.get(k)) for k in ("start", "end"))
        )
        if period
        else None,
        source_section=data.get("source_section"),
        former_ids=tuple(data.get("former_ids") or ()),
    )


def to_recommendation(doc: Document, known_practices: set[str]) -> Recommendation:
    data = doc.data or {}
    return Recommendation(
        id=data["id"],
        title=data["title"],
        number=data["number"],
        source=data["source"],
        body=doc.body.strip("\n"),
        path=doc.path,
        status=data.get("status"),
        points=tuple(data.get("points") or ()),
        practices=_cited(doc, known_practices),
    )


def _cited(doc: Document, known_practices: set[str]) -> tuple[str, ...]:
    """The practices a recommendation cites that exist (a missing one is a problem)."""
    return tuple(p for p in (doc.data or {}).get("practices") or () if p in known_practices)
