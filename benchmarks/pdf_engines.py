"""handbook.pdf's engines compared on the same content, in one run; and the build's share.

Three ways to make the whole handbook's PDF, each in a fresh process (the figures are
those of that process and every process it starts):

- ``typst``: site_builder.outputs.pdf.handbook_pdf, the handbook's own (Typst in parts of 150
  practices, two processes, merged with qpdf), with no cache: everything compiled;
- ``weasyprint``: the print HTML (benchmarks/pdf_print/print.html, the document the
  handbook printed with WeasyPrint before) cut by chapter, the chapters rendered two at
  a time in two processes, tagged (``pdf_tags``), and put together with pypdf. What is
  measured is a lower bound: the contents' page numbers and the outline are not fixed
  up after the merge, and pypdf's merge drops the parts' structure trees;
- ``chromium``: the whole print HTML printed by headless Chromium (``page.pdf`` with
  ``tagged`` and ``outline``), Debian's /usr/bin/chromium through Playwright.

For each: the time of the engine alone (the handbook loaded and its sections rendered
before the clock starts: the build has them already), the peak of the memory summed
over the process and its children (their RSS read from /proc every 100 ms), the pages,
the bytes, and whether the PDF is tagged (a structure tree and /MarkInfo /Marked).
The first practice's page of each PDF is written as a PNG beside the results
(pdftoppm), to be looked at. Every figure is the median of --runs.

    .venv/bin/python -m benchmarks.pdf_engines --sizes 0,600 --runs 3 --work /tmp/pdfeng
    .venv/bin/python -m benchmarks.pdf_engines --sizes 5000 --engines typst --work /tmp/pdfeng

Size 0 is the real handbook; N a synthetic one of N practices (benchmarks/corpus.py).
Alongside, --rebuild measures what the handbook's cache saves: the typst engine with
its cache filled, then after one practice's organisation changed.
"""

from __future__ import annotations

import argparse
import dataclasses
import io
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from benchmarks.search_speed import CHROMIUM_ARGS

REPO = Path(__file__).resolve().parent.parent
PRINT_TEMPLATES = Path(__file__).resolve().parent / "pdf_print"
ENGINES = ("typst", "weasyprint", "chromium")
CHROMIUM = "/usr/bin/chromium"
TIMESTAMP = 1_764_460_800  # 2025-11-30: the same date on every side


# -- the print HTML of the WeasyPrint and Chromium sides ---------------------------------


def print_html(handbook, site_name: str, store, *, indexes: bool = True) -> str:
    """The handbook as one HTML print document (the template WeasyPrint printed)."""
    import jinja2

    from site_builder.artefacts.sections import section_html
    from site_builder.content.markdown_safe import render, render_inline
    from site_builder.core.facets import facets_for, group
    from site_builder.render import templates

    env = templates.environment()
    env = env.overlay(
        loader=jinja2.ChoiceLoader([jinja2.FileSystemLoader(PRINT_TEMPLATES), env.loader])
    )
    practices = {p.id: p for p in handbook.practices}
    facets = facets_for(handbook.vocabularies)
    numbers = handbook.vocabularies.chapters()
    chapters = [
        {
            "slug": role,
            "number": numbers.get(role, ""),
            "title": facets.role.label(role),
            "practices": ps,
        }
        for role, ps in group(handbook.practices, facets.role).items()
    ]
    recommendations = [
        {
            "r": r,
            "source": handbook.sources.get(r.source),
            "points": [render_inline(point) for point in r.points],
            "body": render(r.body),
            "practices": [practices[i] for i in r.practices if i in practices],
        }
        for r in handbook.recommendations
    ]
    sections = {
        p.id: list(zip((s.heading for s in p.sections), section_html(store, p), strict=True))
        for p in handbook.practices
    }
    index_parts = [
        (
            f"index-{facet.key}",
            f"Index by {facet.singular.lower()}",
            [(v, facet.label(v), ps) for v, ps in group(handbook.practices, facet).items()],
        )
        for facet in (facets.country, facets.ecosystem)
        if indexes
    ]
    return env.get_template("print.html").render(
        site_name=site_name,
        handbook=handbook,
        chapters=chapters,
        facets=facets,
        vocabularies=handbook.vocabularies,
        recommendations=recommendations,
        sections=sections,
        indexes=index_parts,
        country_count=handbook.country_count(),
        ecosystem_count=handbook.industrial_ecosystem_count(),
    )


