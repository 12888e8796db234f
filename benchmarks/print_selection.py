"""Printing a selection in Chromium: the print view against printing practice pages one by one.

The handbook of --size practices is built once (`mkdocs build`, the PDF and the offline
zip off). Then, in headless Chromium (Debian's, through Playwright), over http and from
file://, for --count practices drawn in title order from the middle of the list:

- **the print view** (``print/index.html#practices=<ids>``, what "Print or save as PDF"
  opens): the time from the navigation's start until the view calls ``window.print``
  (stubbed, so that no dialog opens: every fragment loaded and shown), then the time
  of ``page.pdf()`` of it, A4, as the print dialog's "Save as PDF" makes it;
- **the baseline, in the same run**: what a reader could do before, each practice's
  own page opened and printed with ``page.pdf()``, one after the other.

Each figure is the median of --runs, the two sides alternating run by run.

    .venv/bin/python -m benchmarks.print_selection --size 5000 --count 50 --runs 5
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.search_speed import BIN, CHROMIUM_ARGS, ENV, Served, content

STUB = "window.print = () => { window.__printedAt = performance.now(); };"


def build(size: int, work: Path) -> Path:
    """The site of `size` practices (0: the real handbook), built once."""
    source = content(size, work)
    config = source / "mkdocs-print-bench.yml"
    config.write_text(
        "INHERIT: mkdocs.yml\nextra:\n  handbook:\n    pdf: false\n    offline_zip: false\n",
        encoding="utf-8",
    )
    repo = Path(__file__).resolve().parent.parent
    for name in ("mkdocs.yml", "hooks"):
        target = source / name
        if not target.exists():
            (shutil.copytree if (repo / name).is_dir() else shutil.copy2)(repo / name, target)
    site = source / "site"
    if not (site / "print" / "index.html").is_file():
        done = subprocess.run(
            [str(BIN / "mkdocs"), "build", "-q", "-f", str(config)],
            cwd=source,
            env=ENV,
            capture_output=True,
            text=True,
            timeout=7200,
        )
        if done.returncode != 0:
            raise SystemExit(done.stderr[-3000:])
    return site


def selection(site: Path, count: int) -> list[str]:
    """`count` practice ids from the middle of the list (the list's own order)."""
    text = (site / "data" / "practice-list.js").read_text(encoding="utf-8")
    data = json.loads(text[text.index("{") : text.rindex("}") + 1])
    ids = [row[0] for row in data["practices"]]
    start = max(0, len(ids) // 2 - count // 2)
    return ids[start : start + count]


def print_view(browser, served: Served, over: str, ids: list[str]) -> dict:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(STUB)
    page = context.new_page()
    page.goto(served.url(over, "print/index.html") + "#practices=" + ",".join(ids))
    page.wait_for_function("window.__printedAt !== undefined", timeout=120_000)
    ready_ms = page.evaluate("window.__printedAt")
    shown = int(page.get_attribute("#hb-print", "data-ready") or 0)
    page.emulate_media(media="print")
    started = time.perf_counter()
    data = page.pdf(format="A4", print_background=True)
    pdf_ms = (time.perf_counter() - started) * 1000
    context.close()
    assert shown == len(ids), f"{shown} practices shown of {len(ids)}"
    return {
        "ready_ms": ready_ms,
        "pdf_ms": pdf_ms,
        "total_ms": ready_ms + pdf_ms,
        "pdf_kb": len(data) / 1000,
    }


def one_by_one(browser, served: Served, over: str, ids: list[str]) -> dict:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    started = time.perf_counter()
    size = 0
    for practice in ids:
        page.goto(served.url(over, f"practices/{practice}.html"), wait_until="load")
        page.emulate_media(media="print")
        size += len(page.pdf(format="A4", print_background=True))
    total_ms = (time.perf_counter() - started) * 1000
    context.close()
    return {"total_ms": total_ms, "pdf_kb": size / 1000}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=5000, help="0 = the real handbook")
    parser.add_argument("--count", type=int, default=50)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--work", type=Path, default=Path("/tmp/handbook-print-bench"))
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    site = build(args.size, args.work)
    ids = selection(site, args.count)
    served = Served(site)
    from playwright.sync_api import sync_playwright

    results: dict[str, list[dict]] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for run in range(args.runs):
            for over in ("http", "file"):
                sides = [("print view", print_view), ("one by one", one_by_one)]
                for name, measure in sides if run % 2 == 0 else sides[::-1]:
                    results.setdefault(f"{name}, {over}", []).append(
                        measure(browser, served, over, ids)
                    )
        browser.close()
    served.server.shutdown()
    rows = {
        key: {field: statistics.median(r[field] for r in runs) for field in runs[0]}
        for key, runs in results.items()
    }
    (args.work / "results.json").write_text(json.dumps(rows, indent=2))
    print(f"{len(ids)} practices of {args.size or 'the real handbook'}, median of {args.runs}")
    print("| side | until the print dialog | page.pdf() | total | PDF |")
    print("|---|---|---|---|---|")
    for key, row in rows.items():
        ready = f"{row['ready_ms']:.0f} ms" if "ready_ms" in row else ""
        pdf = f"{row['pdf_ms']:.0f} ms" if "pdf_ms" in row else ""
        print(f"| {key} | {ready} | {pdf} | {row['total_ms']:.0f} ms | {row['pdf_kb']:.0f} kB |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
