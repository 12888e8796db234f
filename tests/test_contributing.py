"""CONTRIBUTING.md stays true to the format: what it lists, shows and quotes is checked.

Editors learn the format from CONTRIBUTING.md, not from the code; so every allowed
value and field must be in it, its examples must validate, and the messages it
explains must be the ones the validator prints.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from site_builder.cli.main import main
from site_builder.core.schema import practice_schema, recommendation_schema
from site_builder.core.sections import SECTIONS
from tests.helpers.projects import VOCABULARIES

from . import messages_table
from .helpers.projects import CASES, PROJECT

GUIDE = (PROJECT / "CONTRIBUTING.md").read_text(encoding="utf-8")
PR_TEMPLATE = (PROJECT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")


def property_names(schema: dict) -> set[str]:
    """Every property, also of the contact person and the period."""
    names = set()
    for name, prop in schema.get("properties", {}).items():
        names.add(name)
        for part in [prop, *prop.get("oneOf", [])]:
            names |= property_names(part)
    return names


def examples() -> list[str]:
    """The complete example files: fenced `markdown` blocks that start with front matter."""
    return [
        block
        for block in re.findall(r"^```markdown\n(.*?)^```", GUIDE, re.S | re.M)
        if block.startswith("---\n")
    ]


def headings() -> set[str]:
    return {m.group(1) for m in re.finditer(r"^#{1,6} (.+)$", GUIDE, re.M)}


def anchor(heading: str) -> str:
    """The anchor GitHub gives a heading: lowercase, punctuation dropped, spaces to hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-")


def expected_messages() -> set[str]:
    lines = [
        line
        for case in CASES.glob("*/expected.txt")
        for line in case.read_text(encoding="utf-8").splitlines()
    ]
    return {line.split(": error: ", 1)[1] for line in lines}


def message_table() -> list[tuple[str, str]]:
    section = GUIDE.split("## Messages you may see and what to do\n", 1)[1].split("\n## ")[0]
    rows = [line for line in section.splitlines() if line.startswith("| ")][2:]
    return [tuple(cell.strip() for cell in row.strip("|").split(" | ")) for row in rows]


@pytest.mark.parametrize("name", sorted(VOCABULARIES.by_field()))
def test_every_vocabulary_value_is_listed_with_its_label(name: str) -> None:
    for slug, label in VOCABULARIES.by_field()[name].labels.items():
        assert f"`{slug}`" in GUIDE, f"{name}: `{slug}` is not in CONTRIBUTING.md"
        assert label in GUIDE, f"{name}: the label {label!r} is not in CONTRIBUTING.md"


@pytest.mark.parametrize(
    "kind, schema",
    [
        ("practice", practice_schema(VOCABULARIES)),
        ("recommendation", recommendation_schema(VOCABULARIES)),
    ],
)
def test_every_field_is_explained(kind: str, schema: dict) -> None:
    missing = [name for name in sorted(property_names(schema)) if f"`{name}`" not in GUIDE]
    assert not missing, f"{kind} fields missing from CONTRIBUTING.md: {missing}"


def test_the_published_practice_schema_is_the_one_explained() -> None:
    import json

    published = json.loads((PROJECT / "schema/practice.schema.json").read_text())
    assert property_names(published) == property_names(practice_schema(VOCABULARIES))


def test_every_section_is_explained() -> None:
    for _, heading in SECTIONS:
        assert f"`## {heading}`" in GUIDE, heading


def test_the_complete_examples_validate(corpus: Path, capsys) -> None:
    found = examples()
    kinds = ["recommendation" if "\nnumber:" in block else "practice" for block in found]
    assert sorted(set(kinds)) == ["practice", "recommendation"]
    for block, kind in zip(found, kinds, strict=False):
        name = re.search(r"^id: (\S+)$", block, re.M).group(1)
        (corpus / f"{kind}s" / f"{name}.md").write_text(block, encoding="utf-8")
    status = main(["--root", str(corpus), "validate"])
    assert capsys.readouterr().out.endswith("file(s) checked: all valid\n")
    assert status == 0


# Fields only a renamed practice has: a new practice copied from the example has none
RENAMED_ONLY = {"former_ids"}


def test_the_practice_example_uses_every_practice_field() -> None:
    (practice,) = [block for block in examples() if "\nnumber:" not in block]
    front = practice.split("---\n")[1]
    keys = {m.group(1) for m in re.finditer(r"^ *([a-z_]+):", front, re.M)}
    assert keys == property_names(practice_schema(VOCABULARIES)) - RENAMED_ONLY


def test_the_fields_only_a_renamed_practice_has_are_shown_in_renaming_a_practice() -> None:
    section = GUIDE.split("### Renaming a practice\n", 1)[1].split("\n### ")[0]
    for name in RENAMED_ONLY:
        assert re.search(rf"^ *{name}: \[", section, re.M), name


def test_the_messages_explained_are_the_validators_own() -> None:
    table = message_table()
    assert len(table) >= 30
    known = expected_messages()
    for message, what_to_do in table:
        assert message in known, f"not a message of tests/cases/*/expected.txt: {message}"
        assert what_to_do


def test_the_table_of_messages_is_the_one_the_validator_makes_today() -> None:
    """The table is generated (`python -m tests.messages_table`): each row's message is
    what `handbook validate` prints for its case now, so a changed message fails here
    until the table is written again."""
    assert messages_table.written_table(GUIDE) == messages_table.table(), (
        "CONTRIBUTING.md's table of messages is out of date: run `python -m tests.messages_table`"
    )


def test_every_kind_of_yaml_mistake_and_unfinished_section_is_explained() -> None:
    explained = {row["case"] for row in yaml.safe_load(messages_table.ADVICE.read_text())}
    assert {
        "malformed-yaml",
        "field-indented-too-far-under-its-key",
        "field-indented-at-the-top",
        "field-without-its-colon",
        "heading-without-its-hashes",
        "section-still-holds-the-template-question",
        "section-left-unanswered-in-the-issue-form",
        "country-alpha-3",
    } <= explained


def test_links_inside_the_guide_lead_to_its_headings() -> None:
    anchors = {anchor(h) for h in headings()}
    for target in re.findall(r"\]\(#([^)]+)\)", GUIDE):
        assert target in anchors, target


def test_sections_the_pull_request_template_names_exist() -> None:
    named = re.findall(r'section "([^"]+)" of CONTRIBUTING\.md', PR_TEMPLATE)
    assert named
    for title in named:
        assert title in headings(), title


def test_the_corpus_conversion_section_comes_last() -> None:
    """Its text is written by the importer's author; only its place is fixed here."""
    level_two = re.findall(r"^## (.+)$", GUIDE, re.M)
    assert level_two[-1] == "How the corpus was converted"
