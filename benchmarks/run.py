"""Measure the handbook at several sizes against plain mkdocs-material, in one run.

For every size N (default 60, 600 and 5,000 practices) it writes a synthetic
corpus (benchmarks/corpus.py) twice: as our project and as plain Markdown pages
with tags (the baseline), and measures

* validation: `handbook validate` in a subprocess, free and pinned to one core
  (taskset -c 0), and the in-process time of check();
* `mkdocs build`: wall time and peak memory (the child's own ru_maxrss, from
  wait4) of ours and of the baseline, with its default navigation and with a
  two-entry navigation; with the offline extras switched off when the project
  has the switch (extra.handbook.offline_zip / pdf), and their cost apart;
* the size of the site, of its search index and of the offline zip and PDF;
* `handbook search` from the command line, where the command exists;
* in headless Chromium: the time from the page's load event until the first
  search result is shown, and the time to apply one filter on All practices
  (performance.now() around the click, until the next frame).

Every figure is the median of --repeats runs; every subprocess has a timeout,
so the run ends by itself. Results go to benchmarks/out/results.json and a
Markdown table to benchmarks/out/results.md (and stdout).

    .venv/bin/python -m benchmarks.run --sizes 60,600,5000 --repeats 3
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

from playwright.sync_api import Error as PlaywrightError

from benchmarks import corpus as corpus_module
from tests.helpers.browser import CHROMIUM, CHROMIUM_ARGS

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
BIN = Path(sys.executable).parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONHASHSEED": "0"}
SEARCH_QUERY = "cluster innovation"
RESULT_SELECTOR = ".md-search-result__item"


# -- running things -------------------------------------------------------------------------


class Timeout(Exception):
    pass


def timed(
    command: list[str], cwd: Path, timeout: float, log: Path | None = None, env: dict | None = None
) -> dict:
    """Run a command; its wall time, its own peak memory and exit status.

    wait4 gives the resource usage of this one child (not of all children so far,
    as RUSAGE_CHILDREN would), so ru_maxrss is the build's own peak.
    """
    out = open(log, "w") if log else subprocess.DEVNULL  # noqa: SIM115 - closed below
    try:
        start = time.perf_counter()
        child = subprocess.Popen(
            command, cwd=cwd, env=env or ENV, stdout=out, stderr=subprocess.STDOUT
        )
        deadline = start + timeout
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                child.kill()
                os.wait4(child.pid, 0)
                child.returncode = -9
                raise Timeout(f"{' '.join(command[:3])}… did not finish in {timeout:.0f} s")
            time.sleep(0.02)
        seconds = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
    finally:
        if log:
            out.close()
    return {"seconds": seconds, "peak_mb": usage.ru_maxrss / 1024, "status": child.returncode}


def median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def repeat(repeats: int, measure) -> dict:
    """Median of `repeats` runs of measure() -> dict of numbers (and the runs)."""
    runs = [measure() for _ in range(repeats)]
    keys = {
        k: None
        for r in runs
        for k, v in r.items()
        if isinstance(v, (int, float)) and not isinstance(v, bool)
    }
    summary = {k: median([r[k] for r in runs if r.get(k) is not None]) for k in keys}
    errors = [r["error"] for r in runs if "error" in r]
    if errors:
        summary["errors"] = errors
    summary["runs"] = runs
    return summary


def pinned(command: list[str]) -> list[str] | None:
    return ["taskset", "-c", "0", *command] if shutil.which("taskset") else None


# -- validation -------------------------------------------------------------------------------


def check_in_process(root: Path, repeats: int) -> list[float]:
    """check() timed inside one Python process (run as a child: `_check ROOT N`)."""
    from site_builder.content.validate import check

    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        result = check(root)
        times.append(time.perf_counter() - start)
        assert result.ok, result.problems[:3]
    return times


def measure_validation(project: Path, repeats: int, timeout: float) -> dict:
    handbook = str(BIN / "handbook")
    out: dict = {}
    command = [handbook, "--root", str(project), "validate"]
    out["cli"] = repeat(repeats, lambda: timed(command, project, timeout))
    one_core = pinned(command)
    if one_core:
        out["cli_one_core"] = repeat(repeats, lambda: timed(one_core, project, timeout))
    inner = [sys.executable, "-m", "benchmarks.run", "_check", str(project), str(repeats)]
    inner = pinned(inner) or inner
    done = subprocess.run(
        inner, cwd=REPO, env=ENV, capture_output=True, text=True, timeout=timeout * repeats + 30
    )
    if done.returncode != 0:
        raise RuntimeError(f"in-process check failed: {done.stderr[-2000:]}")
    times = json.loads(done.stdout)
    out["check_in_process"] = {
        "seconds": median(times),
        "runs": times,
        "one_core": bool(pinned([])),
    }
    return out


# -- builds -------------------------------------------------------------------------------------


def site_sizes(site: Path) -> dict:
    files = [p for p in site.rglob("*") if p.is_file()]
    index = [p for p in files if p.parent.name == "search" and p.suffix == ".json"]
    zips = [p for p in files if p.suffix == ".zip"]
    pdfs = [p for p in files if p.suffix == ".pdf"]
    return {
        "files": len(files),
        "site_mb": sum(p.stat().st_size for p in files) / 1e6,
        "search_index_mb": sum(p.stat().st_size for p in index) / 1e6 if index else None,
        "search_index_files": {
            p.relative_to(site).as_posix(): p.stat().st_size
            for p in sorted(p for p in files if p.parent.name == "search")
        },
        "offline_zip_mb": sum(p.stat().st_size for p in zips) / 1e6 if zips else None,
        "pdf_mb": sum(p.stat().st_size for p in pdfs) / 1e6 if pdfs else None,
    }


def extras_switch(project: Path) -> dict | None:
    """The project's `extra: handbook:` switches for the offline zip and the PDF, if any."""
    extra = corpus_module.read_config(project / "mkdocs.yml").get("extra") or {}
    handbook = extra.get("handbook") if isinstance(extra, dict) else None
    if not isinstance(handbook, dict):
        return None
    present = {k: v for k, v in handbook.items() if k in ("offline_zip", "pdf")}
    return present or None


