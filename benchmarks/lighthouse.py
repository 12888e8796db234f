"""Lighthouse (mobile) on four pages of the handbook: a baseline revision's code beside the
working tree's, on the same corpus, in one run (issue 14).

Both sides build the same content: the real handbook's practices, recommendations and
sources (``--size 0``) or a synthetic corpus of N practices (``--size N``,
benchmarks/corpus.py). Each side's project folder takes mkdocs.yml, docs/, hooks/ and
schema/ from its own code (the baseline's from ``git archive REV``, the new side's from
this working tree) and is built by ``python -m mkdocs build`` with PYTHONPATH set to that
code, the PDF and the offline zip switched off; the site_builder each build imports is
checked first. Both sites are served over http on the loopback interface and Lighthouse
runs on each page, baseline and new in turn (the order flips every run), so the machine's
drift falls on both alike:

- the pages: home, All practices, the view of the ecosystem with the most practices, and
  the first practice by id (their addresses from site_builder.core.urls and facets);
- Lighthouse exactly as benchmarks/lighthouse/package-lock.json pins it (12.2.3), installed
  with ``npm ci`` on first use into --tools (default .handbook-cache/lighthouse/, ignored
  by git), run by Node with CHROME_PATH=/usr/bin/chromium: the default mobile form factor
  and simulated throttling, the performance, accessibility, best-practices and SEO
  categories;
- per page and side, the median over --runs of: the four scores, CLS, LCP, TBT, the total
  byte weight and the HTML document's size. The server does not compress, so weights are
  the bytes as stored.

A Markdown table goes to stdout, every run's figures to --out (JSON). On a shared machine,
wrap the run in ``flock /tmp/bench.lock`` so that no other measurement runs beside it:

    flock /tmp/bench.lock .venv/bin/python -m benchmarks.lighthouse --size 5000 --runs 3 \\
        --out benchmarks/out/lighthouse-5000.json
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from benchmarks import corpus as corpus_module
from benchmarks.run import CHROMIUM, CHROMIUM_ARGS, ENV, Server, extras_switch, machine, timed
from benchmarks.validation import export

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
PACKAGE = HERE / "lighthouse"  # package.json and package-lock.json: Lighthouse, pinned
TOOLS = REPO / ".handbook-cache" / "lighthouse"
BASELINE = "c35e606"  # main before issue 14
CONFIG = "mkdocs-lighthouse.yml"  # the project's mkdocs.yml with the PDF and the zip off
BUILD_INPUTS = ("site_builder", "hooks", "docs", "schema", "mkdocs.yml", "pyproject.toml")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
PAGES = ("home", "all", "view", "practice")
SIDES = ("baseline", "new")

# The figures of one report: (key, label in the table, how a median is written).
METRICS: tuple[tuple[str, str, str], ...] = (
    ("performance", "perf.", "{:.0f}"),
    ("accessibility", "a11y", "{:.0f}"),
    ("best_practices", "best pr.", "{:.0f}"),
    ("seo", "SEO", "{:.0f}"),
    ("cls", "CLS", "{:.3f}"),
    ("lcp_s", "LCP", "{:.1f} s"),
    ("tbt_ms", "TBT", "{:,.0f} ms"),
    ("weight_kib", "weight", "{:,.0f} KiB"),
    ("html_kib", "HTML", "{:,.1f} KiB"),
)


# -- one report ------------------------------------------------------------------------------


def figures(report: dict) -> dict:
    """The figures of one Lighthouse report (its JSON, the "LHR"); None where it has none."""
    if report.get("runtimeError"):
        error = report["runtimeError"]
        return {"error": f"{error.get('code')}: {error.get('message', '')}"[:300]}
    audits = report.get("audits", {})

    def score(category: str) -> float | None:
        value = report.get("categories", {}).get(category, {}).get("score")
        return None if value is None else 100 * value

    def value(audit: str, scale: float = 1.0) -> float | None:
        number = audits.get(audit, {}).get("numericValue")
        return None if number is None else number / scale

    requests = (audits.get("network-requests", {}).get("details") or {}).get("items") or []
    document = _document(requests, report.get("mainDocumentUrl") or report.get("finalUrl"))
    return {
        "performance": score("performance"),
        "accessibility": score("accessibility"),
        "best_practices": score("best-practices"),
        "seo": score("seo"),
        "cls": value("cumulative-layout-shift"),
        "lcp_s": value("largest-contentful-paint", 1000),
        "tbt_ms": value("total-blocking-time"),
        "fcp_s": value("first-contentful-paint", 1000),
        "weight_kib": value("total-byte-weight", 1024),
        "html_kib": None if document is None else document["resourceSize"] / 1024,
        "requests": len(requests) if requests else None,
        "benchmark_index": report.get("environment", {}).get("benchmarkIndex"),
        "warnings": report.get("runWarnings", []),
    }


def _document(requests: list[dict], url: str | None) -> dict | None:
    """The main document among the network requests: its URL, else the first document."""
    documents = [r for r in requests if r.get("resourceType") == "Document"]
    return next((r for r in documents if r.get("url") == url), documents[0] if documents else None)


def medians(runs: list[dict]) -> dict:
    """Per figure, the median of the runs that have it (None if none has)."""
    keys = [key for key, _, _ in METRICS] + ["fcp_s", "requests", "benchmark_index"]
    out: dict = {}
    for key in keys:
        values = [run[key] for run in runs if run.get(key) is not None]
        out[key] = statistics.median(values) if values else None
    out["runs"] = len(runs)
    out["failed"] = sum(1 for run in runs if "error" in run)
    return out


# -- the table -------------------------------------------------------------------------------


def cell(value: float | None, form: str) -> str:
    return "–" if value is None else form.format(value)


def table(result: dict) -> str:
    """Page × side rows, one column per figure (the medians)."""
    labels = result["sides"]
    head = ["page", "code", *(label for _, label, _ in METRICS)]
    lines = [
        "| " + " | ".join(head) + " |",
        "|---|---|" + "---:|" * len(METRICS),
    ]
    for page, path in result["pages"].items():
        for side in SIDES:
            summary = result["medians"][page][side]
            name = f"{page} `{path}`" if side == SIDES[0] else ""
            code = labels[side]
            if summary["failed"]:
                code += f" ({summary['failed']} of {summary['runs']} runs failed)"
            values = [cell(summary.get(key), form) for key, _, form in METRICS]
            lines.append("| " + " | ".join([name, code, *values]) + " |")
    same = [
        page
        for page, sides in result.get("html_sha256", {}).items()
        if len(set(sides.values())) == 1
    ]
    if same:
        lines.append(f"\nThe same HTML on both sides: {', '.join(same)}.")
    return "\n".join(lines)


def heading(result: dict) -> str:
    """What was measured, on what, and how busy the machine was."""
    size, host = result["size"], result["machine"]
    corpus = "the real handbook" if size == 0 else f"{size:,} synthetic practices"
    index = [
        run["benchmark_index"]
        for sides in result["runs"].values()
        for runs in sides.values()
        for run in runs
        if run.get("benchmark_index")
    ]
    builds = ", ".join(
        f"{result['sides'][side]} {result['builds'][side]['seconds']:.0f} s" for side in SIDES
    )
    return (
        f"Lighthouse {result['lighthouse']} (mobile, simulated throttling) on {corpus}, "
        f"medians of {result['runs_per_page']} run(s) per page and side. "
        f"{host['cores']} cores, load average {host['load_average'][0]:.1f} at the start and "
        f"{host['load_average_end'][0]:.1f} at the end, Lighthouse's benchmarkIndex "
        f"{min(index, default=0):.0f} to {max(index, default=0):.0f}. "
        f"Builds: {builds}; {result['seconds'] / 60:.0f} min in all."
    )


# -- Lighthouse ------------------------------------------------------------------------------


def install(tools: Path) -> Path:
    """Lighthouse's command line, installed by `npm ci` from the committed lock if it is not
    there yet or the lock has changed since."""
    lock = (PACKAGE / "package-lock.json").read_bytes()
    stamp = tools / "installed.sha256"
    cli = tools / "node_modules" / "lighthouse" / "cli" / "index.js"
    digest = hashlib.sha256(lock).hexdigest()
    if cli.is_file() and stamp.is_file() and stamp.read_text().strip() == digest:
        return cli
    tools.mkdir(parents=True, exist_ok=True)
    for name in ("package.json", "package-lock.json"):
        shutil.copy2(PACKAGE / name, tools / name)
    log(f"installing Lighthouse into {tools} (npm ci)")
    done = subprocess.run(
        ["npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts"],
        cwd=tools,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0 or not cli.is_file():
        raise RuntimeError(f"npm ci failed in {tools}:\n{done.stderr[-3000:]}")
    stamp.write_text(digest + "\n")
    return cli


def lighthouse_command(cli: Path, url: str, output: Path) -> list[str]:
    return [
        "node",
        str(cli),
        url,
        "--output=json",
        f"--output-path={output}",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={' '.join(CHROMIUM_ARGS)}",
        "--quiet",
    ]


def lighthouse(cli: Path, url: str, output: Path, timeout: float) -> dict:
    """One Lighthouse run: the report's figures, or an error (a failed run is a finding)."""
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    started = time.perf_counter()
    child = subprocess.Popen(
        lighthouse_command(cli, url, output),
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # Node and its Chromium in one group, ended together
    )
    try:
        _, stderr = child.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(child.pid, signal.SIGKILL)
        child.communicate()
        return {"error": f"Lighthouse did not finish in {timeout:.0f} s"}
    except BaseException:  # ^C: its own session would not get the signal
        os.killpg(child.pid, signal.SIGKILL)
        raise
    seconds = time.perf_counter() - started
    if child.returncode != 0 or not output.is_file():
        return {"error": f"Lighthouse exited with {child.returncode}: {stderr.strip()[-300:]}"}
    result = figures(json.loads(output.read_text(encoding="utf-8")))
    result["seconds"] = seconds
    return result


