"""`handbook validate` remembers the files it found valid (.handbook-cache/validate/):
a second run tells exactly what the first told, and parses only what changed."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from site_builder.artefacts import validcache
from site_builder.cli.main import main
from site_builder.content.validate import check
from site_builder.core import vocab

from .helpers.projects import CASE_NAMES, CASES, make_corpus

CACHE = validcache.FOLDER / validcache.FILE
PRACTICE = "practices/ribes-nest-veneto.md"
RECOMMENDATION = "recommendations/monitoring-evaluation.md"


def told(root: Path) -> list[str]:
    return [f"{p.location}: {p.text}" for p in validcache.validate(root).problems]


def fresh(root: Path) -> list[str]:
    return [f"{p.location}: {p.text}" for p in check(root).problems]


@pytest.mark.parametrize("name", CASE_NAMES)
def test_a_second_run_tells_what_the_first_told(name: str, tmp_path: Path, capsys) -> None:
    root = make_corpus(tmp_path / name, CASES / name / "input")
    outputs = []
    for _ in range(2):
        status = main(["--root", str(root), "validate"])
        outputs.append((status, capsys.readouterr().out))
    assert outputs[0] == outputs[1]
    expected = (CASES / name / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert outputs[1][1].splitlines()[:-1] == expected


def test_the_second_run_knows_every_valid_file_and_no_other(corpus: Path) -> None:
    first = validcache.validate(corpus)
    assert first.known == 0 and first.files == 2 and not first.problems
    assert validcache.validate(corpus).known == 2
    text = (corpus / PRACTICE).read_text(encoding="utf-8")
    (corpus / PRACTICE).write_text(text.replace("country: IT", "country: XX"), encoding="utf-8")
    third = validcache.validate(corpus)
    assert third.known == 1 and told(corpus) == fresh(corpus) != []
    stored = json.loads((corpus / CACHE).read_text(encoding="utf-8"))
    assert [name.split()[0] for name in stored["files"]] == ["recommendation"]


def test_the_rules_between_files_run_on_files_known_valid(corpus: Path) -> None:
    validcache.validate(corpus)
    shutil.copyfile(corpus / PRACTICE, corpus / "practices/ribes-nest-veneto-copy.md")
    assert validcache.validate(corpus).known == 3  # the copy has the same bytes
    assert told(corpus) == fresh(corpus)
    assert any("does not match the file name" in line for line in told(corpus))
    (corpus / "practices/ribes-nest-veneto-copy.md").unlink()
    (corpus / PRACTICE).rename(corpus / "practices/elsewhere.md")
    assert told(corpus) == fresh(corpus)
    assert any("the file name `elsewhere.md`" in line for line in told(corpus))
    (corpus / "practices/elsewhere.md").unlink()
    assert told(corpus) == fresh(corpus)
    assert any("no practice has the id `ribes-nest-veneto`" in line for line in told(corpus))


def test_the_sources_register_is_read_every_run(corpus: Path) -> None:
    validcache.validate(corpus)
    sources = (corpus / "sources.yml").read_text(encoding="utf-8")
    (corpus / "sources.yml").write_text(sources.replace("eca-2025:", "eca-2026:"), "utf-8")
    assert validcache.validate(corpus).known == 2
    assert told(corpus) == fresh(corpus)
    assert any("unknown source `eca-2025`" in line for line in told(corpus))


def test_other_vocabularies_make_another_key(corpus: Path) -> None:
    validcache.validate(corpus)
    path = corpus / vocab.FILE
    path.write_text(path.read_text(encoding="utf-8").replace("label: Agri-food", "label: Food"))
    assert validcache.validate(corpus).known == 0
    assert validcache.validate(corpus).known == 2


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: "",
        lambda text: text[: len(text) // 2],
        lambda text: "[1, 2]",
        lambda text: text.replace(validcache.FORMAT, "handbook-validate/0"),
        lambda text: json.dumps({**json.loads(text), "key": "another"}),
        lambda text: json.dumps(
            {**json.loads(text), "files": {k: {"data": 1} for k in json.loads(text)["files"]}}
        ),
        lambda text: json.dumps(
            {
                **json.loads(text),
                "files": {
                    k: {"data": {"id": ["x"]}, "at": [[["id"], "a", None]]}
                    for k in json.loads(text)["files"]
                },
            }
        ),
    ],
    ids=["empty", "cut", "a list", "other format", "other key", "bad entry", "bad types"],
)
def test_a_damaged_cache_is_ignored_and_written_anew(corpus: Path, damage) -> None:
    validcache.validate(corpus)
    path = corpus / CACHE
    path.write_text(damage(path.read_text(encoding="utf-8")), encoding="utf-8")
    assert validcache.validate(corpus).known == 0
    assert told(corpus) == fresh(corpus) == []
    assert validcache.validate(corpus).known == 2


def test_an_unwritable_cache_is_no_error(corpus: Path) -> None:
    (corpus / ".handbook-cache").write_text("a file where the folder would be")
    assert validcache.validate(corpus).problems == []
    assert validcache.validate(corpus).known == 0


def test_named_files_are_remembered_with_the_others(corpus: Path) -> None:
    validcache.validate(corpus, [corpus / PRACTICE])
    validcache.validate(corpus, [corpus / RECOMMENDATION])
    assert validcache.validate(corpus).known == 2


def test_the_cache_is_json_data_under_the_project_s_cache_folder(corpus: Path) -> None:
    validcache.validate(corpus)
    stored = json.loads((corpus / CACHE).read_text(encoding="utf-8"))
    assert set(stored) == {"format", "key", "files"}
    entry = stored["files"][next(k for k in stored["files"] if k.startswith("recommendation"))]
    assert entry["data"] == {
        "id": "monitoring-evaluation",
        "number": "3.1",
        "source": "clusterix-2018",
        "practices": ["ribes-nest-veneto"],
    }
    assert ".handbook-cache/" in (Path(__file__).parent.parent / ".gitignore").read_text()
