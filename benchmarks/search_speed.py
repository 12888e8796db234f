"""Search speed and page weight: a baseline revision and the working tree, in one run.

For each size (0: the real handbook; N: a synthetic one, benchmarks/corpus.py) the same
content is built twice with `mkdocs build` (PDF off, offline zip on): once with the
code of --baseline (a git worktree of that revision, first on PYTHONPATH, with its
own hooks) and once with the working tree's. Then, alternating the two sides run by
run so that a busy machine slows both alike:

- the time from the load event to the first search result in headless Chromium,
  over http and from file://, for a two-word query typed in the header's box;
- which search files that query read, and their bytes (the files' sizes on disk);
- the bytes each of four pages (home, All practices, a view, a practice) loads
  before anyone searches (every file it requests until it is idle, sizes on disk);
- `handbook search`, cold (no .handbook-cache) and warm, in a subprocess.

Once per side: the build's time, the search index's own time (its log line) and how
long the build waited for it, the index's size, the offline zip's and All practices'
HTML. For the working tree, at the size asked: whether every practice whose own
title is the query is among its first five results (--titles).

Every figure is a median of --repeats. Results as Markdown on stdout, JSON in --out.
With --index-only there is no build: the working tree's index is made in-process and
each of five two-word queries reports the files and bytes it reads (for 50,000).

    .venv/bin/python -m benchmarks.search_speed --sizes 0,5000 --repeats 5
    .venv/bin/python -m benchmarks.search_speed --sizes 50000 --index-only --work /tmp/c50k
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import unquote, urlparse

from tests.helpers.browser import CHROMIUM, CHROMIUM_ARGS

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
BASELINE = "c35e606"  # main before issue 14: one lunr index, loaded by every page
BROWSER_QUERY = "innovation vouchers"
CLI_QUERIES = ["hydrogen", "innovation vouchers for SMEs", "training country:IT"]
PAGES = {"home": "index.html", "All practices": "practices/index.html"}
SEARCH_FILE = re.compile(r"/search/(index/|handbook_index)")
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}

FIRST_RESULT = """query => new Promise(resolve => {
  const list = document.querySelector(".md-search-result__list");
  const input = document.querySelector("input.md-search__input");
  const loaded = performance.getEntriesByType("navigation")[0].loadEventEnd;
  const typed = performance.now();
  new MutationObserver((_, observer) => {
    if (list.children.length) {
      observer.disconnect();
      const now = performance.now();
      resolve({after_load_ms: now - loaded, after_typing_ms: now - typed});
    }
  }).observe(list, {childList: true});
  input.focus();
  input.value = query;
  input.dispatchEvent(new KeyboardEvent("keyup", {bubbles: true}));
})"""


def median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def log(message: str) -> None:
    print(f"[search_speed] {message}", file=sys.stderr, flush=True)


# -- the two sides ----------------------------------------------------------------------
def source_tree(revision: str, work: Path) -> Path:
    """The code of `revision`, as a git worktree (made once)."""
    tree = work / f"src-{revision}"
    if not (tree / "site_builder").is_dir():
        subprocess.run(
            ["git", "worktree", "add", "--detach", "--force", str(tree), revision],
            cwd=REPO,
            check=True,
            capture_output=True,
        )
    return tree


def content(size: int, work: Path) -> Path:
    """The content: the real handbook's for 0, else a synthetic one (made once)."""
    if size == 0:
        target = work / "content-0"
        if not target.exists():
            for name in ("practices", "recommendations", "docs", "schema"):
                shutil.copytree(REPO / name, target / name)
            shutil.copy2(REPO / "sources.yml", target)
        return target
    from benchmarks import corpus

    target = work / f"handbook-{size}"
    if not (target / "practices").is_dir():
        corpus.generate(size, work)
    return target


def project(size: int, side: str, tree: Path, work: Path) -> Path:
    """The content with the side's hooks and mkdocs.yml (PDF off, zip on)."""
    target = work / f"side-{side}-{size}"
    source = content(size, work)
    if not target.exists():
        target.mkdir()
        for name in ("practices", "recommendations", "docs", "schema"):
            if (source / name).exists():
                os.symlink(source / name, target / name)
        shutil.copy2(source / "sources.yml", target)
    shutil.rmtree(target / "hooks", ignore_errors=True)
    shutil.copytree(tree / "hooks", target / "hooks")
    config = (tree / "mkdocs.yml").read_text(encoding="utf-8")
    (target / "mkdocs.yml").write_text(
        config.replace("pdf: true", "pdf: false").replace(
            "offline_zip: false", "offline_zip: true"
        ),
        encoding="utf-8",
    )
    return target