def _weasyprint(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html, base_url=str(REPO)).write_pdf(pdf_tags=True)


def weasyprint_chunks(handbook, store) -> bytes:
    """By chapter, two processes, merged with pypdf (no page-number fix-up)."""
    import multiprocessing

    import pypdf

    from site_builder.core.facets import facets_for, group

    facets = facets_for(handbook.vocabularies)
    groups = list(group(handbook.practices, facets.role).values())
    documents = []
    for i, members in enumerate(groups):
        part = dataclasses.replace(
            handbook,
            practices=tuple(members),
            recommendations=handbook.recommendations if i == 0 else (),
        )
        documents.append(print_html(part, "Handbook", store, indexes=i == len(groups) - 1))
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(2, mp_context=context, max_tasks_per_child=1) as pool:
        parts = list(pool.map(_weasyprint, documents))
    writer = pypdf.PdfWriter()
    for data in parts:
        writer.append(pypdf.PdfReader(io.BytesIO(data)))
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def chromium_print(handbook, store) -> bytes:
    from playwright.sync_api import sync_playwright

    html = print_html(handbook, "Handbook", store)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.set_content(html, wait_until="load", timeout=0)
        data = page.pdf(format="A4", tagged=True, outline=True, print_background=True)
        browser.close()
    return data


def typst_engine(handbook, store, cache: Path | None = None):
    from site_builder.outputs.pdf import handbook_pdf

    compiler = handbook_pdf.Compiler(TIMESTAMP, cache)
    data = handbook_pdf.make(handbook, "Handbook", store, timestamp=TIMESTAMP, compiler=compiler)
    return data, compiler.compiled


# -- one run, in its own process ---------------------------------------------------------


def run_engine(engine: str, root: Path, out: Path, cache: Path | None, edit: int) -> dict:
    from site_builder.artefacts.sections import section_html
    from site_builder.artefacts.store import ArtefactStore
    from site_builder.content.validate import load_handbook

    handbook = load_handbook(root)
    if edit:  # one practice changed since the cache was filled (each run a new change)
        last = handbook.practices[-1]
        changed = dataclasses.replace(last, organisation=f"{last.organisation} ({edit})")
        handbook = dataclasses.replace(handbook, practices=handbook.practices[:-1] + (changed,))
    # the build's store of artefacts: with the cache, on disk beside it (as in a
    # rebuild, where each practice's Typst source is read, not made again)
    store = ArtefactStore(None if cache is None else cache / "artefacts")
    for p in handbook.practices:
        section_html(store, p)
    compiled = None
    started = time.perf_counter()
    if engine == "typst":
        data, compiled = typst_engine(handbook, store, cache)
    elif engine == "weasyprint":
        data = weasyprint_chunks(handbook, store)
    else:
        data = chromium_print(handbook, store)
    seconds = time.perf_counter() - started
    out.write_bytes(data)
    return {"seconds": seconds, "bytes": len(data), "compiled": compiled}


def _tree_rss(pid: int) -> int:
    """RSS in bytes of `pid` and all its descendants, from /proc (each task's
    ``children`` file: no scan of every process, so the sampling costs little)."""
    total, frontier, seen = 0, [pid], set()
    page = os.sysconf("SC_PAGE_SIZE")
    while frontier:
        current = frontier.pop()
        if current in seen:
            continue
        seen.add(current)
        try:
            with open(f"/proc/{current}/statm", "rb") as f:
                total += int(f.read().split()[1]) * page
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children", "rb") as f:
                    frontier.extend(int(child) for child in f.read().split())
        except (OSError, ValueError, IndexError):
            continue
    return total


def measured(engine: str, root: Path, out: Path, cache: Path | None = None, edit: int = 0) -> dict:
    """One run in a fresh process, its peak memory summed over its process tree."""
    command = [
        sys.executable,
        "-m",
        "benchmarks.pdf_engines",
        "--one",
        engine,
        "--root",
        str(root),
        "--pdf",
        str(out),
    ]
    if cache is not None:
        command += ["--cache", str(cache)]
    if edit:
        command += ["--edit", str(edit)]
    process = subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE, text=True)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss(process.pid))
            time.sleep(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, _ = process.communicate()
    done.set()
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"{engine} at {root} failed (exit {process.returncode})")
    result = json.loads(stdout.strip().splitlines()[-1])
    result["peak_bytes"] = peak
    result.update(describe(out))
    return result


