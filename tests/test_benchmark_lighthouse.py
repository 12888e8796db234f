"""benchmarks/lighthouse.py's own parts, without Lighthouse or a build: its arguments, the
figures it reads from a report (tests/lighthouse/report-home.json, a real Lighthouse 12.2.3
report of the handbook's home page, cut down to what the script reads), the medians and
the table, and the pinned Lighthouse. Its figures are measured on demand and reported in
BENCHMARKS.md."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from benchmarks import lighthouse

REPORT = Path(__file__).parent / "lighthouse" / "report-home.json"


@pytest.fixture
def report() -> dict:
    return json.loads(REPORT.read_text(encoding="utf-8"))


def test_the_defaults_are_the_real_handbook_three_runs_four_pages_against_main_before_14():
    args = lighthouse.parse([])
    assert (args.size, args.runs, args.baseline) == (0, 3, "c35e606")
    assert args.pages == ["home", "all", "view", "practice"]
    assert args.out is None and args.work is None
    assert args.tools == lighthouse.REPO / ".handbook-cache" / "lighthouse"


def test_arguments_are_read():
    args = lighthouse.parse(
        ["--size", "5000", "--runs", "5", "--baseline", "HEAD~2", "--pages", "all, view"]
        + ["--out", "x.json", "--tools", "/tmp/lh-tools"]
    )
    assert (args.size, args.runs, args.baseline) == (5000, 5, "HEAD~2")
    assert args.pages == ["all", "view"]
    assert args.out == Path("x.json") and args.tools == Path("/tmp/lh-tools")


@pytest.mark.parametrize(
    "argv", [["--runs", "0"], ["--size", "-1"], ["--pages", "home,search"], ["--pages", ","]]
)
def test_bad_arguments_are_a_usage_error(argv, capsys):
    with pytest.raises(SystemExit) as stop:
        lighthouse.parse(argv)
    assert stop.value.code == 2
    assert "error: --" in capsys.readouterr().err


def test_the_figures_of_a_recorded_report(report):
    figures = lighthouse.figures(report)
    assert figures["performance"] == 86
    assert figures["accessibility"] == figures["best_practices"] == figures["seo"] == 100
    assert figures["cls"] == 0
    assert figures["lcp_s"] == pytest.approx(3.1609, abs=1e-4)
    assert figures["tbt_ms"] == pytest.approx(0.4729, abs=1e-4)
    assert figures["fcp_s"] == pytest.approx(3.0199, abs=1e-4)
    assert figures["weight_kib"] == pytest.approx(893146 / 1024)
    assert figures["html_kib"] == pytest.approx(16958 / 1024)  # index.html's own bytes
    assert figures["requests"] == 15
    assert figures["benchmark_index"] == 705
    assert "slower CPU" in figures["warnings"][0]


def test_the_html_is_the_main_document_not_the_first_one(report):
    requests = report["audits"]["network-requests"]["details"]["items"]
    frame = {**requests[0], "url": "http://127.0.0.1:1/frame.html", "resourceSize": 99}
    requests.insert(0, frame)
    assert lighthouse.figures(report)["html_kib"] == pytest.approx(16958 / 1024)


def test_a_missing_score_or_audit_is_none_and_a_failed_run_an_error(report):
    broken = copy.deepcopy(report)
    broken["categories"]["performance"]["score"] = None  # as when LCP could not be measured
    del broken["audits"]["total-blocking-time"]
    figures = lighthouse.figures(broken)
    assert figures["performance"] is None and figures["tbt_ms"] is None
    assert figures["seo"] == 100
    failed = {**report, "runtimeError": {"code": "NO_FCP", "message": "The page did not paint"}}
    assert lighthouse.figures(failed) == {"error": "NO_FCP: The page did not paint"}


def test_medians_leave_out_what_a_run_has_not_and_count_the_failed_runs():
    runs = [
        {"performance": 80, "cls": 0.2, "tbt_ms": 10},
        {"performance": 90, "cls": None, "tbt_ms": 30},
        {"error": "Lighthouse did not finish in 300 s"},
        {"performance": 70, "cls": 0.1, "tbt_ms": 20},
    ]
    summary = lighthouse.medians(runs)
    assert summary["performance"] == 80
    assert summary["cls"] == pytest.approx(0.15)
    assert summary["tbt_ms"] == 20
    assert summary["lcp_s"] is None
    assert (summary["runs"], summary["failed"]) == (4, 1)


def test_the_table_has_a_row_per_page_and_side(report):
    one = lighthouse.figures(report)
    slower = {**one, "performance": 61.4, "lcp_s": 15.04, "tbt_ms": 2812.3, "weight_kib": 29260.4}
    result = {
        "sides": {"baseline": "c35e606", "new": "working tree (abc1234)"},
        "pages": {"home": "index.html", "all": "practices/index.html"},
        "medians": {
            "home": {
                "baseline": lighthouse.medians([one, one, one]),
                "new": lighthouse.medians([one, {"error": "x"}, one]),
            },
            "all": {
                "baseline": lighthouse.medians([slower]),
                "new": lighthouse.medians([slower]),
            },
        },
    }
    result["html_sha256"] = {
        "home": {"baseline": "a1", "new": "a1"},
        "all": {"baseline": "b1", "new": "b2"},
    }
    lines = lighthouse.table(result).splitlines()
    assert lines[0] == (
        "| page | code | perf. | a11y | best pr. | SEO | CLS | LCP | TBT | weight | HTML |"
    )
    assert lines[1] == "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    assert lines[2] == (
        "| home `index.html` | c35e606 | 86 | 100 | 100 | 100 | 0.000 | 3.2 s | 0 ms "
        "| 872 KiB | 16.6 KiB |"
    )
    assert lines[3].startswith("|  | working tree (abc1234) (1 of 3 runs failed) | 86 |")
    assert lines[4] == (
        "| all `practices/index.html` | c35e606 | 61 | 100 | 100 | 100 | 0.000 | 15.0 s "
        "| 2,812 ms | 29,260 KiB | 16.6 KiB |"
    )
    assert lines[6:] == ["", "The same HTML on both sides: home."]


def test_the_heading_says_what_ran_where_and_how_busy_the_machine_was(report):
    result = {
        "size": 5000,
        "lighthouse": "12.2.3",
        "runs_per_page": 3,
        "machine": {"cores": 2, "load_average": (7.91, 7.0, 5.0), "load_average_end": (3.03, 0, 0)},
        "runs": {"home": {"baseline": [lighthouse.figures(report)], "new": [{"error": "x"}]}},
        "sides": {"baseline": "c35e606", "new": "working tree (abc1234)"},
        "builds": {"baseline": {"seconds": 173.8}, "new": {"seconds": 133.9}},
        "seconds": 1130,
    }
    assert lighthouse.heading(result) == (
        "Lighthouse 12.2.3 (mobile, simulated throttling) on 5,000 synthetic practices, "
        "medians of 3 run(s) per page and side. 2 cores, load average 7.9 at the start and "
        "3.0 at the end, Lighthouse's benchmarkIndex 705 to 705. "
        "Builds: c35e606 174 s, working tree (abc1234) 134 s; 19 min in all."
    )


def test_lighthouse_runs_on_chromium_with_the_benchmarks_flags():
    command = lighthouse.lighthouse_command(Path("/t/cli.js"), "http://h/", Path("/t/r.json"))
    assert command[:3] == ["node", "/t/cli.js", "http://h/"]
    assert "--only-categories=performance,accessibility,best-practices,seo" in command
    assert (
        "--chrome-flags=--headless --no-sandbox --disable-gpu --disable-background-networking "
        "--disable-component-update --no-first-run"
    ) in command
    assert "--output-path=/t/r.json" in command


def test_pages_are_served_from_their_files():
    assert lighthouse.site_file("./") == "index.html"
    assert lighthouse.site_file("practices/index.html") == "practices/index.html"
    assert lighthouse.site_file("practices/x/") == "practices/x/index.html"


def test_the_four_pages_of_the_real_handbook():
    chosen = lighthouse.pages(lighthouse.REPO)
    assert chosen["home"] == "index.html" and chosen["all"] == "practices/index.html"
    assert chosen["view"].startswith("ecosystems/") and chosen["view"] != "ecosystems/index.html"
    first = min(p.stem for p in (lighthouse.REPO / "practices").glob("*.md"))
    assert chosen["practice"] == f"practices/{first}.html"


def test_lighthouse_is_pinned_exactly_with_every_package_hashed():
    package = json.loads((lighthouse.PACKAGE / "package.json").read_text(encoding="utf-8"))
    assert package["dependencies"] == {"lighthouse": "12.2.3"}
    lock = json.loads((lighthouse.PACKAGE / "package-lock.json").read_text(encoding="utf-8"))
    packages = {k: v for k, v in lock["packages"].items() if k}
    assert packages["node_modules/lighthouse"]["version"] == "12.2.3"
    assert all(v.get("integrity", "").startswith("sha512-") for v in packages.values())
    assert lighthouse.TOOLS.relative_to(lighthouse.REPO).parts[0] == ".handbook-cache"  # ignored
