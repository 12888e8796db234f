"""Search quality on the real handbook: recall@5 and mean reciprocal rank.

The queries and what a reader expects for each are the specification in
tests/helpers/search_queries.py; this script measures them for the build's index.

    .venv/bin/python -m benchmarks.search_quality [--verbose]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from site_builder.adapter.context_pages import SiteSource
from site_builder.content.validate import load_handbook
from site_builder.core.facets import facets_for
from site_builder.search.entries import documents
from site_builder.search.query import Searcher
from tests.helpers.in_memory import index_searcher
from tests.helpers.search_queries import QUERIES, recall_at, reciprocal_rank

REPO = Path(__file__).resolve().parent.parent


def measure(searcher: Searcher) -> tuple[float, float, list[tuple[str, float, float, list]]]:
    rows = []
    for query, expected in QUERIES:
        ranked = [hit.doc["id"] for hit in searcher.search(query, limit=10)]
        rows.append(
            (query, recall_at(ranked, expected), reciprocal_rank(ranked, expected), ranked[:5])
        )
    recall = sum(r[1] for r in rows) / len(rows)
    mrr = sum(r[2] for r in rows) / len(rows)
    return recall, mrr, rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--verbose", action="store_true", help="every query's top five")
    args = parser.parse_args(argv)
    handbook = load_handbook(REPO)
    docs = documents(handbook, SiteSource(REPO).context_documents(handbook))
    print(
        f"{len(QUERIES)} queries over {len(handbook.practices)} practices, "
        f"{len(handbook.recommendations)} recommendations and "
        f"{len(docs) - len(handbook.practices) - len(handbook.recommendations)} pages"
    )
    print("| body | recall@5 | MRR |\n|---:|---:|---:|")
    recall, mrr, rows = measure(index_searcher(docs, facets_for(handbook.vocabularies)))
    print(f"| whole text | {recall:.3f} | {mrr:.3f} |")
    if args.verbose:
        for query, r, rr, ranked in rows:
            mark = "  " if r == 1 else "!!"
            print(f"  {mark} {r:.2f} {rr:.2f} {query!r}: {', '.join(ranked)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
