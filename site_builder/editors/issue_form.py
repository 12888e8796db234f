"""The practice issue form: its questions, made from the handbook's schema and vocabularies.

Editors who cannot open a pull request fill in the issue form
``.github/ISSUE_TEMPLATE/practice.yml``. The form is generated from the field table
below, with the labels and descriptions of ``schema.py``, the choices of the handbook's
vocabularies (schema/vocabularies.yml) and the sections' guidance (core/sections.py):
``python -m site_builder.editors.issue_form`` rewrites it, and a test keeps the committed
form equal to what this module builds. The answers are read back with the same table
(issue_answers.py): form and parser cannot drift.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import yaml

from site_builder.content import vocab_file
from site_builder.core.schema import practice_schema
from site_builder.core.sections import GUIDANCE, OPTIONAL_SECTIONS, REQUIRED_SECTIONS
from site_builder.core.vocab import Vocabularies

FORM_PATH = Path(".github/ISSUE_TEMPLATE/practice.yml")


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
            Field(slug, "textarea", heading, GUIDANCE[slug], True)
            for slug, heading in REQUIRED_SECTIONS
        ),
        *(Field(slug, "textarea", heading, GUIDANCE[slug]) for slug, heading in OPTIONAL_SECTIONS),
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
        "# Generated by `python -m site_builder.editors.issue_form`: the questions are in "
        "site_builder/editors/issue_form.py,\n# their choices in schema/vocabularies.yml; edit "
        "those, not this file.\n"
        + yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=92)
    )


def write_form(root: Path) -> Path:
    path = root / FORM_PATH
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(form_yaml(form_for(vocab_file.load(root))), encoding="utf-8")
    return path


if __name__ == "__main__":
    from site_builder.core.project import find_root

    print(f"wrote {write_form(find_root())}")