# -- the two sites ---------------------------------------------------------------------------


def project(code: Path, target: Path, content: Path | None, synthetic: tuple | None) -> Path:
    """A project folder with `code`'s mkdocs.yml, docs, hooks and schema and the corpus:
    the practices, recommendations and sources of `content`, or synthetic (items, recs)."""
    items, recs = synthetic or ([], [])
    corpus_module.write_handbook(target, items, recs, repo=code)
    if content is not None:
        for folder in ("practices", "recommendations"):
            for path in sorted((content / folder).glob("*.md")):
                shutil.copy2(path, target / folder / path.name)
        shutil.copy2(content / "sources.yml", target / "sources.yml")
    switch = extras_switch(target) or {}
    config = {"INHERIT": "mkdocs.yml", "extra": {"handbook": dict.fromkeys(switch, False)}}
    (target / CONFIG).write_text(json.dumps(config), encoding="utf-8")
    return target


def imported_code(project_folder: Path, code: Path) -> Path:
    """The folder whose site_builder a build of this project with this code imports."""
    done = subprocess.run(
        [sys.executable, "-c", "import site_builder; print(site_builder.__file__)"],
        cwd=project_folder,  # as `python -m mkdocs`: the project's folder first on sys.path
        env={**ENV, "PYTHONPATH": str(code)},
        capture_output=True,
        text=True,
        check=True,
    )
    return Path(done.stdout.strip()).resolve().parent.parent


