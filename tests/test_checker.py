"""validate.Checker: checking a tree again after edits gives what a fresh check() gives,
and costs what changed.

Each sequence of edits is applied, step by step, to a copy of the handbook's own content;
after every step one long-lived Checker checks the tree again, and its Result (documents,
their problems, the sources, the vocabularies) and the model made from it must equal
those of a fresh check(root). The files the step left alone keep their Document, and the
model made from them its Practice, the very same objects.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from site_builder.content import vocab_file
from site_builder.content.load import parse_document, read_file
from site_builder.content.records import model_from
from site_builder.content.rules import check_document
from site_builder.content.validate import Checker, Result, check
from site_builder.core import vocab
from site_builder.core.model import ContentError

from .helpers.projects import PROJECT

HOUR_AGO_NS = time.time_ns() - 3600 * 10**9
REC = "recommendations/clusterix-2014-cross-fertilisation-platforms.md"
PLANT = "practices/plant-intercluster.md"
MEDIC = "practices/medic-nest-model-sustainable-cluster-collaboration.md"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """The handbook's content, last modified an hour ago (so its stat signatures are
    trusted, as for files an editor did not just save)."""
    target = tmp_path / "handbook"
    for name in ("practices", "recommendations"):
        shutil.copytree(PROJECT / name, target / name)
    (target / "schema").mkdir()
    shutil.copy2(PROJECT / vocab.FILE, target / vocab.FILE)
    shutil.copy2(PROJECT / "sources.yml", target / "sources.yml")
    for path in target.rglob("*"):
        os.utime(path, ns=(HOUR_AGO_NS, HOUR_AGO_NS))
    return target


# -- edits: each takes the root and changes the tree as an editor would ----------------


def replace(name: str, old: str, new: str) -> Callable[[Path], None]:
    def edit(root: Path) -> None:
        path = root / name
        text = path.read_text(encoding="utf-8")
        assert old in text, (name, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    edit.__name__ = f"replace {old!r} by {new!r} in {name}"
    return edit


def rename(old: str, new: str) -> Callable[[Path], None]:
    def edit(root: Path) -> None:
        (root / old).rename(root / new)

    return edit


def delete(name: str) -> Callable[[Path], None]:
    def edit(root: Path) -> None:
        (root / name).unlink()

    return edit


def write(name: str, text: str) -> Callable[[Path], None]:
    def edit(root: Path) -> None:
        (root / name).write_text(text, encoding="utf-8")

    return edit


def copy(old: str, new: str) -> Callable[[Path], None]:
    def edit(root: Path) -> None:
        shutil.copyfile(root / old, root / new)

    return edit


def touch(name: str) -> Callable[[Path], None]:
    def edit(root: Path) -> None:
        os.utime(root / name)

    return edit


NEW_PRACTICE = (
    (PROJECT / PLANT)
    .read_text(encoding="utf-8")
    .replace("id: plant-intercluster", "id: new-practice")
)

SEQUENCES: dict[str, list[Callable[[Path], None]]] = {
    "edit the text": [
        replace(PLANT, "Nowadays, agriculture", "Today, agriculture"),
        replace(PLANT, "## Challenges", "## Challenges\n\nA new paragraph.\n"),
    ],
    "change the title": [replace(PLANT, "title: The Plant Intercluster", "title: Plants")],
    "change the country, same size": [
        replace(PLANT, "country: FR", "country: NO"),
        replace(PLANT, "country: NO", "country: XX"),
        replace(PLANT, "country: XX", "country: FR"),
    ],
    "change the id, then back": [
        replace(PLANT, "id: plant-intercluster", "id: plant-intercluster-2"),
        replace(PLANT, "id: plant-intercluster-2", "id: plant-intercluster"),
    ],
    "make a file invalid, then fix it": [
        replace(PLANT, "helix: [industry]", "helix: [industry"),
        replace(PLANT, "helix: [industry", "helix: [industry, nobody]"),
        replace(PLANT, "helix: [industry, nobody]", "helix: [industry]"),
        replace(PLANT, "## Results", "## Results\n\n<script>alert(1)</script>"),
        replace(PLANT, "<script>alert(1)</script>", "Fine."),
    ],
    "add a practice, cite it, delete it": [
        write("practices/new-practice.md", NEW_PRACTICE),
        replace(
            REC, "practices: [plant-intercluster,", "practices: [new-practice, plant-intercluster,"
        ),
        delete("practices/new-practice.md"),
        replace(
            REC, "practices: [new-practice, plant-intercluster,", "practices: [plant-intercluster,"
        ),
    ],
    "delete a cited practice": [delete(PLANT)],
    "rename a practice, then its id": [
        rename(PLANT, "practices/plant-intercluster-network.md"),
        replace(
            "practices/plant-intercluster-network.md",
            "id: plant-intercluster",
            "id: plant-intercluster-network",
        ),
        replace(REC, "practices: [plant-intercluster,", "practices: [plant-intercluster-network,"),
    ],
    "change a recommendation's cited practice": [
        replace(REC, "plant-intercluster,", "plant-intercluser,"),
        replace(REC, "plant-intercluser,", "a-practice-nobody-wrote,"),
        replace(REC, "a-practice-nobody-wrote,", "plant-intercluster,"),
    ],
    "two files with one id": [
        copy(PLANT, "practices/plant-intercluster-copy.md"),
        delete(PLANT),
        delete("practices/plant-intercluster-copy.md"),
    ],
    "change sources.yml": [
        replace("sources.yml", "clusterix-2018:", "clusterix-2019:"),
        replace("sources.yml", "clusterix-2019:", "clusterix-2018:"),
        write("sources.yml", "just: [text"),
        delete("sources.yml"),
    ],
    "change the vocabularies": [
        replace(vocab.FILE, "label: Agri-food", "label: Agriculture and food"),
        replace(vocab.FILE, "    agri-food:\n", "    agrifood:\n"),
        replace(vocab.FILE, "    agrifood:\n", "    agri-food:\n"),
    ],
    "touch files without changing them": [
        touch(PLANT),
        touch(REC),
        replace(MEDIC, "id: ", "id: "),
    ],
    "stray files": [
        write("practices/notes.txt", "to do"),
        write("practices/.draft.md", "---\nid: x\n---\n"),
        delete("practices/notes.txt"),
    ],
    "bytes an editor's text editor may write": [
        write(PLANT, ""),
        replace(PLANT, "", "\ufeff"),
        write(PLANT, (PROJECT / PLANT).read_text(encoding="utf-8").replace("\n", "\r\n")),
    ],
}


def same(result: Result, fresh: Result) -> None:
    assert [str(p.location) + " " + p.text for p in result.problems] == [
        str(p.location) + " " + p.text for p in fresh.problems
    ]
    assert [(d.path, d.data) for d in result.documents] == [
        (d.path, d.data) for d in fresh.documents
    ]
    assert result == fresh  # and every document's own problems, lines, sections
    assert model_from(result, skip_invalid=True) == model_from(fresh, skip_invalid=True)


@pytest.mark.parametrize("name", sorted(SEQUENCES))
def test_checking_again_after_each_edit_gives_what_a_fresh_check_gives(
    root: Path, name: str
) -> None:
    checker = Checker(root)
    before = checker.check()
    same(before, check(root))
    for edit in SEQUENCES[name]:
        edit(root)
        result = checker.check()
        same(result, check(root))
        kept = {d.path: d for d in before.documents}
        for doc in result.documents:
            if doc.path in kept and doc == kept[doc.path]:
                assert doc is kept[doc.path], f"{doc.path} was read again"
        before = result


def test_an_unchanged_file_keeps_its_document_and_is_not_read(root: Path) -> None:
    checker = Checker(root)
    first = checker.check()
    assert checker.read == len(first.documents) > 70
    replace(PLANT, "Nowadays", "Today")(root)
    second = checker.check()
    assert checker.read == 1
    changed = [(a, b) for a, b in zip(first.documents, second.documents, strict=True) if a is not b]
    assert [b.path for _, b in changed] == [PLANT]
    assert checker.check().documents == second.documents and checker.read == 0


def test_a_change_within_one_tick_of_the_clock_is_seen_by_its_bytes(root: Path) -> None:
    """Same size, same modification time, same inode: only the bytes tell."""
    path = root / PLANT
    checker = Checker(root)
    path.write_text(path.read_text(encoding="utf-8").replace("FR", "NO", 1), encoding="utf-8")
    stamp = path.stat().st_mtime_ns
    checker.check()
    path.write_text(path.read_text(encoding="utf-8").replace("NO", "XX", 1), encoding="utf-8")
    os.utime(path, ns=(stamp, stamp))
    assert checker.check() == check(root)
    assert any("XX" in p.text for p in check(root).problems)


def test_a_file_read_again_with_the_same_bytes_keeps_its_document(root: Path) -> None:
    checker = Checker(root)
    first = checker.check()
    touch(PLANT)(root)
    second = checker.check()
    assert checker.read == 0
    assert [a is b for a, b in zip(first.documents, second.documents, strict=True)] == [True] * len(
        first.documents
    )


def test_the_model_of_unchanged_documents_is_made_once(root: Path) -> None:
    checker = Checker(root)
    one = model_from(checker.check())
    replace(PLANT, "Nowadays", "Today")(root)
    two = model_from(checker.check())
    kept = {p.id: p for p in one.practices}
    made_again = [p.id for p in two.practices if p is not kept[p.id]]
    assert made_again == ["plant-intercluster"]
    assert two.practice("plant-intercluster").section("challenges").markdown.startswith("Today")
    recommendations = {r.id: r for r in one.recommendations}
    assert all(r is recommendations[r.id] for r in two.recommendations)


def test_the_model_is_made_again_when_the_vocabularies_change(root: Path) -> None:
    checker = Checker(root)
    one = model_from(checker.check())
    replace(vocab.FILE, "label: Agri-food", "label: Agriculture and food")(root)
    result = checker.check()
    two = model_from(result)
    assert two.vocabularies.ecosystems.label("agri-food") == "Agriculture and food"
    assert not {id(p) for p in one.practices} & {id(p) for p in two.practices}


def test_a_recommendation_is_made_again_when_a_practice_it_cites_leaves_the_model(
    root: Path,
) -> None:
    """An invalid practice is left out of the model (skip_invalid), and so out of the
    practices that the recommendations citing it list, though its file is unchanged."""
    rec = REC.removeprefix("recommendations/").removesuffix(".md")
    medic = MEDIC.removeprefix("practices/").removesuffix(".md")
    checker = Checker(root)
    one = model_from(checker.check(), skip_invalid=True)
    replace(MEDIC, "country: ", "country: XX")(root)
    two = model_from(checker.check(), skip_invalid=True)
    before, after = (next(r for r in h.recommendations if r.id == rec) for h in (one, two))
    assert medic in before.practices and medic not in after.practices
    assert two == model_from(check(root), skip_invalid=True)


def test_without_vocabularies_it_stops_as_check_does_and_goes_on_when_they_are_back(
    root: Path,
) -> None:
    checker = Checker(root)
    first = checker.check()
    saved = (root / vocab.FILE).read_bytes()
    (root / vocab.FILE).unlink()
    with pytest.raises(ContentError):
        checker.check()
    (root / vocab.FILE).write_bytes(saved)
    assert checker.check() == first


def test_named_files_are_checked_against_the_whole_tree(root: Path) -> None:
    checker = Checker(root, [root / REC])
    assert [d.path for d in checker.check().documents] == [REC]
    delete(PLANT)(root)
    result = checker.check()
    assert result == check(root, [root / REC])
    assert [p.message for p in result.problems] == ["no practice has the id `plant-intercluster`"]


def test_a_document_is_never_changed_checking_it_makes_a_new_one(root: Path) -> None:
    """Data flows one way: the rules return a new document, the one read stays as read."""
    path = root / PLANT
    path.write_text(path.read_text(encoding="utf-8").replace("FR", "XX", 1), encoding="utf-8")
    read = parse_document(read_file(path), PLANT, "practice", path.stem)
    before = dataclasses.replace(read)
    checked = check_document(read, vocab_file.load(root))
    assert read == before and read.blocks is None and not read.problems
    assert checked is not read and checked.blocks and checked.data == read.data
    assert [p.message for p in checked.problems] == ["`XX` is not an ISO 3166-1 country code"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        read.body = ""  # type: ignore[misc]
