"""`handbook from-issue`: a practice file from the body of the practice issue form.

Editors who cannot open a pull request fill in the issue form
``.github/ISSUE_TEMPLATE/practice.yml``; GitHub turns their answers into
Markdown: ``### Label``, a blank line, the answer (``_No response_`` when left
empty; ticked boxes as ``- [X] Label``).  This module reads that Markdown back
into a practice file; `handbook issue-to-pr` (issue_pr.py) opens the pull request
with it, run by a workflow.

The form is generated from the same field table as the parser reads, with the
labels and descriptions of ``schema.py`` and the choices of the handbook's
vocabularies (schema/vocabularies.yml):
``python -m site_builder.editors.from_issue`` rewrites it, and a test keeps the
committed form equal to what this module builds.  Form and parser cannot drift.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import yaml

from site_builder.content import report, vocab_file
from site_builder.content.messages import did_you_mean
from site_builder.core.countries import COUNTRIES, code_for, suggest
from site_builder.core.model import ContentError, Location, Problem
from site_builder.core.schema import practice_schema
from site_builder.core.sections import OPTIONAL_SECTIONS, REQUIRED_SECTIONS
from site_builder.core.vocab import Vocabularies
from site_builder.editors import scaffold

FORM_PATH = Path(".github/ISSUE_TEMPLATE/practice.yml")
NO_RESPONSE = "_No response_"
DEFAULT_SOURCE = "handbook-editors"  # the same default as `handbook new`
_BOX = re.compile(r"^\s*[-*] \[([ xX])\] (.+?)\s*$")

OPTIONAL_GUIDANCE = {
    "resources": "Optional. Which financial and human resources did the practice need?",
    "evidence": "Optional. What shows that it worked: figures, evaluations, awards?",
    "difficulties": "Optional. What went wrong or was hard, and what did you learn from it?",
    "transfer": "Optional. Why could other regions or clusters learn from it or copy it?",
}


@dataclass(frozen=True)
class Field:
    """One question of the form and where its answer goes in the practice file."""

    key: str  # a front-matter key, "contact.email" for a part of one, or a section slug
    kind: str  # the form element: input, textarea, dropdown or checkboxes
    label: str
    description: str
    required: bool = False
    choices: dict[str, str] | None = None  # slug -> label, from the vocabularies
    ticks: tuple[int, int] = (0, 0)  # checkboxes: how many may be ticked

    @property
    def id(self) -> str:
        return self.key.replace(".", "_")

    def bounds(self) -> tuple[int, int]:
        """How many boxes may be ticked: the schema's minItems and maxItems."""
        return self.ticks


@dataclass(frozen=True)
class Form:
    """The practice issue form of one handbook: its questions, made from its schema."""

    fields: tuple[Field, ...]
    schema: Any

    @cached_property
    def by_label(self) -> dict[str, Field]:
        return {f.label: f for f in self.fields}


def _front_field(
    schema: dict,
    vocabularies: Vocabularies,
    key: str,
    kind: str,
    label: str,
    note: str = "",
    *,
    optional: bool = False,
) -> Field | None:
    """A question about a front-matter field: plain label, the schema's description."""
    parent, _, part = key.partition(".")
    prop = schema["properties"].get(parent)
    if prop is None:  # a handbook without themes asks no question about them
        return None
    about = prop["description"]
    if part:
        group = prop["oneOf"][0] if "oneOf" in prop else prop  # contact: one person
        about = group["properties"][part]["description"]
    required = parent in schema["required"] and not part and not optional
    chosen = vocabularies.by_field().get(parent)
    ticks = (
        (max(prop["minItems"], 1 if required else 0), prop["maxItems"])
        if "minItems" in prop
        else (0, 0)
    )
    return Field(
        key,
        kind,
        label,
        f"{about} {note}".strip(),
        required,
        dict(chosen.labels) if chosen else None,
        ticks,
    )