def build(project_folder: Path, code: Path, site: Path, timeout: float) -> dict:
    used = imported_code(project_folder, code)
    if used != code.resolve():
        raise RuntimeError(f"a build with PYTHONPATH={code} would import site_builder of {used}")
    shutil.rmtree(site, ignore_errors=True)
    log_file = site.with_name(site.name + ".log")
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project_folder / CONFIG)]
    result = timed(
        command + ["-d", str(site)],
        cwd=project_folder,
        timeout=timeout,
        log=log_file,
        env={**ENV, "PYTHONPATH": str(code)},
    )
    if result["status"] != 0:
        raise RuntimeError(f"mkdocs build failed:\n{log_file.read_text()[-3000:]}")
    return {**result, "code": str(used)}


def pages(project_folder: Path) -> dict[str, str]:
    """The four pages' paths in the site, from the working tree's definitions."""
    from site_builder.content.validate import load_handbook
    from site_builder.core.facets import facets_for, group
    from site_builder.core.urls import ALL_PRACTICES, HOME, Urls, practice_src

    handbook = load_handbook(project_folder)
    config = corpus_module.read_config(project_folder / "mkdocs.yml")
    urls = Urls(bool(config.get("use_directory_urls", True)))
    ecosystem = facets_for(handbook.vocabularies).ecosystem
    groups = group(handbook.practices, ecosystem)
    largest = max(groups, key=lambda value: len(groups[value]))
    first = min(p.id for p in handbook.practices)
    return {
        "home": urls.url(HOME),
        "all": urls.url(ALL_PRACTICES),
        "view": urls.url(ecosystem.src_uri(largest)),
        "practice": urls.url(practice_src(first)),
    }


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def site_file(path: str) -> str:
    """The file a page's URL (relative to the site's root) is served from."""
    if path in ("", "./"):
        return "index.html"
    return path + "index.html" if path.endswith("/") else path


