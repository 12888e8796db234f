"""The answers of the practice issue form, read back into a practice file.

GitHub turns an issue form's answers into Markdown: ``### Label``, a blank line, the
answer (``_No response_`` when left empty; ticked boxes as ``- [X] Label``). This module
reads that Markdown back with the form's own field table (issue_form.py) into the front
matter and sections of a practice, and tells what is wrong in the words of the form's
questions, at the line of the answer in the issue.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from site_builder.content.messages import did_you_mean
from site_builder.core import countries
from site_builder.core.countries import code_for
from site_builder.core.model import Location, Problem
from site_builder.core.sections import NO_RESPONSE, OPTIONAL_SECTIONS, SECTION_BY_HEADING, SECTIONS
from site_builder.editors import scaffold
from site_builder.editors.issue_form import Field, Form

_BOX = re.compile(r"^\s*[-*] \[([ xX])\] (.+?)\s*$")


# Reading the issue body ----------------------------------------------------------------


@dataclass(frozen=True)
class Answer:
    text: str
    line: int


def read_answers(body: str, form: Form) -> dict[str, Answer]:
    """Each form field's answer, by field key, with the line where the answer starts.

    Only `### ` lines that are labels of the form start an answer, so an editor's
    own `### ` heading inside a long answer stays part of it.
    """
    lines = body.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    by_label = form.by_label
    starts = [
        (i, by_label[line[4:].strip()])
        for i, line in enumerate(lines)
        if line.startswith("### ") and line[4:].strip() in by_label
    ]
    answers: dict[str, Answer] = {}
    for n, (i, field) in enumerate(starts):
        end = starts[n + 1][0] if n + 1 < len(starts) else len(lines)
        chunk = lines[i + 1 : end]
        first = next((k for k, line in enumerate(chunk) if line.strip()), 0)
        text = "\n".join(chunk).strip()
        answers.setdefault(field.key, Answer("" if text == NO_RESPONSE else text, i + 2 + first))
    return answers


@dataclass
class Draft:
    """What the answers make: front matter, section texts and what is wrong with them."""

    front: dict
    sections: dict[str, str]
    problems: list[Problem]


def to_practice(answers: dict[str, Answer], path: str, source: str, form: Form) -> Draft:
    """The practice the answers describe; the problems speak of the form's questions."""
    draft = Draft({}, {}, [])
    if not answers:
        draft.problems.append(
            Problem(
                Location(path),
                "this is not the text of the practice issue form: none of its questions is in it",
                hint=f"copy the issue's whole text, from `### {form.fields[0].label}` on",
            )
        )
        return draft
    values: dict = {}
    for field in form.fields:
        answer = answers.get(field.key, Answer("", 1))
        value = _value(field, answer, path, draft.problems)
        if field.required and not answer.text and field.kind != "checkboxes":
            draft.problems.append(
                Problem(
                    Location(path, answer.line),
                    f"“{field.label}” has no answer",
                    hint="this question is required",
                )
            )
        if value:
            values[field.key] = value
    values.setdefault("source", source)
    if "title" in values:
        values["id"] = practice_id(values["title"], str(values.get("organisation", "")))
    draft.front = _front(values, form.schema)
    draft.sections = {slug: values[slug] for slug, _ in SECTIONS if slug in values}
    return draft


def practice_id(title: str, organisation: str) -> str:
    """The file name: from the title's Latin letters, else the organisation's, else
    (a title and organisation in Cyrillic or Greek) from a digest of the title."""
    digest = hashlib.sha1(title.encode("utf-8")).hexdigest()[:8]
    prefix = scaffold.slugify(organisation, 40) or "practice"
    return scaffold.slugify(title) or f"{prefix}-{digest}"


