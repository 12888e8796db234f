"""Rules: small named checks that return the problems they find.

``check_document`` runs the checks that need only one file (schema, body,
period); ``check_across`` the rules between files (ids, file names, numbers,
references). validate.py reads the files and runs both.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from site_builder.content import body, fastcheck
from site_builder.content.load import Document
from site_builder.content.messages import did_you_mean, explain
from site_builder.core import urls
from site_builder.core.model import Location, Problem, Source
from site_builder.core.project import PRACTICES
from site_builder.core.schema import SCHEMAS, SLUG
from site_builder.core.vocab import Vocabularies

_SLUG = re.compile(SLUG)


@lru_cache(maxsize=16)
def _validator(kind: str, vocabularies: Vocabularies):
    from jsonschema import Draft202012Validator  # only needed to word the errors

    return Draft202012Validator(SCHEMAS[kind](vocabularies))


@lru_cache(maxsize=16)
def _compiled(kind: str, vocabularies: Vocabularies) -> fastcheck.Check:
    return fastcheck.compile_schema(SCHEMAS[kind](vocabularies))


_FAST: dict[tuple[str, int], tuple[Vocabularies, fastcheck.Check]] = {}


def _fast(kind: str, vocabularies: Vocabularies) -> fastcheck.Check:
    """_compiled, found by the vocabularies' identity: hashing them (every vocabulary,
    term and label) for each file cost more than checking most files."""
    found = _FAST.get((kind, id(vocabularies)))
    if found is None or found[0] is not vocabularies:
        if len(_FAST) >= 16:
            _FAST.clear()
        found = _FAST[(kind, id(vocabularies))] = (vocabularies, _compiled(kind, vocabularies))
    return found[1]


def check_document(doc: Document, vocabularies: Vocabularies) -> Document:
    """The checks that need only this one file: the document as checked, a new one with
    their problems after those of reading it, and its body cut at its headings."""
    if doc.data is None and doc.body_line == 1:  # no front matter: no body to tell apart
        return doc
    found = _front_matter_problems(doc, vocabularies) if doc.data is not None else []
    texts = [(doc.body, doc.body_line)]
    points = (doc.data or {}).get("points") if doc.kind == "recommendation" else None
    if isinstance(points, list):
        texts += [
            (p, doc.where(("points", i)).line) for i, p in enumerate(points) if isinstance(p, str)
        ]
    for text, first_line in texts:
        for line, col, message, hint in body.unsafe_markup(text, first_line):
            found.append(Problem(doc.at(line, col), message, hint=hint))
    if doc.kind == "practice":
        found += check_period(doc)
    last_line = doc.body_line + doc.body.count("\n")
    blocks = body.split_blocks(doc.body, doc.body_line)
    if doc.kind == "practice":
        for line, message, hint in body.section_problems(blocks, last_line):
            found.append(Problem(doc.at(line), message, hint=hint))
        for line, message, hint in body.unfinished(blocks):
            found.append(Problem(doc.at(line), message, hint=hint, unfinished=True))
    else:
        for block in blocks:
            if block.heading and block.heading.level == 1:
                found.append(
                    Problem(
                        doc.at(block.heading.line),
                        "a level-1 heading: the title comes from the `title` field",
                        hint="use `## ` headings",
                    )
                )
        if not doc.body.strip():
            found.append(
                Problem(
                    doc.at(last_line),
                    "the recommendation has no explanatory text",
                    hint="write it below the front matter",
                )
            )
    return replace(doc, problems=(*doc.problems, *found), blocks=tuple(blocks))


def _front_matter_problems(doc: Document, vocabularies: Vocabularies) -> list[Problem]:
    """The schema's problems with the front matter's values. A field that YAML could not
    read (its mistake told already) is neither missing nor wrong: nothing is said of it."""
    assert doc.data is not None
    unreadable = doc.meta.unreadable if doc.meta else frozenset()
    if _fast(doc.kind, vocabularies)(doc.data):
        return []
    found = []
    for error in _validator(doc.kind, vocabularies).iter_errors(doc.data):
        if _about(error, unreadable):
            continue
        for path, at_key, message, hint in explain(error):
            found.append(
                Problem(
                    doc.where(path, key=at_key),
                    message,
                    field=".".join(str(p) for p in path) or None,
                    hint=hint,
                )
            )
    return found


def _about(error, fields: frozenset[str]) -> bool:
    """Whether a schema error is about one of these top-level fields."""
    path = tuple(error.absolute_path)
    if path:
        return str(path[0]) in fields
    return error.validator == "required" and any(
        error.message.startswith(repr(name)) for name in fields
    )


def _month(value) -> tuple[int, int] | None:
    """A period's start or end as (year, month); a bare year spans its twelve months."""
    match = re.fullmatch(r"(\d{4})(?:-(\d{2}))?", str(value)) if value is not None else None
    return (int(match.group(1)), int(match.group(2) or 0)) if match else None