def side_env(tree: Path) -> dict:
    return {**ENV, "PYTHONPATH": str(tree)}


def build(root: Path, tree: Path) -> dict:
    """One `mkdocs build`, from nothing (no site, no cache)."""
    shutil.rmtree(root / "site", ignore_errors=True)
    shutil.rmtree(root / ".handbook-cache", ignore_errors=True)
    started = time.perf_counter()
    done = subprocess.run(
        [str(BIN / "mkdocs"), "build", "-f", str(root / "mkdocs.yml")],
        capture_output=True,
        text=True,
        timeout=7200,
        env=side_env(tree),
        cwd=root,
    )
    seconds = time.perf_counter() - started
    assert done.returncode == 0, done.stderr[-3000:]
    waited = re.search(r"waiting for the search index ([\d.]+) s", done.stderr)
    site = root / "site"
    data = [
        p for p in (site / "search").rglob("*") if p.is_file() and SEARCH_FILE.search(p.as_posix())
    ]
    zips = list(site.glob("*.zip"))
    return {
        "build_s": seconds,
        "index_waited_s": float(waited[1]) if waited else None,
        "index_files": len(data),
        "index_mb": sum(p.stat().st_size for p in data) / 1e6,
        "zip_mb": zips[0].stat().st_size / 1e6 if zips else None,
        "all_practices_kb": (site / PAGES["All practices"]).stat().st_size / 1000,
    }


