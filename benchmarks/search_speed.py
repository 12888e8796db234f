"""Search speed: the index's size and build time, `handbook search` time, and the time
to the first search result in headless Chromium, for the real handbook and for
synthetic ones (benchmarks/corpus.py).

For each size: the index is built in-process (documents + lunr.py + JSON) --repeats
times; `handbook search` runs as a subprocess, once on an empty cache (it builds the
index first) and --repeats times warm, for each query; the site is built with
mkdocs (PDF and zip off) and opened over http and from file:// in a fresh browser
context each time, the query set in the search box the moment the page has loaded,
until the first result is in the list. For comparison, the time lunr.js takes to
build an index of the same documents' whole text in the page: what a search that
builds its index in the browser (mkdocs-material's own) pays at least, on every page.

Every figure is a median. Results as Markdown on stdout, JSON in --out.

    .venv/bin/python -m benchmarks.search_speed --sizes 60,5000 --repeats 5
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

from site_builder.facets import facets_for
from site_builder.mkdocs_pipeline import SiteSource
from site_builder.search import build
from site_builder.search.documents import documents
from site_builder.validate import load_handbook

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
QUERIES = ["hydrogen", "innovation vouchers for SMEs", "training country:IT"]
BROWSER_QUERY = "innovation vouchers"

FIRST_RESULT = """query => new Promise(resolve => {
  const list = document.querySelector(".md-search-result__list");
  const input = document.querySelector("input.md-search__input");
  const loaded = performance.getEntriesByType("navigation")[0].loadEventEnd;
  const typed = performance.now();
  new MutationObserver((_, observer) => {
    if (list.children.length) {
      observer.disconnect();
      const now = performance.now();
      resolve({after_load_ms: now - loaded, after_typing_ms: now - typed, since_start_ms: now});
    }
  }).observe(list, {childList: true});
  input.focus();
  input.value = query;
  input.dispatchEvent(new KeyboardEvent("keyup", {bubbles: true}));
})"""

BUILD_IN_PAGE = """docs => {
  const start = performance.now();
  lunr(function () {
    this.ref("id"); this.field("title", {boost: 10}); this.field("text");
    docs.forEach(d => this.add(d));
  });
  return performance.now() - start;
}"""


def median(values):
    return statistics.median(values) if values else None


def log(message: str) -> None:
    print(f"[search_speed] {message}", file=sys.stderr, flush=True)


def project(size: int, work: Path) -> Path:
    """The real handbook for 60 (its 58 practices), else a synthetic one; PDF and zip off."""
    target = work / f"handbook-{size}"
    if size == 60:
        if not target.exists():
            for name in ("practices", "recommendations", "docs", "hooks", "schema"):
                shutil.copytree(REPO / name, target / name)
            shutil.copy2(REPO / "sources.yml", target)
    elif not (target / "practices").is_dir():
        from benchmarks import corpus

        corpus.generate(size, work)
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    (target / "mkdocs.yml").write_text(
        config.replace("offline_zip: true", "offline_zip: false").replace(
            "pdf: true", "pdf: false"
        ),
        encoding="utf-8",
    )
    return target


def measure_index(root: Path, repeats: int) -> dict:
    handbook = load_handbook(root)
    times, data = [], ""
    for _ in range(repeats):
        started = time.perf_counter()
        docs = documents(handbook, SiteSource(root).context_documents(handbook))
        payload = build.payload(docs, facets_for(handbook.vocabularies))
        data = build.dumps(payload)
        times.append(time.perf_counter() - started)
    raw = data.encode()
    index = build.dumps(payload["config"]["index"]).encode()
    return {
        "practices": len(handbook.practices),
        "documents": len(payload["docs"]),
        "terms": len(payload["config"]["index"]["invertedIndex"]),
        "build_s": median(times),
        "payload_mb": len(raw) / 1e6,
        "payload_gzip_mb": len(gzip.compress(raw, 6)) / 1e6,
        "lunr_index_mb": len(index) / 1e6,
        "docs_mb": (len(raw) - len(index)) / 1e6,
        "bodies": [doc.body for doc in docs],
        "titles": [doc.title for doc in docs],
    }


def measure_alternatives(root: Path) -> dict:
    """What the choice saved, once: lunr.py's own builder (its tokenizer and pipeline)
    on the whole text, instead of ours fed with terms."""
    from lunr import lunr

    handbook = load_handbook(root)
    docs = documents(handbook, SiteSource(root).context_documents(handbook))
    started = time.perf_counter()
    lunr(
        ref="id",
        fields=[{"field_name": "title", "boost": 10}, "body"],
        documents=[{"id": str(i), "title": d.title, "body": d.body} for i, d in enumerate(docs)],
    )
    return {"lunr_py_builder_s": time.perf_counter() - started}


def measure_cli(root: Path, repeats: int) -> dict:
    handbook = BIN / "handbook"

    def run(query: str) -> float:
        started = time.perf_counter()
        done = subprocess.run(
            [str(handbook), "--root", str(root), "search", *query.split()],
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert done.returncode == 0, done.stderr
        return time.perf_counter() - started

    shutil.rmtree(root / ".handbook-cache", ignore_errors=True)
    out = {"first_use_s": run(QUERIES[0])}
    for query in QUERIES:
        out[query] = median([run(query) for _ in range(repeats)])
    return out


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def build_site(root: Path) -> tuple[Path, float]:
    site = root / "site"
    started = time.perf_counter()
    done = subprocess.run(
        [str(BIN / "mkdocs"), "build", "-q", "-f", str(root / "mkdocs.yml"), "-d", str(site)],
        capture_output=True,
        text=True,
        timeout=3600,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return site, time.perf_counter() - started


def measure_browser(site: Path, index: dict, repeats: int) -> dict:
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    urls = {
        "http": f"http://127.0.0.1:{server.server_address[1]}/index.html",
        "file": (site / "index.html").as_uri(),
    }
    out: dict = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
            )
            for over, url in urls.items():
                runs = []
                for _ in range(repeats):
                    context = browser.new_context(viewport={"width": 1280, "height": 900})
                    page = context.new_page()
                    page.goto(url, wait_until="load")
                    runs.append(page.evaluate(FIRST_RESULT, BROWSER_QUERY))
                    context.close()
                out[over] = {key: median([r[key] for r in runs]) for key in runs[0]}
            page = browser.new_page()
            page.goto(urls["http"])
            page.add_script_tag(
                url=urls["http"].replace("index.html", "assets/handbook/search/lunr.min.js")
            )
            docs = [
                {"id": str(i), "title": t, "text": b}
                for i, (t, b) in enumerate(zip(index["titles"], index["bodies"], strict=False))
            ]
            out["lunr_js_build_in_page_ms"] = median(
                [page.evaluate(BUILD_IN_PAGE, docs) for _ in range(max(1, repeats // 2))]
            )
            browser.close()
    finally:
        server.shutdown()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="60,5000")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument(
        "--alternatives", action="store_true", help="also time lunr.py's own builder"
    )
    parser.add_argument("--work", type=Path, default=Path("/tmp/handbook-search-bench"))
    parser.add_argument(
        "--out", type=Path, default=REPO / "benchmarks" / "out" / "search_speed.json"
    )
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    results = {}
    for size in (int(s) for s in args.sizes.split(",")):
        root = project(size, args.work)
        log(f"{size}: index")
        index = measure_index(root, args.repeats)
        log(f"{size}: command line")
        cli = measure_cli(root, args.repeats)
        log(f"{size}: mkdocs build")
        site, build_s = build_site(root)
        log(f"{size}: browser")
        browser = measure_browser(site, index, args.repeats)
        results[size] = {
            "index": {k: v for k, v in index.items() if k not in ("bodies", "titles")},
            "cli": cli,
            "site_build_s": build_s,
            "browser": browser,
        }
        if args.alternatives:
            log(f"{size}: alternatives")
            results[size]["alternatives"] = measure_alternatives(root)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(report(results))
    return 0


def report(results: dict) -> str:
    rows = [
        (
            "practices (documents)",
            lambda r: f"{r['index']['practices']} ({r['index']['documents']})",
        ),
        ("index build, in-process", lambda r: f"{r['index']['build_s']:.2f} s"),
        (
            "search data, handbook_index.json (gzip)",
            lambda r: f"{r['index']['payload_mb']:.2f} MB ({r['index']['payload_gzip_mb']:.2f} MB)",
        ),
        (
            "of which the lunr index",
            lambda r: f"{r['index']['lunr_index_mb']:.2f} MB, {r['index']['terms']} terms",
        ),
        ("`handbook search`, first use (builds)", lambda r: f"{r['cli']['first_use_s']:.2f} s"),
        *((f"`handbook search {q}`", lambda r, q=q: f"{r['cli'][q]:.2f} s") for q in QUERIES),
        ("mkdocs build (PDF, zip off)", lambda r: f"{r['site_build_s']:.1f} s"),
        (
            "first result after load, http",
            lambda r: f"{r['browser']['http']['after_load_ms']:.0f} ms",
        ),
        (
            "first result after load, file://",
            lambda r: f"{r['browser']['file']['after_load_ms']:.0f} ms",
        ),
        (
            "first result from navigation start, http",
            lambda r: f"{r['browser']['http']['since_start_ms']:.0f} ms",
        ),
        (
            "lunr.js building the same index in the page",
            lambda r: f"{r['browser']['lunr_js_build_in_page_ms']:.0f} ms",
        ),
    ]
    if all("alternatives" in r for r in results.values()):
        rows += [
            (
                "lunr.py's own builder on the whole text",
                lambda r: f"{r['alternatives']['lunr_py_builder_s']:.1f} s",
            )
        ]
    sizes = list(results)
    lines = ["| | " + " | ".join(f"N = {s}" for s in sizes) + " |", "|---|" + "---:|" * len(sizes)]
    lines += [
        f"| {name} | " + " | ".join(cell(results[s]) for s in sizes) + " |" for name, cell in rows
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
