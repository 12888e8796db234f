"""The per-practice artefacts (site_builder/artefacts/store.py): made once per content, kept in
memory and on disk under a hash of their inputs, and never a change to what is built."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from site_builder.artefacts.recipes import code_versions
from site_builder.artefacts.store import FOLDER, ArtefactStore
from site_builder.content.validate import load_handbook
from site_builder.core.facets import facets_for
from site_builder.core.urls import Urls
from site_builder.search import build as search_build
from site_builder.search import shards
from site_builder.search.entries import documents

from .helpers.in_memory import all_pages
from .helpers.projects import BASE_PRACTICE, add_practice, make_corpus

BASE = BASE_PRACTICE  # the mini corpus's practice
KINDS = {"section-html", "section-text", "search-entry"}


def built(root: Path, store: ArtefactStore) -> dict[str, str]:
    """What a build makes of the practices: every generated page and the search index."""
    handbook = load_handbook(root)
    out = {p.src_uri: p.html for p in all_pages(handbook, {}, [], Urls(), artefacts=store)}
    docs = documents(handbook, [], Urls(), store)
    for name, text in search_build.index_files(docs, facets_for(handbook.vocabularies)).items():
        out[f"search/index/{name}"] = text
    return out


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """The base corpus and a second practice of its own text."""
    root = make_corpus(tmp_path / "handbook")
    add_practice(
        root,
        "water-cluster-graz",
        {
            "title: Regional Innovative Network of Veneto": "title: Alpine Water Cluster",
            "country: IT": "country: AT",
            "RIBES-Nest consists of": "The water cluster consists of",
        },
    )
    return root


def cache_of(root: Path) -> Path:
    return root / FOLDER


def stored(root: Path) -> list[Path]:
    return sorted(cache_of(root).rglob("*.json"))


# -- a warm cache changes nothing but the work --------------------------------------------


def test_a_warm_second_build_renders_nothing_and_gives_the_same_bytes(root: Path) -> None:
    without_cache = built(root, ArtefactStore())
    cold = ArtefactStore(cache_of(root))
    assert built(root, cold) == without_cache
    assert cold.computed == dict.fromkeys(KINDS, 2) and cold.rendered == 8
    warm = ArtefactStore(cache_of(root))  # another process: only the disk is shared
    assert built(root, warm) == without_cache
    assert warm.computed == {} and warm.rendered == 0
    assert warm.loaded == {"section-html": 2, "search-entry": 2}


def test_a_rebuild_in_the_same_process_reads_neither_the_disk_nor_renders(root: Path) -> None:
    store = ArtefactStore(cache_of(root))  # as the adapter keeps it under `mkdocs serve`
    first = built(root, store)
    shutil.rmtree(cache_of(root))
    assert built(root, store) == first
    assert store.computed == dict.fromkeys(KINDS, 2) and store.rendered == 8
    assert store.loaded == {} and not cache_of(root).exists()


def test_deleting_the_cache_folder_changes_nothing_but_the_work(root: Path) -> None:
    first = built(root, ArtefactStore(cache_of(root)))
    shutil.rmtree(cache_of(root))
    again = ArtefactStore(cache_of(root))
    assert built(root, again) == first
    assert again.computed == dict.fromkeys(KINDS, 2) and len(stored(root)) == 6


def test_files_are_written_whole_under_their_key_and_no_temporary_file_stays(
    root: Path,
) -> None:
    built(root, ArtefactStore(cache_of(root)))
    assert [p.name for p in cache_of(root).rglob(".*")] == []
    for path in stored(root):
        data = json.loads(path.read_text(encoding="utf-8"))
        assert path.stem == data["key"] and path.parent.name == data["key"][:2]
        assert path.parent.parent.name == data["kind"] in KINDS


# -- a change makes a new key, and only what it touches is made again ------------------------


def test_a_changed_section_rerenders_only_that_practices_sections(root: Path) -> None:
    before = built(root, ArtefactStore(cache_of(root)))
    path = root / "practices/water-cluster-graz.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace("47 companies", "52 companies"), "utf-8"
    )
    store = ArtefactStore(cache_of(root))
    after = built(root, store)
    assert store.rendered == 4  # the one practice's four sections
    assert store.computed == dict.fromkeys(KINDS, 1)
    assert "52 companies" in after["practices/water-cluster-graz.md"]
    assert after[f"practices/{BASE}.md"] == before[f"practices/{BASE}.md"]
    assert len(stored(root)) == 9  # the old keys' files stay; they are never read again


def test_a_changed_vocabulary_label_makes_only_the_search_entries_again(root: Path) -> None:
    before = built(root, ArtefactStore(cache_of(root)))
    vocabularies = root / "schema/vocabularies.yml"
    text = vocabularies.read_text(encoding="utf-8")
    vocabularies.write_text(text.replace("label: Health\n", "label: Health care\n"), "utf-8")
    store = ArtefactStore(cache_of(root))
    after = built(root, store)
    assert store.computed == {"search-entry": 2} and store.rendered == 0
    assert '"Health care"' not in before["search/index/meta.js"]
    assert '"Health care"' in after["search/index/meta.js"]
    assert after == built(root, ArtefactStore())  # the same as made without a cache


def test_a_changed_code_version_makes_everything_again(root: Path) -> None:
    first = built(root, ArtefactStore(cache_of(root)))
    newer = {kind: version + "-next" for kind, version in code_versions().items()}
    store = ArtefactStore(cache_of(root), code=newer)
    assert built(root, store) == first
    assert store.computed == dict.fromkeys(KINDS, 2) and store.loaded == {}
    assert len(stored(root)) == 12


def test_a_key_is_the_same_in_every_process_and_differs_with_each_input() -> None:
    one, two = ArtefactStore(), ArtefactStore()
    assert one.key("section-html", ["text"]) == two.key("section-html", ["text"])
    keys = {
        one.key("section-html", ["text"]),
        one.key("section-html", ["text", ""]),
        one.key("section-html", ["Text"]),
        one.key("section-text", ["text"]),
        ArtefactStore(code={**code_versions(), "section-html": "other"}).key(
            "section-html", ["text"]
        ),
    }
    assert len(keys) == 5
    # and the key of the generated pages (pages.Planned), which is kept in no file
    # and the print fragments' (print_selection.keys), kept like the pages
    assert set(code_versions()) == KINDS | {"page", "pdf-practice", "print-fragment"}
    assert len(set(code_versions().values())) == 6


def test_two_practices_with_the_same_text_share_their_sections_not_their_entries(
    tmp_path: Path,
) -> None:
    root = make_corpus(tmp_path / "handbook")
    add_practice(root, "twin", {"title: Regional Innovative Network of Veneto": "title: Twin"})
    store = ArtefactStore(cache_of(root))
    out = built(root, store)
    assert store.computed == {"section-html": 1, "section-text": 1, "search-entry": 2}

    def heading(src: str) -> str:
        return out[src].split("</h1>")[0]

    assert "Twin" in heading("practices/twin.md") and "Twin" not in heading(f"practices/{BASE}.md")
    docs = [
        d
        for name, text in sorted(out.items())
        if name.startswith("search/index/d")
        for d in shards.unscript(text)["docs"]
    ]
    entries = {d["id"]: (d["title"], d["location"]) for d in docs if d["type"] == "practice"}
    assert entries == {
        BASE: ("Regional Innovative Network of Veneto", f"practices/{BASE}.html"),
        "twin": ("Twin", "practices/twin.html"),
    }


# -- a damaged cache is made again, never an error -------------------------------------------


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"{not json",
        b"\xff\xfe\x00garbage",
        b'{"format": "handbook-artefacts/1", "kind": "section-html", "key": "other", "value": []}',
        b"[1, 2, 3]",
        "value-of-the-wrong-shape",
        "directory",
    ],
)
def test_a_corrupt_cache_file_is_ignored_and_replaced(root: Path, damage) -> None:
    first = built(root, ArtefactStore(cache_of(root)))
    for path in stored(root):
        if damage == "value-of-the-wrong-shape":
            data = json.loads(path.read_text(encoding="utf-8"))
            data["value"] = {"sections": 1} if data["kind"] == "search-entry" else ["one"]
            path.write_text(json.dumps(data), encoding="utf-8")
        elif damage == "directory":  # unreadable, and cannot be replaced either
            path.unlink()
            path.mkdir()
        else:
            path.write_bytes(damage)
    store = ArtefactStore(cache_of(root))
    assert built(root, store) == first
    assert store.computed == dict.fromkeys(KINDS, 2) and store.loaded == {}
    if damage != "directory":  # replaced: the next build reads them
        again = ArtefactStore(cache_of(root))
        assert built(root, again) == first and again.computed == {}


def test_an_unwritable_cache_folder_is_no_error(root: Path) -> None:
    cache_of(root).parent.mkdir(parents=True)
    cache_of(root).write_text("a file where the folder would be", encoding="utf-8")
    store = ArtefactStore(cache_of(root))
    assert built(root, store) == built(root, ArtefactStore())
    assert store.computed == dict.fromkeys(KINDS, 2)


# -- the adapter keeps one store for the life of the process ---------------------------------


def test_the_adapter_keeps_its_store_across_serve_rebuilds(root: Path, monkeypatch) -> None:
    from mkdocs.config import load_config

    from site_builder.adapter.events import Adapter

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    (root / "docs").mkdir()
    adapter = Adapter()
    adapter.on_startup("serve")
    adapter.on_config(load_config(str(root / "mkdocs.yml")))
    store = adapter.pipeline.artefacts
    assert store is not None and store.folder == root / ".handbook-cache" / "artefacts"
    adapter.on_config(load_config(str(root / "mkdocs.yml")))
    assert adapter.pipeline.artefacts is store
    adapter.on_shutdown()
