"""Search quality: what a policy maker types, and what a reader of the handbook expects
to see in the first five results.

Each expectation was chosen by reading the practices and recommendations, not by
looking at what the engine returns. Where several documents are expected, recall
counts how many of them (at most five) are in the top five; benchmarks/search_quality.py
reports recall@5 and the mean reciprocal rank over this list (goal: recall@5 >= 0.9).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.adapter.context_pages import SiteSource
from site_builder.content.validate import load_handbook
from site_builder.core.facets import facets_for
from site_builder.search.entries import documents
from site_builder.search.query import Searcher
from tests.helpers.in_memory import index_searcher as in_memory
from tests.helpers.search_queries import QUERIES, recall_at

PROJECT = Path(__file__).resolve().parent.parent


def handbook_searcher(root: Path = PROJECT) -> Searcher:
    handbook = load_handbook(root)
    site = SiteSource(root)
    return in_memory(
        documents(handbook, site.context_documents(handbook), site.urls),
        facets_for(handbook.vocabularies),
    )


@pytest.fixture(scope="module")
def searcher() -> Searcher:
    return handbook_searcher()


def top(searcher: Searcher, query: str, k: int = 5) -> list[str]:
    return [hit.doc["id"] for hit in searcher.search(query, limit=k)]


def test_the_list_is_long_enough_and_names_real_documents(searcher):
    ids = {doc["id"] for doc in searcher.documents()}
    assert len(QUERIES) >= 25
    assert {e for _, expected in QUERIES for e in expected} <= ids


@pytest.mark.parametrize("query,expected", QUERIES, ids=[q for q, _ in QUERIES])
def test_a_reader_finds_what_they_expect_in_the_top_five(searcher, query, expected):
    found = top(searcher, query)
    assert set(found) & set(expected), f"{query!r}: top five {found}, expected {expected}"


def test_recall_at_five_reaches_the_goal(searcher):
    recalls = {query: recall_at(top(searcher, query), expected) for query, expected in QUERIES}
    average = sum(recalls.values()) / len(recalls)
    misses = {q: r for q, r in recalls.items() if r < 1}
    assert average >= 0.9, f"recall@5 {average:.2f}; partly missed: {misses}"
