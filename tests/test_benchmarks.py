"""The benchmarks work: the synthetic corpus is valid, realistic and reproducible, and the
benchmark script runs at N = 60 and reports every figure. No timing is asserted here:
speed is measured by benchmarks/run.py and reported in BENCHMARKS.md."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from benchmarks import corpus
from site_builder.content.validate import check, load_handbook
from site_builder.render.pages.all_practices import PAGE_SIZE

PROJECT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def profile():
    return corpus.measure(load_handbook(PROJECT))


@pytest.fixture(scope="module")
def generated(tmp_path_factory, profile) -> corpus.Corpus:
    return corpus.generate(300, tmp_path_factory.mktemp("bench"), profile=profile)


def test_the_synthetic_handbook_validates(generated):
    result = check(generated.handbook)
    assert result.ok, [str(p.location) + " " + p.text for p in result.problems[:5]]
    kinds = Counter(doc.kind for doc in result.documents)
    assert kinds["practice"] == 300
    assert kinds["recommendation"] >= 5


def test_the_same_seed_writes_the_same_corpus_and_another_seed_another(tmp_path, profile):
    one = corpus.generate(40, tmp_path / "one", seed=7, profile=profile)
    two = corpus.generate(40, tmp_path / "two", seed=7, profile=profile)
    three = corpus.generate(40, tmp_path / "three", seed=8, profile=profile)

    def files(folder: Path) -> dict[str, bytes]:
        return {
            p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*.md"))
        }

    assert files(one.handbook) == files(two.handbook)
    assert files(one.baseline) == files(two.baseline)
    assert files(one.handbook / "practices") != files(three.handbook / "practices")


def test_metadata_spreads_like_the_real_practices(generated):
    real = load_handbook(PROJECT).practices
    synthetic = load_handbook(generated.handbook).practices
    for values in (
        lambda p: [p.country],
        lambda p: list(p.ecosystems),
        lambda p: list(p.helix),
        lambda p: [p.cluster_role],
        lambda p: list(p.themes),
    ):
        real_top = Counter(v for p in real for v in values(p)).most_common(1)[0][0]
        seen = Counter(v for p in synthetic for v in values(p))
        assert len(seen) >= 4
        assert real_top in [v for v, _ in seen.most_common(4)]
    share = lambda ps, has: sum(map(has, ps)) / len(ps)  # noqa: E731
    for has in (
        lambda p: bool(p.contacts),
        lambda p: p.period is not None,
        lambda p: p.region is not None,
        lambda p: bool(p.themes),
    ):
        assert abs(share(real, has) - share(synthetic, has)) < 0.15


def test_text_has_the_real_lengths_lists_and_words_but_no_copied_sentence(generated):
    real = load_handbook(PROJECT).practices
    synthetic = load_handbook(generated.handbook).practices
    mean = lambda ps: sum(len(p.text) for p in ps) / len(ps)  # noqa: E731
    assert 0.7 < mean(synthetic) / mean(real) < 1.3

    def bullets(ps):
        return sum(line.startswith("- ") for p in ps for line in p.text.split("\n")) / len(ps)

    assert 0.5 < bullets(synthetic) / bullets(real) < 2
    real_words = {w.lower() for p in real for w in corpus._WORD.findall(p.text)}
    words = [w.lower() for p in synthetic[:20] for w in corpus._WORD.findall(p.text)]
    assert all(w in real_words for w in words)
    real_sentences = {
        s for p in real for s in corpus._SENTENCE_END.split(p.text) if len(s.split()) > 8
    }
    made = {s for p in synthetic for s in corpus._SENTENCE_END.split(p.text)}
    assert not real_sentences & made


def test_the_baseline_holds_the_same_practices_as_tagged_pages(generated):
    pages = sorted((generated.baseline / "docs" / "practices").glob("*.md"))
    ids = sorted(p.stem for p in (generated.handbook / "practices").glob("*.md"))
    assert [p.stem for p in pages] == ids
    text = pages[0].read_text(encoding="utf-8")
    assert text.startswith("---\ntags:\n  - ")
    config = corpus.read_config(generated.baseline / "mkdocs.yml")
    assert config["plugins"] == ["search", "tags"]
    assert config["use_directory_urls"] is False and config["theme"]["font"] is False
    assert "nav" not in config  # default navigation: every page, as a user would have it


@pytest.mark.slow
@pytest.mark.browser
def test_the_benchmark_runs_at_60_practices_and_reports_every_figure(tmp_path):
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "benchmarks.run",
            "--sizes",
            "60",
            "--repeats",
            "1",
            "--out",
            str(tmp_path),
        ],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    results = json.loads((tmp_path / "results.json").read_text())
    size = results["sizes"]["60"]
    assert results["machine"]["cores"] >= 1 and results["repeats"] == 1
    validation = size["validation"]
    for figure in (validation["cli"], validation["check_in_process"]):
        assert figure["seconds"] > 0
    build = size["build"]
    main = build[build["main"]]
    for name in (build["main"], "baseline", "baseline_short_nav"):
        assert build[name]["seconds"] > 0 and build[name]["peak_mb"] > 0
        assert build[name]["site_mb"] > 0 and build[name]["files"] > 60
    assert main["search_index_mb"] > 0 and build["baseline"]["search_index_mb"] > 0
    assert build["ratio_to_baseline"] > 0 and build["ratio_to_baseline_short_nav"] > 0
    if "ours_extras_off" in build:  # the offline zip and the PDF, measured apart
        assert build["ours"]["offline_zip_mb"] > 0 and build["ours"]["pdf_mb"] > 0
    assert size["cli_search"].get("seconds", 0) > 0, size["cli_search"]
    browser = size["browser"]
    for site in ("ours", "baseline"):
        first = browser[site]["first_search_result"]
        assert first.get("ms", 0) > 0 and first["runs"][0]["results"] > 0, first
    applied = browser["ours"]["apply_filter"]
    assert applied.get("ms", 0) > 0, applied
    run = applied["runs"][0]
    assert run["shown_after"] < run["shown_before"] == min(60, PAGE_SIZE)  # the page's own rows
    table = (tmp_path / "results.md").read_text()
    assert "| build, baseline (default nav) |" in table and "N = 60" in table
    assert "failed" not in table and "n/a" not in table


@pytest.mark.browser
def test_the_asset_comparison_serves_each_variant_its_own_files(built_site):
    """benchmarks/compare_assets.py: 'before' gets the assets of a revision (here the one
    that added filters.js), 'after' the working tree's, and both the rest of the site."""
    from urllib.request import urlopen

    from benchmarks.compare_assets import ASSET_URL, _OverlayHandler, assets
    from benchmarks.run import Server

    name = "site_builder/render/assets/filters.js"
    first = subprocess.run(
        ["git", "log", "--follow", "--diff-filter=A", "--format=%H", "--", name],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()[-1]
    variants = [assets([name], first), assets([name], None)]
    assert variants[0] != variants[1]
    for overlay in variants:
        server = Server(built_site, type("Handler", (_OverlayHandler,), {"overlay": overlay}))
        try:
            served = urlopen(server.url + ASSET_URL.lstrip("/") + "filters.js").read()
            page = urlopen(server.url + "index.html").read()
        finally:
            server.close()
        assert served == overlay[ASSET_URL + "filters.js"]
        assert page == (built_site / "index.html").read_bytes()

    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "benchmarks.compare_assets",
            str(built_site),
            name,
            "--revision",
            first,
            "--repeats",
            "1",
        ],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    medians = json.loads(done.stdout)["medians"]
    assert medians["before"]["runs"] == medians["after"]["runs"] == 1
    assert medians["before"]["ms"] > 0 and medians["after"]["ms"] > 0