def check_period(doc: Document) -> list[Problem]:
    period = (doc.data or {}).get("period")
    if not isinstance(period, dict):
        return []
    start, end = _month(period.get("start")), _month(period.get("end"))
    months = start and end and start[1] and end[1]  # a bare year is compared as a year
    if start and end and (end[0] < start[0] or (months and end < start)):
        return [
            Problem(
                doc.where(("period", "end")),
                f"the period ends ({period['end']}) before it starts ({period['start']})",
                field="period.end",
                hint="check the two dates; leave `end` out if the practice is still running",
            )
        ]
    return []


def check_across(
    documents: list[Document], sources: dict[str, Source], practices_on_disk: set[str]
) -> list[Problem]:
    """Rules between files: ids, file names and references. Their problems are returned,
    not added to the documents, whose own problems stay those of the file alone: a
    document read once can be checked against the others again and again."""
    found: list[Problem] = []

    def problem(location: Location, message: str, *, field: str, hint: str | None) -> None:
        found.append(Problem(location, message, field, hint))

    owners: dict[tuple[str, str], Document] = {}
    practice_ids = set(practices_on_disk)
    rows = [(doc, doc.data or {}) for doc in documents]  # each rule reads the data
    for doc, data in rows:  # a file whose name matches its id owns that id
        if data.get("id") == doc.stem:
            owners[(doc.kind, doc.stem)] = doc
    for doc, data in rows:
        doc_id = data.get("id")
        if not isinstance(doc_id, str):
            continue
        if doc.kind == "practice":
            practice_ids.add(doc_id)
        if doc_id != doc.stem:
            hint = f"rename the file to `{doc_id}.md`" + (
                f" or set `id: {doc.stem}`" if _SLUG.match(doc.stem) else ""
            )
            problem(
                doc.where(("id",)),
                f"the id `{doc_id}` does not match the file name `{doc.stem}.md`",
                field="id",
                hint=hint,
            )
        first = owners.setdefault((doc.kind, doc_id), doc)
        if first is not doc:
            problem(
                doc.where(("id",)),
                f"the id `{doc_id}` is already used by {first.path}",
                field="id",
                hint="every file needs its own id",
            )
    numbered: dict[tuple, list[Document]] = {}  # (source, number): another document may
    for doc, data in rows:  # number its recommendations the same way
        number = data.get("number") if doc.kind == "recommendation" else None
        if isinstance(number, str):
            numbered.setdefault((str(data.get("source")), number), []).append(doc)
    for (_, number), docs in numbered.items():
        for doc in docs if len(docs) > 1 else ():  # told in each file: either may be wrong
            others = ", ".join(d.path for d in docs if d is not doc)
            problem(
                doc.where(("number",)),
                f"the number `{number}` is also used by {others}",
                field="number",
                hint="every recommendation of a document has its own number",
            )
    formerly = _former_ids(rows, practice_ids, problem)
    for doc, data in rows:
        source = data.get("source")
        if isinstance(source, str) and sources and source not in sources:
            hint = (
                did_you_mean(source, list(sources))
                or "known sources: " + ", ".join(sources) + "; add new ones to sources.yml"
            )
            problem(doc.where(("source",)), f"unknown source `{source}`", field="source", hint=hint)
        refs = data.get("practices") if doc.kind == "recommendation" else None
        for i, ref in enumerate(refs if isinstance(refs, list) else []):  # else: schema's
            if isinstance(ref, str) and ref not in practice_ids:
                renamed = formerly.get(ref)
                problem(
                    doc.where(("practices", i)),
                    f"no practice has the id `{ref}`",
                    field="practices",
                    hint=f"it was renamed: write `{renamed}`"
                    if renamed
                    else did_you_mean(ref, sorted(practice_ids)),
                )
    return found


def _former_ids(rows: list, practice_ids: set[str], problem) -> dict[str, str]:
    """A practice's former ids each become a redirect at the old address (redirects.py):
    none may be an address another page has. Returns former id -> the practice's id."""
    reserved = urls.reserved_practice_names()
    claimed: dict[str, Document] = {}
    formerly: dict[str, str] = {}
    for doc, data in rows:
        listed = data.get("former_ids") if doc.kind == "practice" else None
        for i, former in enumerate(listed if isinstance(listed, list) else []):
            if not isinstance(former, str) or not _SLUG.match(former):
                continue  # the schema's to word
            where, hint = doc.where(("former_ids", i)), "remove it from `former_ids`"
            if former == data.get("id"):
                message = f"the former id `{former}` is this practice's own id"
            elif former in practice_ids:
                message = (
                    f"the former id `{former}` is the id of {PRACTICES}/{former}.md "
                    "(its page is at that address)"
                )
            elif former in reserved:
                message = f"the former id `{former}` is the address of {reserved[former]}"
            elif former in claimed and claimed[former] is not doc:
                message = f"the former id `{former}` is also a former id of {claimed[former].path}"
                hint = "an old address can lead to one practice only"
            else:
                claimed.setdefault(former, doc)
                if isinstance(data.get("id"), str):
                    formerly[former] = data["id"]
                continue
            problem(where, message, field="former_ids", hint=hint)
    return formerly
