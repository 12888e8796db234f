"""The search index: what goes in, how words match, how results are ranked."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from site_builder.facets import facets_for
from site_builder.mkdocs_pipeline import SiteSource
from site_builder.search import build, text
from site_builder.search.documents import documents, plain
from site_builder.search.query import Searcher, parse, snippet
from site_builder.validate import load_handbook
from tests.conftest import VOCABULARIES, make_corpus

PRACTICE = """---
id: {id}
title: {title}
organisation: {organisation}
country: {country}
ecosystems: [{ecosystem}]
helix: [industry]
cluster_role: sme-capacity
source: eca-2025
---
## Challenges

{challenges}

## Stakeholders

Companies of the cluster.

## Actions

{actions}

## Results

{results}
"""


def practice(
    root: Path,
    id: str,
    title: str = "A practice",
    organisation: str = "A cluster",
    country: str = "DE",
    ecosystem: str = "digital",
    challenges: str = "Something.",
    actions: str = "Something done.",
    results: str = "Something came of it.",
) -> None:
    (root / "practices" / f"{id}.md").write_text(PRACTICE.format(**locals()))


def searcher_for(root: Path) -> Searcher:
    handbook = load_handbook(root)
    site = SiteSource(root)
    docs = documents(handbook, site.context_documents(handbook), site.urls)
    return Searcher(build.payload(docs, facets_for(handbook.vocabularies)))


def ids(searcher: Searcher, query: str, **filters) -> list[str]:
    return [hit.doc["id"] for hit in searcher.search(query, filters or None)]


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return make_corpus(tmp_path / "handbook")


def test_words_in_different_sections_find_the_practice_and_put_it_first(root):
    practice(root, "both", challenges="Our quokka population.", results="A wombat census.")
    practice(root, "one", challenges="Quokka quokka quokka, everywhere a quokka.")
    assert ids(searcher_for(root), "quokka wombat") == ["both", "one"]


def test_title_and_organisation_weigh_more_than_the_text(root):
    practice(
        root,
        "in-body",
        challenges="The quokka appears in the text, once.",
        actions="Quokka again, twice.",
    )
    practice(root, "in-title", title="Quokka Valley")
    practice(root, "in-organisation", organisation="Quokka Cluster Association")
    assert ids(searcher_for(root), "quokka") == ["in-title", "in-organisation", "in-body"]


@pytest.mark.parametrize(
    "query,found",
    [
        ("financing", "We finance start-ups."),  # English stemming
        ("finance", "The financial instruments."),  # stem prefix: financ -> financi
        ("digitalization", "Digitalisation of SMEs."),  # American spelling
        ("organizations", "Regional organisations."),
        ("partnership", "Partners meet twice a year."),  # -ship
        ("Turkiye", "Exports to Türkiye."),  # accents
        ("SME", "The SMEs' needs."),  # possessive, plural
        ("hydro", "Hydrogen valleys."),  # typed halfway
    ],
)
def test_a_word_finds_its_other_forms(root, query, found):
    practice(root, "target", actions=found)
    assert ids(searcher_for(root), query)[:1] == ["target"]


def test_stop_words_alone_find_nothing(root):
    assert ids(searcher_for(root), "how to the of") == []


def test_terms_match_lunr_js_for_words_where_lunr_py_differs():
    # lunr.py's Porter stemmer gives "kei", "journei", "dry"; lunr.js (the browser) does not
    assert [text.term(w) for w in ("key", "journeys", "drying", "employed")] == [
        "key",
        "journey",
        "dri",
        "employ",
    ]


def test_filters_are_read_from_the_query():
    facets = build.search_facets(facets_for(VOCABULARIES))
    parsed = parse("hydrogen country:at,it type:Practice ecosystem:energy-renewables of", facets)
    assert parsed.words == ["hydrogen"]
    assert parsed.filters == {
        "country": {"AT", "IT"},
        "type": {"practice"},
        "ecosystem": {"energy-renewables"},
    }


def test_filters_widen_within_a_facet_and_narrow_across(root):
    practice(root, "de-digital", country="DE", ecosystem="digital", actions="Quokka.")
    practice(root, "it-digital", country="IT", ecosystem="digital", actions="Quokka.")
    practice(root, "it-health", country="IT", ecosystem="health", actions="Quokka.")
    search = searcher_for(root)
    assert sorted(ids(search, "quokka country:de,it")) == ["de-digital", "it-digital", "it-health"]
    assert ids(search, "quokka country:it ecosystem:digital") == ["it-digital"]
    assert ids(search, "quokka", country=["IT"], ecosystem=["health"]) == ["it-health"]


def test_practices_recommendations_and_context_pages_are_indexed(root):
    (root / "docs").mkdir()
    (root / "docs" / "about.md").write_text("# About the quokka\n\nA page.\n\n## More\n\nText.\n")
    search = searcher_for(root)
    kinds = {doc["type"] for doc in search.docs}
    assert kinds == {"practice", "recommendation", "page"}
    page = next(doc for doc in search.docs if doc["type"] == "page")
    assert page == {
        "id": "about",
        "location": "about/",
        "title": "About the quokka",
        "type": "page",
        "teaser": "A page. Text.",
    }
    # the page's address is the one MkDocs gives it, as mkdocs.yml asks
    with open(root / "mkdocs.yml", "a") as config:
        config.write("use_directory_urls: false\n")
    page = next(doc for doc in searcher_for(root).docs if doc["type"] == "page")
    assert page == {
        "id": "about",
        "location": "about.html",
        "title": "About the quokka",
        "type": "page",
        "teaser": "A page. Text.",
    }


def test_a_result_carries_what_the_list_shows_and_filters_by(root):
    search = searcher_for(root)
    doc = next(d for d in search.docs if d["id"] == "ribes-nest-veneto")
    assert doc["location"] == "practices/ribes-nest-veneto.html"
    assert doc["country"] == ["IT"] and doc["ecosystem"] == ["health"]
    assert doc["organisation"].startswith("RIBES") and doc["region"] == "Veneto"
    assert search.label("country", "IT") == "Italy"
    assert search.label("ecosystem", "health") == "Health"


def test_the_body_is_indexed_whole_every_term_as_often_as_it_occurs(root):
    practice(root, "once", actions="A quokka.")
    practice(root, "thrice", actions="A quokka, a quokka and a quokka.")
    docs = documents(load_handbook(root), [])
    index = build.build_index(docs)
    refs = {doc.id: str(i) for i, doc in enumerate(docs)}
    assert set(index.inverted_index["quokka"]["body"]) == {refs["once"], refs["thrice"]}
    assert "cluster" in index.inverted_index  # a word every document has is kept
    assert ids(searcher_for(root), "quokka") == ["thrice", "once"]


def test_the_payload_is_deterministic_and_loads_back(root):
    practice(root, "extra", actions="Quokka.")
    handbook = load_handbook(root)
    docs, facets = documents(handbook, []), facets_for(handbook.vocabularies)
    first, second = (
        build.dumps(build.payload(docs, facets)),
        build.dumps(build.payload(docs, facets)),
    )
    assert first == second
    data = json.loads(first)
    assert data["config"]["format"] == build.FORMAT
    assert data["config"]["index"]["pipeline"] == [text.TERM_FUNCTION]
    assert ids(Searcher(data), "quokka") == ["extra"]


def test_markdown_becomes_plain_text():
    assert (
        plain("**Bold** and [a link](https://x.org), `code`\n\n- item\n| a | b |")
        == "Bold and a link, code\n\nitem\n a b"
    )


def test_the_snippet_is_the_stretch_with_the_most_query_words():
    sections = [
        ("Challenges", "Nothing here. " * 20),
        ("Results", "The quokka census counted wombats and quokkas."),
    ]
    assert (
        snippet(sections, ["quokka", "wombat"], width=8)
        == "… here. Nothing here. The quokka census counted wombats …"
    )


def test_every_word_of_a_practice_finds_it_in_the_real_handbook():
    """Full text: a reader who remembers any word of a practice finds the practice. Here,
    for each practice, the five longest words of its sections that no title holds."""
    from tests.conftest import PROJECT

    handbook = load_handbook(PROJECT)
    searcher = Searcher(
        build.payload(
            documents(handbook, SiteSource(PROJECT).context_documents(handbook)),
            facets_for(handbook.vocabularies),
        )
    )
    missed = []
    for p in handbook.practices:
        words = {
            w for s in p.sections for w in plain(s.markdown).split() if w.isalpha() and w.islower()
        }
        for word in sorted(words, key=lambda w: (-len(w), w))[:5]:
            found = [
                hit.doc["id"] for hit in searcher.search(word, {"type": ["practice"]}, limit=200)
            ]
            if p.id not in found:
                missed.append((p.id, word))
    assert missed == []