def build(project: Path, config: str, site: Path, timeout: float, log: Path) -> dict:
    shutil.rmtree(site, ignore_errors=True)
    result = timed(
        [str(BIN / "mkdocs"), "build", "-q", "-f", str(project / config), "-d", str(site)],
        project,
        timeout,
        log,
    )
    if result["status"] != 0:
        raise RuntimeError(f"mkdocs build of {project / config} failed; see {log}")
    return result


def measure_builds(corp: corpus_module.Corpus, repeats: int, work: Path, args) -> dict:
    out: dict = {}
    project, baseline = corp.handbook, corp.baseline
    switch = extras_switch(project)
    variants = [("ours", project, "mkdocs.yml")]
    if switch:
        off = {"INHERIT": "mkdocs.yml", "extra": {"handbook": dict.fromkeys(switch, False)}}
        (project / "mkdocs-bench-off.yml").write_text(json.dumps(off), encoding="utf-8")
        variants.insert(0, ("ours_extras_off", project, "mkdocs-bench-off.yml"))
        if corp.size > args.pdf_max and "pdf" in switch:  # the zip alone: the PDF is slow
            zip_only = {"INHERIT": "mkdocs.yml", "extra": {"handbook": {"pdf": False}}}
            (project / "mkdocs-bench-zip.yml").write_text(json.dumps(zip_only), encoding="utf-8")
            variants[1] = ("ours_zip_only", project, "mkdocs-bench-zip.yml")
            out["ours"] = {
                "skipped": f"the PDF is not made above {args.pdf_max} practices (--pdf-max)"
            }
    variants += [
        ("baseline_short_nav", baseline, "mkdocs-short-nav.yml"),
        ("baseline", baseline, "mkdocs.yml"),
    ]
    for name, folder, config in variants:
        site = work / f"site-{name}-{corp.size}"
        log = work / f"build-{name}-{corp.size}.log"
        limit = args.baseline_timeout if name.startswith("baseline") else args.build_timeout
        if name == "baseline" and corp.size > args.baseline_max:
            out[name] = {"skipped": f"not run above {args.baseline_max} practices (--baseline-max)"}
            continue
        try:
            first = build(folder, config, site, limit, log)
        except Timeout as exc:
            shutil.rmtree(site, ignore_errors=True)
            out[name] = {"did_not_finish": str(exc), "timeout_s": limit}
            if name == "baseline":
                args.baseline_max = min(args.baseline_max, corp.size - 1)
            continue
        again = repeats - 1 if first["seconds"] <= args.slow else 0
        runs = [first] + [build(folder, config, site, limit, log) for _ in range(again)]
        out[name] = {
            "seconds": median([r["seconds"] for r in runs]),
            "peak_mb": median([r["peak_mb"] for r in runs]),
            "runs": runs,
            **site_sizes(site),
        }
        out[name]["site"] = str(site)
    for name, key in (("ours", "extras_seconds"), ("ours_zip_only", "zip_seconds")):
        if "seconds" in out.get("ours_extras_off", {}) and "seconds" in out.get(name, {}):
            out[key] = out[name]["seconds"] - out["ours_extras_off"]["seconds"]
    main = out.get("ours_extras_off") or out["ours"]
    if "seconds" not in main:
        raise RuntimeError(f"our build did not finish: {main}")
    out["main"] = "ours_extras_off" if "ours_extras_off" in out else "ours"
    for name in ("baseline", "baseline_short_nav"):
        if "seconds" in out.get(name, {}):
            out[f"ratio_to_{name}"] = main["seconds"] / out[name]["seconds"]
            out[f"memory_ratio_to_{name}"] = main["peak_mb"] / out[name]["peak_mb"]
    return out