def pages(site: Path) -> dict[str, str]:
    """The pages weighed: home, All practices, the largest ecosystem's view, a practice."""
    views = [p for p in (site / "ecosystems").glob("*.html") if p.name != "index.html"]
    practices = sorted(p for p in (site / "practices").glob("*.html") if p.name != "index.html")
    return {
        **PAGES,
        "a view": max(views, key=lambda p: p.stat().st_size).relative_to(site).as_posix(),
        "a practice": practices[len(practices) // 2].relative_to(site).as_posix(),
    }


INDEX_TIME = """
import dataclasses, sys, time
from pathlib import Path
from site_builder.core.facets import facets_for
from site_builder.adapter.context_pages import SiteSource
from site_builder.search import build
from site_builder.search.entries import documents
from site_builder.content.validate import load_handbook

root = Path(sys.argv[1])
handbook = load_handbook(root)
docs = documents(handbook, SiteSource(root).context_documents(handbook))
facets = facets_for(handbook.vocabularies)

def made(docs):
    started = time.perf_counter()
    if hasattr(build, "index_files"):
        build.index_files(docs, facets)
    else:  # before the shards
        build.dumps(build.payload(docs, facets))
    return time.perf_counter() - started

first = made(docs)
edited = list(docs)
edited[len(docs) // 2] = dataclasses.replace(docs[len(docs) // 2], title="An edited title")
print(first, made(edited))
"""


def index_time(root: Path, tree: Path) -> tuple[float, float]:
    """The index made in-process from the documents: from nothing, then again with one
    document edited (what `mkdocs serve` does after a save)."""
    done = subprocess.run(
        [sys.executable, "-c", INDEX_TIME, str(root)],
        capture_output=True,
        text=True,
        timeout=3600,
        env=side_env(tree),
        cwd=root,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    first, again = (float(x) for x in done.stdout.split())
    return first, again


# -- the command line -------------------------------------------------------------------
def cli(root: Path, tree: Path, query: str) -> float:
    started = time.perf_counter()
    done = subprocess.run(
        [str(BIN / "handbook"), "--root", str(root), "search", *query.split()],
        capture_output=True,
        text=True,
        timeout=1800,
        env=side_env(tree),
    )
    assert done.returncode == 0, done.stderr
    return time.perf_counter() - started


def cli_cold(root: Path, tree: Path) -> float:
    shutil.rmtree(root / ".handbook-cache", ignore_errors=True)
    return cli(root, tree, CLI_QUERIES[0])


# -- the browser ------------------------------------------------------------------------
class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        pass  # a page closed while the baseline's 30 MB index was still coming


class Served:
    """A site on the loopback interface."""

    def __init__(self, site: Path):
        handler = functools.partial(_Quiet, directory=str(site))
        self.server = _Server(("127.0.0.1", 0), handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}/"
        self.site = site

    def url(self, over: str, path: str) -> str:
        return (self.base if over == "http" else self.site.as_uri() + "/") + path

    def size(self, url: str) -> int:
        """The size on disk of the site's file a URL names (0 if not the site's)."""
        parsed = urlparse(url)
        path = unquote(parsed.path)
        if parsed.scheme == "http":
            path = str(self.site) + path
        file = Path(path)
        return file.stat().st_size if file.is_file() else 0


def first_result(browser, served: Served, over: str) -> dict:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(served.url(over, "index.html"), wait_until="load")
    before = len(requests)  # typed the moment the page has loaded
    timing = page.evaluate(FIRST_RESULT, BROWSER_QUERY)
    page.wait_for_timeout(300)
    read = sorted({u for u in requests[before:] if SEARCH_FILE.search(u)})
    context.close()
    return {
        **timing,
        "files": len(read),
        "kb": sum(served.size(u) for u in read) / 1000,
    }


def page_weight(browser, served: Served, path: str) -> float:
    """kB of the site's files a page requests until it is idle, before any search."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(served.url("http", path), wait_until="networkidle")
    page.wait_for_timeout(500)
    context.close()
    return sum(served.size(u) for u in set(requests)) / 1000


def measure_browser(sites: dict[str, Path], repeats: int) -> dict:
    from playwright.sync_api import sync_playwright

    served = {side: Served(site) for side, site in sites.items()}
    runs: dict[str, dict[str, list]] = {side: {} for side in sites}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            weighed = pages(next(iter(sites.values())))
            for _ in range(repeats):
                for side, server in served.items():  # alternating: noise hits both alike
                    for over in ("http", "file"):
                        found = first_result(browser, server, over)
                        for key, value in found.items():
                            runs[side].setdefault(f"{over} {key}", []).append(value)
                    for name, path in weighed.items():
                        runs[side].setdefault(f"weight {name}", []).append(
                            page_weight(browser, server, path)
                        )
            browser.close()
    finally:
        for server in served.values():
            server.server.shutdown()
    return {side: {k: median(v) for k, v in figures.items()} for side, figures in runs.items()}


# -- relevance at scale -----------------------------------------------------------------
def titles_in_top_five(site: Path, sample: int) -> dict:
    """Every practice (or a sample, evenly spread) searched by its own title."""
    sys.path.insert(0, str(REPO))
    from tests.helpers.in_memory import site_searcher

    searcher = site_searcher(site)
    practices = [d for d in searcher.documents() if d["type"] == "practice"]
    step = max(1, len(practices) // sample) if sample else 1
    chosen = practices[::step]
    missed = []
    started = time.perf_counter()
    for doc in chosen:
        top = [hit.doc["id"] for hit in searcher.search(doc["title"], limit=5)]
        if doc["id"] not in top:
            missed.append(doc["title"])
    return {
        "asked": len(chosen),
        "in_top_five": len(chosen) - len(missed),
        "missed": missed[:10],
        "ms_per_query": (time.perf_counter() - started) * 1000 / max(1, len(chosen)),
    }


# -- the index alone, at any size --------------------------------------------------------
READ_QUERIES = [
    "innovation vouchers",
    "hydrogen valley",
    "digital transformation",
    "cluster management",
    "smart specialisation",
]


def index_only(size: int, work: Path) -> dict:
    """The working tree's index of the content, made in-process (no site), and what each
    two-word query of READ_QUERIES reads from it: at sizes too large to build."""
    from site_builder.adapter.context_pages import SiteSource
    from site_builder.content.validate import load_handbook
    from site_builder.core.facets import facets_for
    from site_builder.search import build as search_build
    from site_builder.search import shards
    from site_builder.search.entries import documents
    from site_builder.search.query import Searcher

    root = content(size, work)
    handbook = load_handbook(root)
    docs = documents(handbook, SiteSource(root).context_documents(handbook))
    started = time.perf_counter()
    files = search_build.index_files(docs, facets_for(handbook.vocabularies))
    result: dict = {
        "documents": len(docs),
        "index_s": time.perf_counter() - started,
        "files": len(files),
        "index_mb": sum(len(v.encode()) for v in files.values()) / 1e6,
        "meta_kb": len(files["meta.js"].encode()) / 1000,
        "queries": {},
    }
    for query in READ_QUERIES:
        read: list[str] = []

        def reader(name: str, read: list[str] = read) -> str:
            read.append(name)
            return files[name]

        Searcher(shards.Shards(reader)).search(query, limit=5)
        result["queries"][query] = {
            "files": len(read),
            "kb": sum(len(files[n].encode()) for n in read) / 1000,
        }
    return result


# -- the run ----------------------------------------------------------------------------
def measure_size(size: int, args) -> dict:
    trees = {"new": REPO}
    if args.baseline != "none":
        trees = {"baseline": source_tree(args.baseline, args.work), **trees}
    roots = {side: project(size, side, tree, args.work) for side, tree in trees.items()}
    result: dict = {"sides": list(trees)}
    for side in trees:
        log(f"{size}: build, {side}")
        result.setdefault("build", {})[side] = build(roots[side], trees[side])
    log(f"{size}: index, in-process")
    times: dict[str, dict[str, list]] = {side: {} for side in trees}
    for _ in range(args.repeats if size <= 5000 else 1):
        for side, tree in trees.items():
            first, again = index_time(roots[side], tree)
            times[side].setdefault("index_s", []).append(first)
            times[side].setdefault("index_again_s", []).append(again)
    result["index"] = {
        side: {k: median(v) for k, v in runs.items()} for side, runs in times.items()
    }
    log(f"{size}: browser")
    result["browser"] = measure_browser({s: r / "site" for s, r in roots.items()}, args.repeats)
    log(f"{size}: command line")
    cli_runs: dict[str, dict[str, list]] = {side: {} for side in trees}
    for _ in range(args.repeats if size <= 5000 else 1):
        for side, tree in trees.items():
            cli_runs[side].setdefault("cold", []).append(cli_cold(roots[side], tree))
    for _ in range(args.repeats):
        for side, tree in trees.items():
            for query in CLI_QUERIES:
                cli_runs[side].setdefault(query, []).append(cli(roots[side], tree, query))
    result["cli"] = {
        side: {k: median(v) for k, v in runs.items()} for side, runs in cli_runs.items()
    }
    if args.titles is not None:
        log(f"{size}: titles")
        result["titles"] = titles_in_top_five(roots["new"] / "site", args.titles)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="0,5000", help="0 is the real handbook")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--baseline", default=BASELINE, help="a git revision, or none")
    parser.add_argument(
        "--titles",
        type=int,
        default=None,
        metavar="N",
        help="search N practices by their own titles (0: every one)",
    )
    parser.add_argument(
        "--index-only",
        action="store_true",
        help="no builds: the index in-process and what queries read from it (50,000)",
    )
    parser.add_argument("--work", type=Path, default=Path("/tmp/handbook-search-bench"))
    parser.add_argument(
        "--out", type=Path, default=REPO / "benchmarks" / "out" / "search_speed.json"
    )
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    results = {}
    if args.index_only:
        for size in (int(s) for s in args.sizes.split(",")):
            results[size] = index_only(size, args.work)
        print(json.dumps(results, indent=2))
        return 0
    for size in (int(s) for s in args.sizes.split(",")):
        results[size] = measure_size(size, args)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(report(results))
    return 0


ROWS = [
    ("`mkdocs build` (PDF off, zip on)", "build", "build_s", "{:.1f} s"),
    ("search index from the documents, in-process", "index", "index_s", "{:.2f} s"),
    ("the same, again after one document changed", "index", "index_again_s", "{:.2f} s"),
    ("the build waited for the index", "build", "index_waited_s", "{:.2f} s"),
    ("search index on disk", "build", "index_mb", "{:.2f} MB"),
    ("search index files", "build", "index_files", "{:.0f}"),
    ("offline zip", "build", "zip_mb", "{:.1f} MB"),
    ("All practices HTML", "build", "all_practices_kb", "{:.0f} kB"),
    ("first result after load, http", "browser", "http after_load_ms", "{:.0f} ms"),
    ("first result after load, file://", "browser", "file after_load_ms", "{:.0f} ms"),
    (f"search data read for '{BROWSER_QUERY}', http", "browser", "http kb", "{:.0f} kB"),
    ("files read for it, http", "browser", "http files", "{:.0f}"),
    (f"search data read for '{BROWSER_QUERY}', file://", "browser", "file kb", "{:.0f} kB"),
    *(
        (f"bytes {name} loads before any search", "browser", f"weight {name}", "{:.0f} kB")
        for name in (*PAGES, "a view", "a practice")
    ),
    ("`handbook search`, cold", "cli", "cold", "{:.2f} s"),
    *((f"`handbook search {q}`, warm", "cli", q, "{:.2f} s") for q in CLI_QUERIES),
]


def report(results: dict) -> str:
    lines = []
    for size, result in results.items():
        sides = result["sides"]
        lines += [
            f"\n**{'the real handbook' if size == 0 else f'{size:,} practices'}**\n",
            "| | " + " | ".join(sides) + " |",
            "|---|" + "---:|" * len(sides),
        ]
        for name, part, key, form in ROWS:
            cells = []
            for side in sides:
                value = result[part].get(side, {}).get(key)
                cells.append("–" if value is None else form.format(value))
            lines.append(f"| {name} | " + " | ".join(cells) + " |")
        if "titles" in result:
            t = result["titles"]
            lines.append(
                f"\nPractices searched by their own title: {t['in_top_five']} of {t['asked']} "
                f"in the first five ({t['ms_per_query']:.0f} ms a query, in-process)."
            )
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
