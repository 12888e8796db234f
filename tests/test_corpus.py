"""The handbook's own content: complete, valid, and spread as the sources say."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from site_builder.content.validate import check, load_handbook
from site_builder.core.sections import REQUIRED_SECTIONS

from .helpers.projects import PROJECT, VOCABULARIES

CLUSTER_ROLE_CHAPTERS = VOCABULARIES.chapters()
CLUSTER_ROLES = VOCABULARIES.cluster_roles.labels


@pytest.fixture(scope="module")
def handbook():
    return load_handbook(PROJECT)


def test_the_whole_tree_validates_without_warnings() -> None:
    result = check(PROJECT)
    assert result.problems == []
    assert len(result.documents) == 77


def test_counts(handbook) -> None:
    assert len(handbook.practices) == 58
    assert len(handbook.recommendations) == 19
    assert sum(1 for r in handbook.recommendations if r.status) == 12


def test_every_practice_has_the_four_sections_non_empty(handbook) -> None:
    for practice in handbook.practices:
        for slug, heading in REQUIRED_SECTIONS:
            section = practice.section(slug)
            assert section is not None and section.markdown.strip(), (practice.id, heading)


def test_guidebook_sections_are_all_there_once(handbook) -> None:
    guidebook = [p for p in handbook.practices if p.source == "eca-2025"]
    sections = sorted(p.source_section for p in guidebook)
    chapter_sizes = Counter(s.rsplit(".", 1)[0] for s in sections)
    assert chapter_sizes == {"3.1": 15, "3.2": 16, "3.3": 7, "3.4": 2, "3.5": 17}
    assert len(set(sections)) == 57


def test_cluster_role_matches_the_chapter(handbook) -> None:
    for practice in handbook.practices:
        if practice.source == "eca-2025":
            chapter = practice.source_section.rsplit(".", 1)[0]
            assert CLUSTER_ROLE_CHAPTERS[practice.cluster_role] == chapter, practice.id
    assert {p.cluster_role for p in handbook.practices} == set(CLUSTER_ROLES)


@pytest.mark.parametrize(
    "section, country",
    [
        ("3.1.1", "IT"),
        ("3.1.2", "AT"),
        ("3.1.3", "CZ"),
        ("3.1.4", "RO"),
        ("3.1.7", "FR"),
        ("3.1.11", "DE"),
        ("3.2.5", "SK"),
        ("3.2.6", "PL"),
        ("3.2.9", "GR"),
        ("3.2.10", "BG"),
    ],
)
def test_countries_as_the_guidebook_states_them(handbook, section, country) -> None:
    practice = next(p for p in handbook.practices if p.source_section == section)
    assert practice.country == country


def test_digiclusters_keeps_its_interreg_sections(handbook) -> None:
    practice = handbook.practice("digiclusters-x-industry-hackathons")
    assert practice.country == "PL" and practice.region == "Mazowieckie"
    assert [s.slug for s in practice.sections][4:] == [
        "resources",
        "evidence",
        "difficulties",
        "transfer",
    ]
    assert practice.period.start == "2018-10" and practice.period.end == "2020-03"


def test_no_pdf_artefacts_in_the_prose(handbook) -> None:
    for practice in handbook.practices:
        text = practice.text
        assert "What was the starting point?" not in text, practice.id
        assert "\n\n\n" not in text, practice.id
        assert not re.search(r"\S  +\S", text), practice.id  # stray spaces
        assert not re.search(r"[a-z]- (?!and |or )[a-z]", text), practice.id  # broken hyphenation


def test_recommendations_link_existing_practices(handbook) -> None:
    linked = {p for r in handbook.recommendations for p in r.practices}
    assert linked and all(handbook.practice(p) for p in linked)
