"""schema/vocabularies.yml: what everything else is made from, and its mistakes told."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.cli.main import parser
from site_builder.content import vocab_file
from site_builder.core import vocab
from site_builder.core.facets import facets_for
from site_builder.core.model import ContentError
from site_builder.core.schema import practice_schema, recommendation_schema
from site_builder.editors import issue_form
from site_builder.search.build import search_facets

from .helpers.projects import VOCABULARIES


def test_the_real_handbook_has_its_five_vocabularies() -> None:
    assert len(VOCABULARIES.ecosystems) == 15 and len(VOCABULARIES.helix) == 5
    assert len(VOCABULARIES.cluster_roles) == 5 and len(VOCABULARIES.themes) == 7
    assert VOCABULARIES.chapters()["market-sensing"] == "3.5"
    assert all(term.description for v in VOCABULARIES.all() for term in v.terms)


def test_schema_form_facets_search_and_command_line_all_carry_the_same_values() -> None:
    """One definition: nothing offers a value the vocabularies do not have, or leaves one out."""
    schema = practice_schema(VOCABULARIES)["properties"]
    form = {f.key: f.choices for f in issue_form.form_for(VOCABULARIES).fields if f.choices}
    facets = facets_for(VOCABULARIES)
    for vocabulary, facet in (
        (VOCABULARIES.ecosystems, facets.ecosystem),
        (VOCABULARIES.helix, facets.helix),
        (VOCABULARIES.cluster_roles, facets.role),
        (VOCABULARIES.themes, facets.theme),
    ):
        slugs = list(vocabulary)
        prop = schema[vocabulary.field]
        assert prop.get("items", prop)["enum"] == slugs
        assert list(form[vocabulary.field]) == slugs
        assert facet.labels == vocabulary.labels
    assert recommendation_schema(VOCABULARIES)["properties"]["status"]["enum"] == list(
        VOCABULARIES.statuses
    )
    assert sorted(f["key"] for f in search_facets(facets)) == sorted(["type", *facets.by_key()])
    new = parser(VOCABULARIES)._subparsers._group_actions[0].choices["new"]
    role = next(a for a in new._actions if a.dest == "role")
    for slug in VOCABULARIES.cluster_roles:
        assert role.type(slug) == slug


def write(root: Path, text: str) -> Path:
    (root / "schema").mkdir(parents=True, exist_ok=True)
    (root / vocab.FILE).write_text(text, encoding="utf-8")
    return root


GOOD_HEAD = """ecosystems:
  title: Sectors
  singular: Sector
  description: The sector.
  terms:
    sea:
      label: Sea
helix:
  title: Partners
  singular: Partner
  description: Who.
  terms:
    firm:
      label: Firms
"""
ROLES = """cluster_roles:
  title: Roles
  singular: Role
  description: What.
  terms:
    help:
      label: Helping
"""


@pytest.mark.parametrize(
    "text, expected",
    [
        (GOOD_HEAD, "schema/vocabularies.yml:1:1: the vocabulary `cluster_roles` is missing"),
        (
            GOOD_HEAD + ROLES + "colours:\n  title: x\n",
            "schema/vocabularies.yml:22:1: unknown vocabulary `colours`",
        ),
        (
            GOOD_HEAD.replace("      label: Sea\n", "      description: no label\n") + ROLES,
            "schema/vocabularies.yml:6:5: the term `sea` of `ecosystems` needs a `label`",
        ),
        (
            GOOD_HEAD.replace("    sea:", "    Sea Side:") + ROLES,
            "schema/vocabularies.yml:6:5: `Sea Side` is not a slug",
        ),
        (
            GOOD_HEAD.replace("  singular: Sector\n", "") + ROLES,
            "schema/vocabularies.yml:1:1: `ecosystems` needs a `singular` (text)",
        ),
        (
            GOOD_HEAD.replace("      label: Sea\n", "      label: Sea\n      colour: blue\n")
            + ROLES,
            "schema/vocabularies.yml:8:7: unknown setting `colour` of the term `sea`",
        ),
        (
            GOOD_HEAD + ROLES + "themes: [a, b]\n",
            "schema/vocabularies.yml:22:1: `themes` must have a title, a singular",
        ),
        (
            "ecosystems: [\n",
            "schema/vocabularies.yml:1:13: this list, opened with `[`, is not closed",
        ),
    ],
)
def test_a_mistake_in_the_vocabularies_is_told_with_its_line(
    tmp_path: Path, text: str, expected: str
) -> None:
    with pytest.raises(ContentError) as raised:
        vocab_file.load(write(tmp_path, text))
    told = [f"{p.location}: {p.text}" for p in raised.value.problems]
    assert any(line.startswith(expected) for line in told), told


def test_a_handbook_without_themes_or_statuses_is_complete(tmp_path: Path) -> None:
    loaded = vocab_file.load(write(tmp_path, GOOD_HEAD + ROLES))
    assert not loaded.themes.terms and not loaded.statuses.terms
    assert facets_for(loaded).theme is None
    assert "themes" not in practice_schema(loaded)["properties"]


def test_without_a_vocabularies_file_validation_says_so(tmp_path: Path, capsys) -> None:
    from site_builder.cli.main import main

    (tmp_path / "practices").mkdir()
    assert main(["--root", str(tmp_path), "validate"]) == 1
    assert (
        "schema/vocabularies.yml:1:1: error: the vocabularies file "
        "schema/vocabularies.yml is missing" in capsys.readouterr().out
    )