@lru_cache(maxsize=8)
def form_for(vocabularies: Vocabularies) -> Form:
    schema = practice_schema(vocabularies)

    def ask(*args, **kwargs) -> Field | None:
        return _front_field(schema, vocabularies, *args, **kwargs)

    fields = _fields(ask)
    return Form(tuple(f for f in fields if f is not None), schema)


def _fields(ask) -> tuple[Field | None, ...]:
    """The questions, in the form's order; `ask` makes one about a front-matter field."""
    return (
        ask("title", "input", "Name of the practice", "The file name is made from it."),
        ask("organisation", "input", "Organisation"),
        ask("country", "input", "Country", "You may also write the country's name in English."),
        ask("region", "input", "Region", "Leave it empty for a national or European practice."),
        ask("ecosystems", "checkboxes", "Industrial ecosystems", "Tick the boxes."),
        ask("helix", "checkboxes", "Who took part (helix roles)", "Tick at least one."),
        ask("cluster_role", "dropdown", "Role of the cluster", "Choose the one it shows best."),
        ask("themes", "checkboxes", "Themes", "Optional: tick any that apply."),
        ask(
            "contact.name",
            "input",
            "Contact person",
            "Optional. It is published: name only someone who agreed to it.",
        ),
        ask("contact.email", "input", "Contact e-mail", "Optional."),
        ask("contact.website", "input", "Website", "Optional."),
        ask("period.start", "input", "Started in", "Optional."),
        ask("period.end", "input", "Ended in", "Optional: leave it empty if it is still running."),
        ask(
            "source",
            "input",
            "Published in (source key)",
            "Leave it empty if the "
            "practice has not been published in one of the handbook's source documents.",
            optional=True,
        ),
        ask("source_section", "input", "Section in that document", "Optional."),
        *(
            Field(slug, "textarea", heading, scaffold.GUIDANCE[slug], True)
            for slug, heading in REQUIRED_SECTIONS
        ),
        *(
            Field(slug, "textarea", heading, OPTIONAL_GUIDANCE[slug])
            for slug, heading in OPTIONAL_SECTIONS
        ),
    )


INTRO = (
    "Propose a good practice of a cluster organisation for the handbook. Answer in "
    "plain text; within minutes your answers become a practice file in a pull request "
    "linked to this issue, or a comment here says which answer to correct. The questions "
    "are those of the practice file format in CONTRIBUTING.md."
)


# The form ---------------------------------------------------------------------------


def _element(field: Field) -> dict:
    attributes: dict = {"label": field.label, "description": field.description}
    if field.kind == "checkboxes":
        attributes["options"] = [{"label": label} for label in (field.choices or {}).values()]
    elif field.kind == "dropdown":
        attributes["options"] = list((field.choices or {}).values())
    element = {"type": field.kind, "id": field.id, "attributes": attributes}
    if field.required and field.kind != "checkboxes":  # boxes: GitHub would demand each
        element["validations"] = {"required": True}
    return element