# -- command-line search -------------------------------------------------------------------------


def measure_cli_search(project: Path, site: Path | None, repeats: int, timeout: float) -> dict:
    handbook = str(BIN / "handbook")
    probe = subprocess.run(
        [handbook, "search", "--help"],
        capture_output=True,
        text=True,
        env=ENV,
        cwd=project,
        timeout=60,
    )
    if probe.returncode != 0:
        return {"skipped": "`handbook search` does not exist (yet)"}
    command = [handbook, "--root", str(project), "search", SEARCH_QUERY]
    if site is not None and "--site" in probe.stdout:
        command += ["--site", str(site)]
    shutil.rmtree(project / ".handbook-cache", ignore_errors=True)  # first use builds the index
    start = time.perf_counter()
    trial = subprocess.run(
        command, capture_output=True, text=True, env=ENV, cwd=project, timeout=timeout
    )
    cold = time.perf_counter() - start
    if trial.returncode not in (0, 1):
        return {"skipped": f"`handbook search` failed: {trial.stderr.strip()[-300:]}"}
    summary = repeat(repeats, lambda: timed(command, project, timeout))
    summary["cold_seconds"] = cold
    summary["command"] = " ".join(command[1:])
    summary["output_lines"] = len(trial.stdout.splitlines())
    return summary


# -- the browser ----------------------------------------------------------------------------------


class Server:
    """A built site on the loopback interface."""

    def __init__(self, folder: Path, handler_class: type | None = None) -> None:
        handler = functools.partial(handler_class or _QuietHandler, directory=str(folder))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


# Records when the first search result appears, measured from the load event.
WATCH_RESULTS = """selector => { window.__hbFirstResult = new Promise(resolve => {
  const loaded = performance.getEntriesByType("navigation")[0].loadEventEnd;
  const done = () => resolve(performance.now() - loaded);
  if (document.querySelector(selector)) { done(); return; }
  new MutationObserver((_, observer) => {
    if (document.querySelector(selector)) { observer.disconnect(); done(); }
  }).observe(document.body, {childList: true, subtree: true});
}); }"""

SINCE_LOAD = """() => performance.now()
  - performance.getEntriesByType("navigation")[0].loadEventEnd"""

# Ticks one filter option and waits for the frame after the list was updated: the first
# filter loads the whole list (data/practice-list.js) before it can show anything, so the
# script's time runs until the status line says what the filter left.
APPLY_FILTER = """selector => new Promise(resolve => {
  const box = document.querySelector(selector);
  const list = document.getElementById("hb-results");
  const status = document.getElementById("hb-status");
  const before = list.querySelectorAll("li:not([hidden])").length;
  const was = status.textContent;
  const start = performance.now();
  const done = () => {
    const script = performance.now() - start;
    requestAnimationFrame(() => setTimeout(() => resolve({
      script_ms: script, frame_ms: performance.now() - start, shown_before: before,
      shown_after: list.querySelectorAll("li:not([hidden])").length}), 0));
  };
  const watch = new MutationObserver(() => { watch.disconnect(); done(); });
  watch.observe(status, {childList: true, characterData: true, subtree: true});
  box.click();
  if (status.textContent !== was) { watch.disconnect(); done(); }
})"""