@pytest.mark.slow
def test_the_serve_benchmark_sees_a_saved_change_and_times_a_build_beside_it():
    """benchmarks/serve_latency.py: one save, seen by `mkdocs serve` on the page and in
    every view, a slip and its fix, and one whole build, each reported as seconds; the
    working copy's practices are left as they were, and the slip's builds render only
    the pages the slip changes (no banner in every page)."""
    practice = PROJECT / "practices" / "ribes-nest-veneto.md"
    before = practice.read_bytes()
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.serve_latency", "--runs", "1", "--slip"],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    figures = dict(re.findall(r"^(.+): (\d+\.\d+) s \(runs: ", done.stdout, re.M))
    assert set(figures) == {
        "save to page shown by mkdocs serve",
        "save to every view right",
        "baseline: a whole mkdocs build",
        "slip to its problem shown",
        "fix to the page shown, banner gone",
    }, done.stdout
    assert all(float(seconds) > 0 for seconds in figures.values())
    rendered = re.search(
        r"^generated pages rendered by the slips' and fixes' builds: (.+)$", done.stdout, re.M
    )
    practices = len(list((PROJECT / "practices").glob("*.md")))
    assert rendered and all(int(n) < practices for n in rendered[1].split(", ")), done.stdout
    assert practice.read_bytes() == before


@pytest.mark.slow
def test_the_warm_rebuild_benchmark_runs_and_finds_the_sites_identical(tmp_path, capsys):
    from benchmarks import warm_rebuild

    assert warm_rebuild.main(["--size", "20", "--runs", "1", "--work", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "20 practices" in out and "sites identical: True" in out