def git(*args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout.strip()


def sides_code(baseline: str, work: Path) -> dict[str, dict]:
    full = git("rev-parse", "--verify", f"{baseline}^{{commit}}")
    head = git("rev-parse", "HEAD")
    # changed where the build reads: the code and the project's own files
    dirty = bool(git("status", "--porcelain", "--", *BUILD_INPUTS))
    return {
        "baseline": {"code": export(full, work), "commit": full, "label": full[:7]},
        "new": {
            "code": REPO,
            "commit": head,
            "dirty": dirty,
            "label": f"working tree ({head[:7]}{', changed' if dirty else ''})",
        },
    }


def synthetic_corpus(size: int, seed: int) -> tuple[list, list]:
    """The practices and recommendations of benchmarks/corpus.py, written into both projects."""
    log(f"making {size:,} synthetic practices")
    profile = corpus_module.measure(corpus_module.load_handbook(REPO))
    items = corpus_module.practices(profile, size, seed)
    return items, corpus_module.recommendations(profile, [p.id for p in items], seed)


# -- the run ---------------------------------------------------------------------------------


def measure(args: argparse.Namespace, work: Path) -> dict:
    started, host = time.perf_counter(), machine()
    cli = install(args.tools)
    code = sides_code(args.baseline, work)
    synthetic = synthetic_corpus(args.size, args.seed) if args.size else None
    sites: dict[str, Path] = {}
    builds: dict[str, dict] = {}
    for side in SIDES:
        content = None if synthetic else REPO
        folder = project(code[side]["code"], work / f"project-{side}", content, synthetic)
        sites[side] = work / f"site-{side}"
        log(f"building the {side} site ({code[side]['label']})")
        builds[side] = build(folder, code[side]["code"], sites[side], args.build_timeout)
    chosen = {k: v for k, v in pages(work / "project-new").items() if k in args.pages}
    for side, site in sites.items():
        missing = [path for path in chosen.values() if not (site / site_file(path)).is_file()]
        if missing:
            raise RuntimeError(f"the {side} site has no {', '.join(missing)}")
    runs = alternate(cli, sites, chosen, args.runs, args.timeout, work / "reports")
    return {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "command": " ".join(["python -m benchmarks.lighthouse", *args.argv]),
        "size": args.size,
        "practices": len(list((work / "project-new" / "practices").glob("*.md"))),
        "runs_per_page": args.runs,
        "lighthouse": lighthouse_version(cli),
        "node": tool_version(["node", "--version"]),
        "machine": {**host, "load_average_end": os.getloadavg()},
        "seconds": time.perf_counter() - started,
        "sides": {side: code[side]["label"] for side in SIDES},
        "commits": {side: code[side]["commit"] for side in SIDES},
        "builds": builds,
        "pages": chosen,
        "html_sha256": {
            page: {side: sha256(sites[side] / site_file(path)) for side in SIDES}
            for page, path in chosen.items()
        },
        "medians": {page: {side: medians(runs[page][side]) for side in SIDES} for page in chosen},
        "runs": runs,
    }


def alternate(
    cli: Path,
    sites: dict[str, Path],
    chosen: dict[str, str],
    rounds: int,
    timeout: float,
    reports: Path,
) -> dict[str, dict[str, list[dict]]]:
    """Lighthouse on every page, baseline and new in turn (the order flips every round)."""
    runs: dict[str, dict[str, list[dict]]] = {page: {s: [] for s in SIDES} for page in chosen}
    reports.mkdir(parents=True, exist_ok=True)
    servers = {side: Server(site) for side, site in sites.items()}
    try:
        for round_ in range(1, rounds + 1):
            order = SIDES if round_ % 2 else SIDES[::-1]
            for page, path in chosen.items():
                for side in order:
                    log(f"run {round_}/{rounds}: {page} ({path}), {side}")
                    url = servers[side].url + ("" if path == "./" else path)
                    output = reports / f"{page}-{side}-{round_}.json"
                    runs[page][side].append(lighthouse(cli, url, output, timeout))
    finally:
        for server in servers.values():
            server.close()
    return runs


def tool_version(command: list[str]) -> str:
    return subprocess.run(command, capture_output=True, text=True).stdout.strip()


def lighthouse_version(cli: Path) -> str:
    package = cli.parent.parent / "package.json"
    return json.loads(package.read_text(encoding="utf-8"))["version"]


def log(message: str) -> None:
    print(f"[lighthouse {datetime.now():%H:%M:%S}] {message}", file=sys.stderr, flush=True)


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--size", type=int, default=0, help="0: the real handbook; N: N synthetic practices"
    )
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page and side")
    parser.add_argument(
        "--baseline", default=BASELINE, metavar="REV", help="the revision whose code to compare"
    )
    parser.add_argument("--seed", type=int, default=corpus_module.SEED)
    parser.add_argument(
        "--pages",
        default=",".join(PAGES),
        type=lambda text: [p.strip() for p in text.split(",") if p.strip()],
        help=f"which of {','.join(PAGES)}",
    )
    parser.add_argument("--out", type=Path, help="write every run's figures here (JSON)")
    parser.add_argument("--work", type=Path, help="folder for the projects and sites (kept)")
    parser.add_argument("--tools", type=Path, default=TOOLS, help="where Lighthouse is installed")
    parser.add_argument("--timeout", type=float, default=300, help="seconds per Lighthouse run")
    parser.add_argument("--build-timeout", type=float, default=3600, help="seconds per build")
    args = parser.parse_args(argv)
    if args.size < 0:
        parser.error("--size must be 0 (the real handbook) or a number of practices")
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    unknown = [p for p in args.pages if p not in PAGES]
    if unknown or not args.pages:
        parser.error(f"--pages: choose from {','.join(PAGES)} (not {','.join(unknown)})")
    args.tools = args.tools.resolve()
    args.argv = argv
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse(sys.argv[1:] if argv is None else argv)
    work = args.work.resolve() if args.work else Path(tempfile.mkdtemp(prefix="lighthouse-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        result = measure(args, work)
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(heading(result) + "\n\n" + table(result))
    failed = sum(s["failed"] for page in result["medians"].values() for s in page.values())
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
