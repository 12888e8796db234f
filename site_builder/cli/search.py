"""`handbook search`: the site's index, on the command line, offline.

    handbook search gender equality in STEM
    handbook search hydrogen --country IT --json
    handbook search --type recommendation --limit 5 public procurement

The report goes to stdout, what the command did (building the index) to stderr.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from site_builder.cli import values
from site_builder.core import installed
from site_builder.core.facets import Facet, Facets
from site_builder.core.project import PRACTICES
from site_builder.search import cache
from site_builder.search.build import search_facets
from site_builder.search.documents import TYPES
from site_builder.search.query import Hit, Searcher, parse, snippet


def context_pages(root: Path) -> cache.ContextPages:
    """docs/ as the build renders it: MkDocs is imported only when the index is made."""
    from site_builder.adapter.context_pages import SiteSource

    return SiteSource(root)


def _one_of(facet: Facet):
    """The facet's values as every command reads them (cli/values.py)."""
    return values.country if facet.vocabulary is None else values.term(facet.vocabulary)


def register(sub, facets: Facets | None) -> None:
    """`handbook search`, with a filter option per facet of the handbook (none where the
    handbook's vocabularies cannot be read: the command then says why)."""
    s = sub.add_parser(
        "search",
        help="search practices, recommendations and context pages",
        description="Search the handbook offline, with the index the site "
        "uses (built from the content on first use). Filters can also be "
        "written in the query: country:IT ecosystem:health type:practice.",
    )
    s.add_argument("query", nargs="*", metavar="QUERY", help="words to look for")
    s.add_argument(
        "--type",
        action="append",
        choices=sorted(TYPES),
        help="practice, recommendation or page (repeat to widen)",
    )
    for facet in facets.filters if facets else ():
        s.add_argument(
            f"--{facet.key}",
            action="append",
            type=_one_of(facet),
            metavar="CC" if facet.upper else "SLUG",
            help=values.COUNTRY_HELP + "; repeat to widen"
            if facet.vocabulary is None
            else values.terms_help(facet.vocabulary, "repeat to widen"),
        )
    s.add_argument(
        "--limit", type=_positive, default=10, metavar="N", help="at most N results (default 10)"
    )
    s.add_argument("--json", action="store_true", help="a JSON list instead of text")
    s.set_defaults(run=run, search_facets=search_facets(facets) if facets else [])


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number above 0, got {value!r}")
    return int(value)


def run(args: argparse.Namespace) -> int:
    root = args.root.resolve()
    if (
        not (root / PRACTICES).is_dir()
        and not args.root_given
        and (shipped := installed.content_root())
    ):
        root = shipped
        print(
            f"handbook search: no handbook here; searching the one installed with the "
            f"package ({root})",
            file=sys.stderr,
        )
    if not (root / PRACTICES).is_dir():
        print(
            f"handbook search: no handbook in {root} (no practices/ folder); use --root",
            file=sys.stderr,
        )
        return 2
    text = " ".join(args.query)
    keys = [f["key"] for f in args.search_facets]
    filters: dict[str, list[str]] = {
        key: getattr(args, key) for key in keys if getattr(args, key, None)
    }
    parsed = parse(text, args.search_facets, filters)
    if not parsed.words and not parsed.filters:
        print("handbook search: give words to look for, or a filter", file=sys.stderr)
        return 2
    stored = cache.load(
        root, lambda message: print(f"handbook search: {message}", file=sys.stderr), context_pages
    )
    searcher = Searcher(stored.index)
    hits = searcher.search(text, filters, args.limit)
    results = [
        _result(searcher, hit, snippet(stored.sections(hit.ref), parsed.words)) for hit in hits
    ]
    if args.json:
        sys.stdout.write(json.dumps(results, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(_text(results, parsed.words, sys.stdout.isatty()))
    return 0


def _result(searcher: Searcher, hit: Hit, text: str) -> dict:
    doc = hit.doc
    return {
        "id": doc["id"],
        "type": doc["type"],
        "title": doc["title"],
        "score": hit.score,
        "location": doc["location"],
        "organisation": doc.get("organisation"),
        "country": (doc.get("country") or [None])[0],
        "country_name": searcher.label("country", (doc.get("country") or [""])[0]) or None,
        "ecosystems": doc.get("ecosystem", []),
        "ecosystem_names": [searcher.label("ecosystem", e) for e in doc.get("ecosystem", [])],
        "matched": list(hit.matched),
        "snippet": text,
    }


def _text(results: list[dict], words: list[str], bold: bool) -> str:
    if not results:
        return "No results.\n"
    lines = []
    for rank, r in enumerate(results, 1):
        where = " · ".join(
            x for x in (TYPES[r["type"]], r["country_name"], *r["ecosystem_names"]) if x
        )
        lines.append(f"{rank:2}. {r['title']}  [{where}]")
        lines.append(f"    {r['id']}" + (f" · {r['organisation']}" if r["organisation"] else ""))
        lines.append(f"    {_emphasise(r['snippet'], words) if bold else r['snippet']}")
    return "\n".join(lines) + "\n"


def _emphasise(snippet: str, words: list[str]) -> str:
    if not words:
        return snippet
    pattern = re.compile(r"\b(" + "|".join(re.escape(w) for w in words) + r")\w*", re.I)
    return pattern.sub(lambda m: f"\033[1m{m.group(0)}\033[0m", snippet)
