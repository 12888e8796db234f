"""Validation: schema, then body, then rules across files; and the validated model.

``check(root, paths)`` reads and checks everything and returns every problem
found; ``load_handbook(root)`` returns the model or raises one ContentError
listing them all.
"""

from __future__ import annotations

import gc
import re
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from . import body, fastcheck
from .load import Document, content_files, read_document, read_sources, stray_files
from .messages import did_you_mean, explain
from .model import (Contact, ContentError, Handbook, Period, Practice, Problem,
                    Recommendation, Section, Source)
from .schema import SCHEMAS, SLUG
from .vocab import SECTION_BY_HEADING, Vocabularies
from . import vocab


_SLUG = re.compile(SLUG)


@lru_cache(maxsize=16)
def _validator(kind: str, vocabularies: Vocabularies):
    from jsonschema import Draft202012Validator  # only needed to word the errors

    return Draft202012Validator(SCHEMAS[kind](vocabularies))


@lru_cache(maxsize=16)
def _fast(kind: str, vocabularies: Vocabularies) -> fastcheck.Check:
    return fastcheck.compile_schema(SCHEMAS[kind](vocabularies))


@dataclass
class Result:
    documents: list[Document]
    sources: dict[str, Source]
    problems: list[Problem]
    vocabularies: Vocabularies

    @property
    def ok(self) -> bool:
        return not any(p.severity == "error" for p in self.problems)


def check(root: Path, paths: list[Path] | None = None) -> Result:
    """Read the named files (default: the whole content tree) and find every problem."""
    with _cyclic_gc_paused():
        return _check(root, paths)


@contextmanager
def _cyclic_gc_paused():
    """Reading builds millions of small, acyclic objects (YAML nodes, values, positions);
    the cyclic collector's passes over them cost about 15 % of a large check()."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _check(root: Path, paths: list[Path] | None) -> Result:
    vocabularies = vocab.load(root)  # ContentError: nothing can be checked without it
    sources, problems = read_sources(root)
    if not paths:
        problems += stray_files(root)
    documents = [read_document(path, kind, root) for path, kind in content_files(root, paths)]
    for doc in documents:
        check_document(doc, vocabularies)
    check_across(documents, sources, _practice_ids_on_disk(root))
    for doc in documents:
        problems.extend(doc.problems)
    return Result(documents, sources, sorted(problems, key=lambda p: p.location),
                  vocabularies)


def check_document(doc: Document, vocabularies: Vocabularies) -> None:
    """The checks that need only this one file."""
    if doc.data is None:
        return
    valid = _fast(doc.kind, vocabularies)(doc.data)
    for error in () if valid else _validator(doc.kind, vocabularies).iter_errors(doc.data):
        for path, at_key, message, hint in explain(error):
            doc.problem(doc.where(path, key=at_key), message,
                        field=".".join(str(p) for p in path) or None, hint=hint)
    texts = [(doc.body, doc.body_line)]
    points = doc.data.get("points") if doc.kind == "recommendation" else None
    if isinstance(points, list):
        texts += [(p, doc.where(("points", i)).line) for i, p in enumerate(points)
                  if isinstance(p, str)]
    for text, first_line in texts:
        for line, col, message, hint in body.unsafe_markup(text, first_line):
            doc.problem(doc.at(line, col), message, hint=hint)
    if doc.kind == "practice":
        check_period(doc)
    last_line = doc.body_line + doc.body.count("\n")
    blocks = doc.blocks = body.split_blocks(doc.body, doc.body_line)
    if doc.kind == "practice":
        for line, message, hint in body.section_problems(blocks, last_line):
            doc.problem(doc.at(line), message, hint=hint)
    else:
        for block in blocks:
            if block.heading and block.heading.level == 1:
                doc.problem(doc.at(block.heading.line), "a level-1 heading: the title comes "
                            "from the `title` field", hint="use `## ` headings")
        if not doc.body.strip():
            doc.problem(doc.at(last_line), "the recommendation has no explanatory text",
                        hint="write it below the front matter")


def _month(value) -> tuple[int, int] | None:
    """A period's start or end as (year, month); a bare year spans its twelve months."""
    match = re.fullmatch(r"(\d{4})(?:-(\d{2}))?", str(value)) if value is not None else None
    return (int(match.group(1)), int(match.group(2) or 0)) if match else None


def check_period(doc: Document) -> None:
    period = doc.data.get("period")
    if not isinstance(period, dict):
        return
    start, end = _month(period.get("start")), _month(period.get("end"))
    months = start and end and start[1] and end[1]  # a bare year is compared as a year
    if start and end and (end[0] < start[0] or (months and end < start)):
        doc.problem(doc.where(("period", "end")), f"the period ends ({period['end']}) before "
                    f"it starts ({period['start']})", field="period.end",
                    hint="check the two dates; leave `end` out if the practice is still running")


