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


class Checked(Protocol):
    """What the model is made from: validate.Result, without importing validate."""

    documents: list[Document]
    sources: dict[str, Source]
    problems: list[Problem]
    vocabularies: Vocabularies


def model_from(result: Checked, *, skip_invalid: bool = False) -> Handbook:
    """The model of the checked documents; with skip_invalid, of the valid ones only
    (for `mkdocs serve`, which shows the problems instead of stopping)."""
    if result.problems and not skip_invalid:
        raise ContentError(result.problems)
    bad = {p.location.path for p in result.problems}
    good = [d for d in result.documents if d.path not in bad]
    vocabularies = result.vocabularies
    practices = [_practice(d, vocabularies) for d in good if d.kind == "practice"]
    known = {p.id for p in practices}
    recommendations = [
        _recommendation(d, known, vocabularies) for d in good if d.kind == "recommendation"
    ]
    return Handbook(
        practices=tuple(sorted(practices, key=lambda p: (p.title.casefold(), p.id))),
        recommendations=tuple(sorted(recommendations, key=_number_key)),
        sources=result.sources,
        vocabularies=result.vocabularies,
    )


def _practice(doc: Document, vocabularies: Vocabularies) -> Practice:
    """to_practice, made once per Document: a document kept by validate.Checker (its file
    unchanged) gives the very Practice it gave before, unless the vocabularies changed."""
    made = doc.made
    if made is not None and made[0] is vocabularies and isinstance(made[1], Practice):
        return made[1]
    practice = to_practice(doc)
    doc.made = (vocabularies, practice)
    return practice


def _recommendation(doc: Document, known: set[str], vocabularies: Vocabularies) -> Recommendation:
    """to_recommendation, made once per Document while the practices it cites that exist
    stay the same."""
    made = doc.made
    if (
        made is not None
        and made[0] is vocabularies
        and isinstance(made[1], Recommendation)
        and made[1].practices == _cited(doc, known)
    ):
        return made[1]
    recommendation = to_recommendation(doc, known)
    doc.made = (vocabularies, recommendation)
    return recommendation


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