def first_search_result(browser, url: str, timeout_ms: float) -> dict:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(url, wait_until="load", timeout=timeout_ms)
        page.evaluate(WATCH_RESULTS, RESULT_SELECTOR)
        box = page.locator("input.md-search__input")
        box.click()
        box.fill(SEARCH_QUERY)
        box.press("End")  # a key event: search boxes listen to keyup, not only to input
        typed = page.evaluate(SINCE_LOAD)
        page.wait_for_selector(RESULT_SELECTOR, timeout=timeout_ms)
        ms = page.evaluate("() => window.__hbFirstResult")
        results = page.locator(RESULT_SELECTOR).count()
        return {
            "ms": ms,
            "after_query_ms": ms - typed,
            "query_entered_ms": typed,
            "results": results,
        }
    except PlaywrightError as exc:  # a search that shows nothing is a finding, not a crash
        return {"error": f"no search result: {str(exc).splitlines()[0]}"}
    finally:
        context.close()


def apply_filter(browser, url: str, timeout_ms: float) -> dict:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(url + "practices/index.html", wait_until="load", timeout=timeout_ms)
        page.wait_for_selector("#hb-filters:not([hidden])", timeout=timeout_ms)
        # the most common ecosystem: the option whose count is largest
        value = page.evaluate("""() => {
          let best = null, most = -1;
          document.querySelectorAll('fieldset[data-facet=ecosystem] input').forEach(b => {
            const n = parseInt(b.parentNode.querySelector('[data-count]').textContent.slice(1));
            if (n > most) { most = n; best = b.value; } });
          return best; }""")
        out = page.evaluate(APPLY_FILTER, f"fieldset[data-facet=ecosystem] input[value='{value}']")
        out["ms"] = out["frame_ms"]
        out["value"] = value
        return out
    except PlaywrightError as exc:
        return {"error": f"filter not applied: {str(exc).splitlines()[0]}"}
    finally:
        context.close()


def measure_browser(sites: dict[str, Path], repeats: int, timeout: float) -> dict:
    from playwright.sync_api import sync_playwright

    out: dict = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for name, site in sites.items():
                server = Server(site)
                try:
                    figures = {
                        "first_search_result": repeat(
                            repeats,
                            lambda server=server: first_search_result(
                                browser, server.url, timeout * 1000
                            ),
                        )
                    }
                    if name.startswith("ours"):
                        figures["apply_filter"] = repeat(
                            repeats,
                            lambda server=server: apply_filter(browser, server.url, timeout * 1000),
                        )
                    out[name] = figures
                finally:
                    server.close()
        finally:
            browser.close()
    ours, base = out.get("ours"), out.get("baseline") or out.get("baseline_short_nav")
    if (
        ours
        and base
        and ours["first_search_result"].get("ms")
        and base["first_search_result"].get("ms")
    ):
        out["search_ratio"] = ours["first_search_result"]["ms"] / base["first_search_result"]["ms"]
    return out


# -- one size, all sizes -------------------------------------------------------------------------


def measure_size(n: int, args, profile) -> dict:
    work = args.work
    started = time.perf_counter()
    corp = corpus_module.generate(n, work, args.seed, profile)
    result: dict = {
        "practices": n,
        "recommendations": len(list((corp.handbook / "recommendations").glob("*.md"))),
    }
    log(f"N={n}: validation")
    result["validation"] = measure_validation(corp.handbook, args.repeats, args.build_timeout)
    log(f"N={n}: builds")
    result["build"] = measure_builds(corp, args.repeats, work, args)
    log(f"N={n}: command-line search")
    ours = Path(result["build"][result["build"]["main"]]["site"])
    result["cli_search"] = measure_cli_search(corp.handbook, ours, args.repeats, args.build_timeout)
    if args.browser:
        log(f"N={n}: browser")
        sites = {"ours": ours}
        for name in ("baseline", "baseline_short_nav"):
            if "site" in result["build"].get(name, {}):
                sites[name] = Path(result["build"][name]["site"])
                break
        result["browser"] = measure_browser(sites, args.repeats, args.browser_timeout)
    if not args.keep_sites:
        for figures in result["build"].values():
            if isinstance(figures, dict) and "site" in figures:
                shutil.rmtree(figures["site"], ignore_errors=True)
    result["wall_seconds"] = time.perf_counter() - started
    return result


