"""The search index: what goes in, how words match, how results are ranked."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from lunr.builder import Builder as LunrBuilder

from site_builder.adapter.context_pages import SiteSource
from site_builder.content.validate import load_handbook
from site_builder.core.facets import facets_for
from site_builder.search import build, shards, text
from site_builder.search.documents import fields, plain
from site_builder.search.entries import documents
from site_builder.search.query import Searcher, parse, snippet
from tests.helpers.in_memory import index_searcher
from tests.helpers.projects import VOCABULARIES, make_corpus

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
    return index_searcher(docs, facets_for(handbook.vocabularies))


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
    kinds = {doc["type"] for doc in search.documents()}
    assert kinds == {"practice", "recommendation", "page"}
    page = next(doc for doc in search.documents() if doc["type"] == "page")
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
    page = next(doc for doc in searcher_for(root).documents() if doc["type"] == "page")
    assert page == {
        "id": "about",
        "location": "about.html",
        "title": "About the quokka",
        "type": "page",
        "teaser": "A page. Text.",
    }


def test_a_result_carries_what_the_list_shows_and_filters_by(root):
    search = searcher_for(root)
    doc = next(d for d in search.documents() if d["id"] == "ribes-nest-veneto")
    assert doc["location"] == "practices/ribes-nest-veneto.html"
    assert doc["country"] == ["IT"] and doc["ecosystem"] == ["health"]
    assert doc["organisation"].startswith("RIBES") and doc["region"] == "Veneto"
    assert search.label("country", "IT") == "Italy"
    assert search.label("ecosystem", "health") == "Health"


def test_the_body_is_indexed_whole_every_term_as_often_as_it_occurs(root):
    practice(root, "once", actions="A quokka.")
    practice(root, "thrice", actions="A quokka, a quokka and a quokka.")
    docs = shards.title_order(documents(load_handbook(root), []))
    body = shards.weights(docs)[shards.FIELDS.index("body")]
    refs = {doc.id: i for i, doc in enumerate(docs)}
    assert sorted(body["quokka"][0]) == sorted([refs["once"], refs["thrice"]])
    assert "cluster" in body  # a word every document has is kept
    assert ids(searcher_for(root), "quokka") == ["thrice", "once"]


def test_the_index_files_are_deterministic_scripts_that_load_back(root):
    practice(root, "extra", actions="Quokka.")
    handbook = load_handbook(root)
    docs, facets = documents(handbook, []), facets_for(handbook.vocabularies)
    first, second = build.index_files(docs, facets), build.index_files(docs, facets)
    assert first == second
    assert all(t.startswith("handbookSearch({") and t.endswith("})\n") for t in first.values())
    meta = shards.unscript(first["meta.js"])
    assert meta["format"] == build.FORMAT and meta["documents"] == len(docs)
    assert ids(Searcher(shards.Shards(first.__getitem__)), "quokka") == ["extra"]


@pytest.mark.parametrize("number", [0, 1, 127, 128, 300, 16_383, 16_384, 2**21, 2**28 + 5])
def test_postings_survive_their_encoding(number):
    pairs = [(0, number), (1, 1), (number + 2, number)]
    encoded = shards.encode_postings([d for d, _ in pairs], [w for _, w in pairs])
    assert shards.decode_postings(encoded) == pairs


def test_a_query_reads_only_the_files_it_needs(root, monkeypatch):
    for n in range(120):
        practice(root, f"p{n:03}", title=f"Practice {n}", actions=f"Word{n} and quokka{n % 7}.")
    practice(root, "target", title="The wombat", actions="Wombats everywhere.")
    monkeypatch.setattr(shards, "SHARD_BYTES", 400)
    handbook = load_handbook(root)
    made = build.index_files(documents(handbook, []), facets_for(handbook.vocabularies))
    read: list[str] = []

    def reader(name: str) -> str:
        read.append(name)
        return made[name]

    searcher = Searcher(shards.Shards(reader))
    terms = [name for name in made if name.startswith("t")]
    assert len(terms) > 20  # the index is in many shards
    assert ids(searcher, "wombat") == ["target"]
    assert read[0] == "meta.js"
    assert 1 <= len([n for n in read if n.startswith("t")]) <= shards.MAX_PREFIX_SHARDS + 1
    assert [n for n in read if n.startswith("d")] == [
        f"d{searcher.search('wombat')[0].ref // shards.BLOCK}.js"
    ]
    assert len(read) <= 4


class _LunrBuilder(LunrBuilder):
    """lunr.py's own builder, fed the same terms (what the site shipped before shards)."""

    def add(self, doc, attributes=None):
        ref = str(doc[self._ref])
        self._documents[ref] = attributes or {}
        self.document_count += 1
        for name in self._fields:
            terms = doc[name]
            counts = Counter(terms)
            self.field_term_frequencies[f"{name}/{ref}"] = counts
            self.field_lengths[f"{name}/{ref}"] = len(terms)
            for term in counts:
                posting = self.inverted_index.get(term)
                if posting is None:
                    posting = {field: {} for field in self._fields}
                    posting["_index"] = self.term_index
                    self.term_index += 1
                    self.inverted_index[term] = posting
                posting[name][ref] = {}


def lunr_scores(docs, query_words: list[str]) -> dict[str, float]:
    """What a lunr index of the documents scores, per document id (query.py's clauses)."""
    from lunr.query import Query

    from site_builder.search.query import MIN_PREFIX, PREFIX_BOOST, js_round

    builder = _LunrBuilder()
    builder.ref("ref")
    for name, boost in build.BOOSTS.items():
        builder.field(name, boost=boost)
    for ref, doc in enumerate(docs):
        builder.add({"ref": str(ref), **{k: text.terms(v) for k, v in fields(doc).items()}})
    index = builder.build()
    query = index.create_query()
    for word in query_words:
        query.term(text.term(word), use_pipeline=False, boost=1)
        if len(text.stem(word)) >= MIN_PREFIX:
            query.term(
                text.stem(word),
                use_pipeline=False,
                boost=PREFIX_BOOST,
                wildcard=Query.WILDCARD_TRAILING,
            )
    scores = {}
    for result in index.query(query):
        found = set(result["match_data"].metadata)
        stems = [text.stem(w) for w in query_words]
        matched = [s for s in stems if s in found or any(t.startswith(s) for t in found)]
        scores[docs[int(result["ref"])].id] = js_round(
            result["score"] * len(matched) / len(query_words)
        )
    return scores


@pytest.mark.parametrize(
    "query",
    ["hydrogen", "innovation vouchers for SMEs", "smart specialisation", "digit", "cluster manag"],
)
def test_scores_are_those_of_a_lunr_index_of_the_same_documents(query):
    from tests.helpers.projects import PROJECT

    handbook = load_handbook(PROJECT)
    docs = documents(handbook, SiteSource(PROJECT).context_documents(handbook))
    searcher = index_searcher(docs, facets_for(handbook.vocabularies))
    ours = {hit.doc["id"]: hit.score for hit in searcher.search(query)}
    words = parse(query, searcher.facets).words
    assert ours == lunr_scores(docs, words)


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
    from tests.helpers.projects import PROJECT

    handbook = load_handbook(PROJECT)
    searcher = index_searcher(
        documents(handbook, SiteSource(PROJECT).context_documents(handbook)),
        facets_for(handbook.vocabularies),
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