def check_across(documents: list[Document], sources: dict[str, Source],
                 practices_on_disk: set[str]) -> None:
    """Rules between files: ids, file names and references."""
    owners: dict[tuple[str, str], Document] = {}
    practice_ids = set(practices_on_disk)
    for doc in documents:  # a file whose name matches its id owns that id
        if (doc.data or {}).get("id") == doc.stem:
            owners[(doc.kind, doc.stem)] = doc
    for doc in documents:
        data = doc.data or {}
        doc_id = data.get("id")
        if not isinstance(doc_id, str):
            continue
        if doc.kind == "practice":
            practice_ids.add(doc_id)
        if doc_id != doc.stem:
            hint = f"rename the file to `{doc_id}.md`" + (
                f" or set `id: {doc.stem}`" if _SLUG.match(doc.stem) else "")
            doc.problem(doc.where(("id",)), f"the id `{doc_id}` does not match the file name "
                        f"`{doc.stem}.md`", field="id", hint=hint)
        first = owners.setdefault((doc.kind, doc_id), doc)
        if first is not doc:
            doc.problem(doc.where(("id",)), f"the id `{doc_id}` is already used by "
                        f"{first.path}", field="id", hint="every file needs its own id")
    numbered: dict[tuple, list[Document]] = {}  # (source, number): another document may
    for doc in documents:                       # number its recommendations the same way
        data = doc.data or {}
        number = data.get("number") if doc.kind == "recommendation" else None
        if isinstance(number, str):
            numbered.setdefault((str(data.get("source")), number), []).append(doc)
    for (_, number), docs in numbered.items():
        for doc in docs if len(docs) > 1 else ():  # told in each file: either may be wrong
            others = ", ".join(d.path for d in docs if d is not doc)
            doc.problem(doc.where(("number",)), f"the number `{number}` is also used by "
                        f"{others}", field="number",
                        hint="every recommendation of a document has its own number")
    for doc in documents:
        data = doc.data or {}
        source = data.get("source")
        if isinstance(source, str) and sources and source not in sources:
            hint = did_you_mean(source, list(sources)) or "known sources: " + ", ".join(
                sources) + "; add new ones to sources.yml"
            doc.problem(doc.where(("source",)), f"unknown source `{source}`", field="source",
                        hint=hint)
        refs = data.get("practices") if doc.kind == "recommendation" else None
        for i, ref in enumerate(refs if isinstance(refs, list) else []):  # else: schema's
            if isinstance(ref, str) and ref not in practice_ids:
                doc.problem(doc.where(("practices", i)), f"no practice has the id `{ref}`",
                            field="practices",
                            hint=did_you_mean(ref, sorted(practice_ids)))


def _practice_ids_on_disk(root: Path) -> set[str]:
    folder = root / "practices"
    return {p.stem for p in folder.glob("*.md")} if folder.is_dir() else set()


def load_handbook(root: Path, paths: list[Path] | None = None) -> Handbook:
    """The validated model of the whole content tree, or ContentError with every problem."""
    result = check(root, paths)
    errors = [p for p in result.problems if p.severity == "error"]
    if errors:
        raise ContentError(errors)
    return model_from(result)


def model_from(result: Result, *, skip_invalid: bool = False) -> Handbook:
    """The model of the checked documents; with skip_invalid, of the valid ones only
    (for `mkdocs serve`, which shows the problems instead of stopping)."""
    bad = {p.location.path for p in result.problems if p.severity == "error"}
    if bad and not skip_invalid:
        raise ContentError([p for p in result.problems if p.severity == "error"])
    good = [d for d in result.documents if d.path not in bad]
    practices = [to_practice(d) for d in good if d.kind == "practice"]
    known = {p.id for p in practices}
    recommendations = [to_recommendation(d, known) for d in good
                       if d.kind == "recommendation"]
    return Handbook(
        practices=tuple(sorted(practices, key=lambda p: (p.title.casefold(), p.id))),
        recommendations=tuple(sorted(recommendations, key=_number_key)),
        sources=result.sources,
        vocabularies=result.vocabularies,
    )


def _number_key(rec: Recommendation) -> tuple:
    return tuple(int(n) for n in rec.number.split(".")), rec.id


def to_practice(doc: Document) -> Practice:
    data = doc.data or {}
    contact = data.get("contact") or []
    contacts = [contact] if isinstance(contact, dict) else contact
    period = data.get("period")
    blocks = doc.blocks or body.split_blocks(doc.body, doc.body_line)
    return Practice(
        id=data["id"], title=data["title"], organisation=data["organisation"],
        country=data["country"], ecosystems=tuple(data["ecosystems"]),
        helix=tuple(data["helix"]), cluster_role=data["cluster_role"], source=data["source"],
        sections=tuple(Section(SECTION_BY_HEADING[b.heading.text], b.heading.text,
                               b.markdown, b.heading.line) for b in blocks[1:]),
        path=doc.path, region=data.get("region"), themes=tuple(data.get("themes") or ()),
        contacts=tuple(Contact(**c) for c in contacts),
        period=Period(*(None if period.get(k) is None else str(period.get(k))
                        for k in ("start", "end"))) if period else None,
        source_section=data.get("source_section"),
    )


def to_recommendation(doc: Document, known_practices: set[str]) -> Recommendation:
    data = doc.data or {}
    return Recommendation(
        id=data["id"], title=data["title"], number=data["number"], source=data["source"],
        body=doc.body.strip("\n"), path=doc.path, status=data.get("status"),
        points=tuple(data.get("points") or ()),
        practices=tuple(p for p in data.get("practices") or () if p in known_practices),
    )