def describe(path: Path) -> dict:
    import pypdf

    reader = pypdf.PdfReader(path)
    root = reader.trailer["/Root"]
    marked = root.get("/MarkInfo", {}).get("/Marked", False)
    return {
        "pages": len(reader.pages),
        "tagged": bool(marked) and "/StructTreeRoot" in root,
        "outline": len(reader.outline) > 0,
    }


def first_practice_image(pdf: Path, title: str, png: Path) -> None:
    """The page a practice starts on, as a PNG (pdftoppm), to be looked at."""
    import pypdf

    if shutil.which("pdftoppm") is None:
        return
    reader = pypdf.PdfReader(pdf)
    starts = (
        i
        for i, page in enumerate(reader.pages)
        if re.search(re.escape(title) + r"\s*Facts", page.extract_text() or "")
    )
    number = next(starts, 0)
    page = str(number + 1)
    command = ["pdftoppm", "-png", "-r", "60", "-f", page, "-l", page, "-singlefile"]
    subprocess.run([*command, str(pdf), str(png.with_suffix(""))], check=False)


def corpus(size: int, work: Path) -> Path:
    if size == 0:
        return REPO
    target = work / f"handbook-{size}"
    if not (target / "practices").is_dir():
        from benchmarks.corpus import generate

        generate(size, work)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="0", help="comma-separated; 0 = the real handbook")
    parser.add_argument("--engines", default=",".join(ENGINES))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path, default=Path("/tmp/handbook-pdf-engines"))
    parser.add_argument("--rebuild", action="store_true", help="typst: cache full, one edit")
    parser.add_argument("--one", choices=ENGINES, help=argparse.SUPPRESS)
    parser.add_argument("--root", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--pdf", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--cache", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--edit", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(run_engine(args.one, args.root, args.pdf, args.cache, args.edit)))
        return 0

    from site_builder.content.validate import load_handbook

    args.work.mkdir(parents=True, exist_ok=True)
    rows = []
    for size in (int(s) for s in args.sizes.split(",")):
        root = corpus(size, args.work)
        handbook = load_handbook(root)
        title = handbook.practices[0].title
        for engine in args.engines.split(","):
            runs = []
            for run in range(args.runs):
                out = args.work / f"{engine}-{size}.pdf"
                runs.append(measured(engine, root, out))
                print(f"{engine} {size} run {run + 1}: {runs[-1]}", file=sys.stderr, flush=True)
            first_practice_image(out, title, args.work / f"{engine}-{size}.png")
            rows.append(summary(engine, len(handbook.practices), runs))
        if args.rebuild and "typst" in args.engines:
            cache = args.work / f"cache-{size}"
            shutil.rmtree(cache, ignore_errors=True)
            out = args.work / f"typst-cached-{size}.pdf"
            measured("typst", root, out, cache)  # fills the cache
            for label, edits in (
                ("typst, cache full, nothing changed", [0] * args.runs),
                ("typst, cache full, one practice changed", list(range(1, args.runs + 1))),
            ):
                runs = [measured("typst", root, out, cache, edit=edit) for edit in edits]
                rows.append(summary(label, len(handbook.practices), runs))
    (args.work / "results.json").write_text(json.dumps(rows, indent=2))
    print(table(rows))
    return 0


def summary(engine: str, practices: int, runs: list[dict]) -> dict:
    return {
        "engine": engine,
        "practices": practices,
        "runs": len(runs),
        "seconds": statistics.median(r["seconds"] for r in runs),
        "peak_mb": statistics.median(r["peak_bytes"] for r in runs) / 1e6,
        "pdf_mb": runs[-1]["bytes"] / 1e6,
        "pages": runs[-1]["pages"],
        "tagged": runs[-1]["tagged"],
        "outline": runs[-1]["outline"],
        "compiled": runs[-1].get("compiled"),
    }


def table(rows: list[dict]) -> str:
    lines = [
        "| engine | practices | seconds (median) | peak memory, all processes | PDF | pages "
        "| tagged | outline |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        compiled = f" ({r['compiled']} parts compiled)" if r["compiled"] is not None else ""
        lines.append(
            f"| {r['engine']}{compiled} | {r['practices']:,} | {r['seconds']:.1f} s "
            f"| {r['peak_mb']:,.0f} MB | {r['pdf_mb']:.1f} MB | {r['pages']:,} "
            f"| {'yes' if r['tagged'] else 'no'} | {'yes' if r['outline'] else 'no'} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
