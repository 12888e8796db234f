"""`handbook search` as a reader calls it: offline, no site built first."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from site_builder.cli.main import main

PROJECT = Path(__file__).resolve().parent.parent
HANDBOOK = Path(sys.executable).parent / "handbook"


@pytest.fixture
def handbook(tmp_path: Path) -> Path:
    """A copy of the real content tree, and nothing else: no site, no cache."""
    root = tmp_path / "handbook"
    for name in ("practices", "recommendations", "docs", "schema"):
        shutil.copytree(PROJECT / name, root / name)
    for name in ("sources.yml", "mkdocs.yml"):
        shutil.copy2(PROJECT / name, root / name)
    return root


def search(root: Path, *args: str, capsys) -> tuple[int, str, str]:
    code = main(["--root", str(root), "search", *args])
    out, err = capsys.readouterr()
    return code, out, err


def as_json(root: Path, *args: str, capsys) -> list[dict]:
    code, out, _ = search(root, *args, "--json", capsys=capsys)
    assert code == 0
    return json.loads(out)


def test_the_installed_command_builds_its_index_on_first_use_and_says_so(handbook):
    run = subprocess.run(
        [str(HANDBOOK), "search", "hydrogen"],
        cwd=handbook / "practices",
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert run.returncode == 0, run.stderr
    assert "building it" in run.stderr and ".handbook-cache" in run.stderr
    assert (handbook / ".handbook-cache" / "search" / "index" / "meta.js").is_file()
    assert not (handbook / "site").exists()
    first = run.stdout.splitlines()
    assert first[0] == " 1. Green Hydrogen Valley  [Practice · Austria · Renewable energy]"
    assert first[1] == "    green-hydrogen-valley · Green Tech Valley"
    assert "hydrogen" in first[2].lower()

    again = subprocess.run(
        [str(HANDBOOK), "search", "hydrogen"], cwd=handbook, capture_output=True, text=True
    )
    assert again.stderr == "" and again.stdout == run.stdout


def test_a_changed_practice_is_searchable_at_once(handbook, capsys):
    search(handbook, "hydrogen", capsys=capsys)
    path = handbook / "practices" / "innovation-vouchers.md"
    path.write_text(path.read_text().replace("## Results\n", "## Results\n\nA quokka study.\n"))
    code, out, err = search(handbook, "quokka", capsys=capsys)
    assert code == 0 and "content changed" in err
    assert out.splitlines()[0].startswith(" 1. Innovation Vouchers  [Practice · Czechia")


def test_json_lists_id_type_title_and_score_best_first(handbook, capsys):
    results = as_json(handbook, "public", "procurement", capsys=capsys)
    assert [r["id"] for r in results[:2]] == [
        "clusterix-public-procurement-innovation",
        "clusterix-2014-public-procurement",
    ]
    for result in results:
        assert {"id", "type", "title", "score", "snippet", "location"} <= set(result)
    scores = [r["score"] for r in results]
    assert scores == sorted(scores, reverse=True) and scores[0] > 0
    assert results[0]["type"] == "recommendation"
    assert "procurement" in results[0]["snippet"].lower()


def test_the_snippet_shows_where_the_words_are(handbook, capsys):
    [first] = as_json(handbook, "maternity", "leave", "--limit", "1", capsys=capsys)
    assert first["id"] == "kompass-competence-centre-maternity-leave-career"
    assert "maternity leave" in first["snippet"].lower()
    assert first["matched"] == ["maternity", "leave"]


@pytest.mark.parametrize(
    "options,words,check",
    [
        (["--country", "IT"], "innovation", lambda r: r["country"] == "IT"),
        (["--country", "it"], "innovation", lambda r: r["country"] == "IT"),
        ([], "innovation country:it", lambda r: r["country"] == "IT"),
        (["--type", "recommendation"], "innovation", lambda r: r["type"] == "recommendation"),
        ([], "type:page innovation", lambda r: r["type"] == "page"),
        (["--ecosystem", "health"], "innovation", lambda r: "health" in r["ecosystems"]),
        (
            ["--ecosystem", "health", "--ecosystem", "textile"],
            "training",
            lambda r: {"health", "textile"} & set(r["ecosystems"]),
        ),
        (
            [],
            "training ecosystem:health,textile",
            lambda r: {"health", "textile"} & set(r["ecosystems"]),
        ),
    ],
)
def test_filters_narrow_the_results(handbook, capsys, options, words, check):
    plain_words = " ".join(w for w in words.split() if ":" not in w)
    everything = as_json(handbook, plain_words, "--limit", "200", capsys=capsys)
    narrowed = as_json(handbook, words, *options, "--limit", "200", capsys=capsys)
    assert narrowed and len(narrowed) < len(everything)
    assert all(check(r) for r in narrowed)
    assert [r["id"] for r in narrowed] == [r["id"] for r in everything if check(r)]


def test_helix_and_role_filters(handbook, capsys):
    results = as_json(
        handbook,
        "--helix",
        "civil-society",
        "--role",
        "sme-capacity",
        "--limit",
        "100",
        capsys=capsys,
    )
    assert results, "filters alone list the matching practices, by title"
    assert [r["title"].casefold() for r in results] == sorted(
        r["title"].casefold() for r in results
    )
    for r in results:
        text = (handbook / "practices" / f"{r['id']}.md").read_text()
        assert "civil-society" in text.split("---")[1] and "cluster_role: sme-capacity" in text


def test_limit(handbook, capsys):
    assert len(as_json(handbook, "cluster", "--limit", "3", capsys=capsys)) == 3


@pytest.mark.parametrize(
    "args,message",
    [
        (["--country", "XZ", "innovation"], "'XZ' is not a two-letter ISO 3166-1 country code"),
        (["--ecosystem", "space", "innovation"], "unknown industrial ecosystem 'space'"),
        (["--limit", "0", "innovation"], "expected a whole number above 0"),
        ([], "give words to look for, or a filter"),
    ],
)
def test_usage_errors_exit_2(handbook, capsys, args, message):
    with pytest.raises(SystemExit) if args else _no_exit() as exit_info:
        code, _, err = search(handbook, *args, capsys=capsys)
    if args:
        assert exit_info.value.code == 2
        err = capsys.readouterr().err
    else:
        assert code == 2
    assert message in err


class _no_exit:
    def __enter__(self):
        return None

    def __exit__(self, *exc):
        return False


def test_outside_a_handbook_it_says_where_it_looked(tmp_path, capsys):
    code, _, err = search(tmp_path, "hydrogen", capsys=capsys)
    assert code == 2 and f"no handbook in {tmp_path.resolve()}" in err


def test_an_invalid_file_is_left_out_and_named(handbook, capsys):
    path = handbook / "practices" / "green-hydrogen-valley.md"
    path.write_text(path.read_text().replace("country: AT", "country: XZ"))
    code, out, err = search(handbook, "hydrogen", capsys=capsys)
    assert code == 0
    assert "practices/green-hydrogen-valley.md" in err and "left out" in err
    assert "green-hydrogen-valley ·" not in out and "digits-technics-push-recycling" in out


def test_outside_a_checkout_the_installed_handbook_answers(tmp_path, monkeypatch, capsys):
    """No --root and no handbook here: the handbook installed with the package answers
    (for an install in place from a checkout, as `python3 dev.py` makes, that checkout)."""
    monkeypatch.chdir(tmp_path)
    code = main(["search", "hydrogen", "--json"])
    out, err = capsys.readouterr()
    assert code == 0 and "searching the one installed with the package" in err
    assert json.loads(out) and all(hit["id"] for hit in json.loads(out))