def form_yaml(form: Form) -> str:
    """The issue form, as committed in .github/ISSUE_TEMPLATE/practice.yml."""
    document = {
        "name": "Propose a good practice",
        "description": "Describe a practice of a cluster organisation; it becomes a "
        "pull request by itself.",
        "title": "Practice: ",
        "labels": ["practice"],
        "body": [{"type": "markdown", "attributes": {"value": INTRO}}]
        + [_element(f) for f in form.fields],
    }
    return (
        "# Generated by `python -m site_builder.editors.from_issue`: the questions are in "
        "site_builder/editors/from_issue.py,\n# their choices in schema/vocabularies.yml; edit "
        "those, not this file.\n"
        + yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=92)
    )


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
    draft.sections = {
        slug: values[slug] for slug, _ in REQUIRED_SECTIONS + OPTIONAL_SECTIONS if slug in values
    }
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
    guess = suggest(text)  # stricter than did_you_mean: a wrong country is worse than none
    hint = (
        f"did you mean `{guess}` ({COUNTRIES[guess]})?"
        if guess
        else "write the two-letter code, such as IT for Italy or NO for Norway"
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


# The command --------------------------------------------------------------------------


def _read(name: str) -> str | None:
    if name == "-":
        return sys.stdin.read()
    path = Path(name)
    if not path.is_file():
        print(f"handbook from-issue: no such file: {name}", file=sys.stderr)
        return None
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        print(f"handbook from-issue: cannot read {name}: {exc}", file=sys.stderr)
        return None


@dataclass
class Made:
    """What an issue's answers made: the practice file written and checked (`target`,
    its `text`), or the problems, told of the form's questions (nothing written)."""

    target: Path | None
    text: str
    problems: list[Problem]


def make_practice(body: str, root: Path, issue: str, source: str, folder: Path) -> Made:
    """The practice file the issue form's answers describe, written to `folder` and
    checked with the handbook at `root`; `issue` names the body in problems. Raises
    ContentError without vocabularies, FileExistsError when the practice exists."""
    form = form_for(vocab_file.load(root))
    answers = read_answers(body, form)
    draft = to_practice(answers, issue, source, form)
    if draft.problems:
        return Made(None, "", draft.problems)
    target = folder / f"{draft.front['id']}.md"
    if target.exists():
        raise FileExistsError(str(target))
    text = practice_text(draft.front, draft.sections)
    problems = scaffold.write_checked(root, target, text)
    if target.exists():
        return Made(target, text, problems)
    return Made(None, text, in_the_form(problems, text, answers, issue, form))


def cmd_from_issue(args: argparse.Namespace) -> int:
    body = _read(args.file)
    if body is None:
        return 2
    root = args.root
    try:
        made = make_practice(
            body,
            root,
            args.file,
            args.source or DEFAULT_SOURCE,
            args.output_dir or root / "practices",
        )
    except ContentError as error:
        sys.stdout.write(report.text(error.problems, 0))
        return 1
    except FileExistsError as exists:
        print(f"handbook from-issue: {exists} already exists", file=sys.stderr)
        return 1
    sys.stdout.write(report.text(made.problems, 1))
    if made.target is None:
        print("No practice file written: correct the answers above in the issue.")
        return 1
    print(f"Created {made.target}")
    return 0


def in_the_form(
    problems: list[Problem], text: str, answers: dict[str, Answer], issue: str, form: Form
) -> list[Problem]:
    """Problems found in the practice file, told of the form: the question and the line
    of its answer in the issue, instead of a field and a line of a file never kept."""
    labels = {f.key: f.label for f in form.fields}
    headings = {heading: slug for slug, heading in REQUIRED_SECTIONS + OPTIONAL_SECTIONS}
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
            key = headings.get(above[-1]) if above else None
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


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add `handbook from-issue` to the command line."""
    p = subparsers.add_parser(
        "from-issue",
        help="turn a practice issue form into a practice file",
        description="Read the Markdown body of an issue made with the practice issue form "
        "(for example `gh issue view 12 --json body --jq .body`), write practices/<id>.md "
        "and validate it.",
    )
    p.add_argument(
        "file", metavar="FILE", help="the issue's body as Markdown; - reads standard input"
    )
    p.add_argument(
        "--output-dir",
        type=Path,
        help="the folder to write the practice to (default: practices/ of the handbook)",
    )
    p.add_argument(
        "--source",
        metavar="KEY",
        help=f"the source key when the form gives none (default: {DEFAULT_SOURCE})",
    )
    p.set_defaults(run=cmd_from_issue)


def write_form(root: Path) -> Path:
    path = root / FORM_PATH
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(form_yaml(form_for(vocab_file.load(root))), encoding="utf-8")
    return path


if __name__ == "__main__":
    from site_builder.core.project import find_root

    print(f"wrote {write_form(find_root())}")