def _value(
    field: Field, answer: Answer, path: str, problems: list[Problem]
) -> str | int | list[str] | None:
    """The answer as the practice file writes it, or None; problems are added."""
    where = Location(path, answer.line)
    if field.kind == "checkboxes":
        return _ticked(field, answer, where, problems)
    if not answer.text:
        return None
    if field.kind == "dropdown":
        return _choice(field, answer.text, where, problems)
    if field.key == "country":
        return _country(answer.text, where, problems)
    if field.key.startswith("period.") and re.fullmatch(r"[0-9]{4}", answer.text):
        return int(answer.text)
    return answer.text


def _ticked(
    field: Field, answer: Answer, where: Location, problems: list[Problem]
) -> list[str] | None:
    labels = [
        m.group(2)
        for line in answer.text.split("\n")
        if (m := _BOX.match(line)) and m.group(1) != " "
    ]
    slugs = [s for label in labels if (s := _choice(field, label, where, problems))]
    lo, hi = field.bounds()
    if len(labels) < lo:
        problems.append(
            Problem(
                where, f"no box is ticked under “{field.label}”", hint=f"tick between {lo} and {hi}"
            )
        )
    elif len(labels) > hi:
        problems.append(
            Problem(
                where,
                f"{len(labels)} boxes are ticked under “{field.label}”",
                hint=f"tick at most {hi}",
            )
        )
    return slugs or None


def _choice(field: Field, label: str, where: Location, problems: list[Problem]) -> str | None:
    by_label = {text: slug for slug, text in (field.choices or {}).items()}
    if label in by_label:
        return by_label[label]
    hint = did_you_mean(label, list(by_label)) or "choose one of: " + "; ".join(by_label)
    problems.append(
        Problem(where, f"“{field.label}”: `{label}` is not one of the choices", hint=hint)
    )
    return None


def _country(text: str, where: Location, problems: list[Problem]) -> str | None:
    """A code (IT, it, UK), `IT - Italy` or a name (Italy, Deutschland) as the code."""
    if code := code_for(text):
        return code
    hint = (
        countries.did_you_mean(text)
        or "write the two-letter code, such as IT for Italy or NO for Norway"
    )
    problems.append(
        Problem(
            where, f"“Country”: `{text}` is neither a country code nor a country name", hint=hint
        )
    )
    return None


def _front(values: dict, schema: dict) -> dict:
    """Front matter in the schema's order, the contact and period parts grouped."""
    for group in ("contact", "period"):
        parts = {k.split(".", 1)[1]: v for k, v in values.items() if k.startswith(group + ".")}
        if parts:
            values[group] = parts
    return {key: values[key] for key in schema["properties"] if key in values}


def practice_text(front: dict, sections: dict[str, str]) -> str:
    """The practice file: `handbook new`'s layout, plus any Interreg sections answered."""
    extra = "".join(
        f"\n## {heading}\n\n{sections[slug]}\n"
        for slug, heading in OPTIONAL_SECTIONS
        if sections.get(slug)
    )
    return scaffold.practice_file(front, sections) + extra


def in_the_form(
    problems: list[Problem], text: str, answers: dict[str, Answer], issue: str, form: Form
) -> list[Problem]:
    """Problems found in the practice file, told of the form: the question and the line
    of its answer in the issue, instead of a field and a line of a file never kept."""
    labels = {f.key: f.label for f in form.fields}
    lines = text.split("\n")
    told = []
    for problem in problems:
        key = problem.field
        if key is None:  # a problem in the body: the section it stands in
            above = [
                line[3:].strip()
                for line in lines[: problem.location.line]
                if line.startswith("## ")
            ]
            key = SECTION_BY_HEADING.get(above[-1]) if above else None
        key = next((k for k in labels if key and (key == k or key.startswith(k + "."))), None)
        answer = answers.get(key) if key else None
        message = problem.message.removeprefix(f"`{problem.field}`: ")
        message = f"“{labels[key]}”: {message}" if key else message
        told.append(
            Problem(
                Location(issue, answer.line if answer else 1), message, problem.field, problem.hint
            )
        )
    return told