def machine() -> dict:
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory = next(
        (
            int(line.split()[1])
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        ),
        0,
    )
    return {
        "cpu": model,
        "cores": os.cpu_count(),
        "memory_gb": round(memory / 1024**2, 1),
        "python": platform.python_version(),
        "load_average": os.getloadavg(),
    }


def versions() -> dict:
    from importlib.metadata import version

    return {
        name: version(name)
        for name in ("mkdocs", "mkdocs-material", "markdown", "nh3", "jinja2", "playwright")
    }


def log(message: str) -> None:
    print(f"[bench {datetime.now().strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["_check"]:
        print(json.dumps(check_in_process(Path(argv[1]), int(argv[2]))))
        return 0
    args = parse(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    args.work.mkdir(parents=True, exist_ok=True)
    results = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "command": " ".join(["python -m benchmarks.run", *argv]),
        "machine": machine(),
        "versions": versions(),
        "seed": args.seed,
        "repeats": args.repeats,
        "sizes": {},
    }
    profile = corpus_module.measure(corpus_module.load_handbook(REPO))
    for n in args.sizes:
        results["sizes"][str(n)] = measure_size(n, args, profile)
        write(results, args.out)  # partial results survive a stop
    results["machine"]["load_average_end"] = os.getloadavg()
    write(results, args.out)
    print(markdown(results))
    return 0


def write(results: dict, out: Path) -> None:
    (out / "results.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    (out / "results.md").write_text(markdown(results), encoding="utf-8")


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes", default="60,600,5000", type=lambda s: [int(x) for x in s.split(",") if x.strip()]
    )
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--seed", type=int, default=corpus_module.SEED)
    parser.add_argument("--out", type=Path, default=HERE / "out")
    parser.add_argument("--work", type=Path, help="where corpora and sites go (default: OUT/work)")
    parser.add_argument(
        "--build-timeout", type=float, default=600, help="seconds one build of ours may take"
    )
    parser.add_argument(
        "--baseline-timeout",
        type=float,
        default=600,
        help="seconds one baseline build may take; past it the baseline with "
        "the default navigation is reported as not finished and not "
        "tried at larger sizes",
    )
    parser.add_argument(
        "--baseline-max",
        type=int,
        default=10**9,
        help="largest size at which to build the default-navigation baseline",
    )
    parser.add_argument(
        "--pdf-max",
        type=int,
        default=1500,
        help="above this size the build with extras makes the zip only",
    )
    parser.add_argument(
        "--slow",
        type=float,
        default=180,
        help="a build whose first run takes longer is not repeated",
    )
    parser.add_argument(
        "--browser-timeout",
        type=float,
        default=30,
        help="seconds to wait for a page, a search result or a filter",
    )
    parser.add_argument("--no-browser", dest="browser", action="store_false")
    parser.add_argument("--keep-sites", action="store_true")
    args = parser.parse_args(argv)
    args.out = args.out.resolve()  # builds run in the project folder
    args.work = (args.work or args.out / "work").resolve()
    if args.repeats < 1:
        parser.error("--repeats must be at least 1")
    return args


# -- the report -----------------------------------------------------------------------------------


def _s(value, unit: str = "s", digits: int = 2) -> str:
    return "–" if value is None else f"{value:.{digits}f} {unit}"


def _build_cell(figures: dict | None) -> str:
    if not figures:
        return "–"
    if "did_not_finish" in figures:
        return f"did not finish in {figures['timeout_s']:.0f} s"
    if "skipped" in figures:
        return "not run"
    return (
        f"{figures['seconds']:.1f} s, {figures['peak_mb']:.0f} MB, {figures['site_mb']:.0f} MB site"
    )


def _browser(r: dict, site: str, what: str, key: str = "ms", digits: int = 0) -> str:
    figures = _get(r, "browser", site, what) or {}
    if figures.get(key) is not None:
        return _s(figures[key], "ms", digits)
    return "failed: " + figures["errors"][0][:60] if figures.get("errors") else "–"


def markdown(results: dict) -> str:
    sizes = results["sizes"]
    head = "| | " + " | ".join(f"N = {int(n):,}" for n in sizes) + " |\n"
    head += "|---|" + "---|" * len(sizes) + "\n"
    rows: list[tuple[str, callable]] = [
        ("`handbook validate` (2 cores)", lambda r: _s(r["validation"]["cli"]["seconds"])),
        (
            "`handbook validate` (1 core)",
            lambda r: _s(r["validation"].get("cli_one_core", {}).get("seconds")),
        ),
        (
            "check() in process (1 core)",
            lambda r: _s(r["validation"]["check_in_process"]["seconds"]),
        ),
        ("build, ours (extras off)", lambda r: _build_cell(r["build"].get("ours_extras_off"))),
        ("build, ours (with zip and PDF)", lambda r: _build_cell(r["build"].get("ours"))),
        ("build, ours (with zip, no PDF)", lambda r: _build_cell(r["build"].get("ours_zip_only"))),
        ("offline zip + PDF, apart", lambda r: _s(r["build"].get("extras_seconds"))),
        ("offline zip alone, apart", lambda r: _s(r["build"].get("zip_seconds"))),
        ("build, baseline (default nav)", lambda r: _build_cell(r["build"].get("baseline"))),
        (
            "build, baseline (2-entry nav)",
            lambda r: _build_cell(r["build"].get("baseline_short_nav")),
        ),
        ("ratio ours / baseline (time)", lambda r: _s(r["build"].get("ratio_to_baseline"), "×")),
        (
            "ratio ours / baseline 2-entry nav (time)",
            lambda r: _s(r["build"].get("ratio_to_baseline_short_nav"), "×"),
        ),
        (
            "ratio ours / baseline 2-entry nav (memory)",
            lambda r: _s(r["build"].get("memory_ratio_to_baseline_short_nav"), "×"),
        ),
        (
            "search index, ours",
            lambda r: _s(r["build"][r["build"]["main"]].get("search_index_mb"), "MB"),
        ),
        (
            "search index, baseline",
            lambda r: _s((r["build"].get("baseline_short_nav") or {}).get("search_index_mb"), "MB"),
        ),
        (
            "offline zip",
            lambda r: _s(
                _get(r, "build", "ours", "offline_zip_mb")
                or _get(r, "build", "ours_zip_only", "offline_zip_mb"),
                "MB",
            ),
        ),
        ("PDF", lambda r: _s((r["build"].get("ours") or {}).get("pdf_mb"), "MB")),
        (
            "`handbook search`, first use (builds its index)",
            lambda r: (
                _s(r["cli_search"].get("cold_seconds"))
                if "seconds" in r["cli_search"]
                else "n/a: " + r["cli_search"].get("skipped", "")
            ),
        ),
        ("`handbook search`, later", lambda r: _s(r["cli_search"].get("seconds"))),
        (
            "first search result after load, ours",
            lambda r: _browser(r, "ours", "first_search_result"),
        ),
        (
            "first search result after the query is entered, ours",
            lambda r: _browser(r, "ours", "first_search_result", "after_query_ms"),
        ),
        (
            "first search result after load, baseline",
            lambda r: _browser(
                r,
                "baseline" if _get(r, "browser", "baseline") else "baseline_short_nav",
                "first_search_result",
            ),
        ),
        (
            "apply a filter (until next frame)",
            lambda r: _browser(r, "ours", "apply_filter", "ms", 1),
        ),
        (
            "apply a filter (script only)",
            lambda r: _browser(r, "ours", "apply_filter", "script_ms", 1),
        ),
    ]
    body = "".join(
        f"| {label} | " + " | ".join(cell(r) for r in sizes.values()) + " |\n"
        for label, cell in rows
    )
    m = results["machine"]
    return (
        f"Medians of {results['repeats']} run(s); {m['cores']} cores ({m['cpu']}), "
        f"{m['memory_gb']} GB; {results['date']}; `{results['command']}`\n\n" + head + body
    )


def _get(data: dict, *keys):
    for key in keys:
        if not isinstance(data, dict) or key not in data:
            return None
        data = data[key]
    return data


if __name__ == "__main__":
    raise SystemExit(main())
