"""Byte-level bad input: what an editor's text editor may do to a file."""

from __future__ import annotations

import json
import tracemalloc
from pathlib import Path

import pytest
import yaml

from site_builder.content import frontmatter
from site_builder.content.validate import check, load_handbook

from .helpers.in_memory import read_document
from .helpers.projects import CASES

GOOD = (CASES / "_base/practices/ribes-nest-veneto.md").read_bytes()
NAME = "practices/ribes-nest-veneto.md"


def messages(corpus: Path, content: bytes) -> list[str]:
    (corpus / NAME).write_bytes(content)
    return [f"{p.location}: {p.text}" for p in check(corpus).problems]


@pytest.mark.parametrize(
    "content, expected",
    [
        (
            b"",
            f"{NAME}:1:1: the file is empty (start from `handbook new` or the example in "
            "CONTRIBUTING.md)",
        ),
        (
            b"\n  \n",
            f"{NAME}:1:1: the file is empty (start from `handbook new` or the example "
            "in CONTRIBUTING.md)",
        ),
        (
            b"\xef\xbb\xbf" + GOOD,
            f"{NAME}:1:1: the file starts with a byte-order mark (BOM) "
            "(save it as UTF-8 without BOM)",
        ),
        (
            GOOD.replace(b"Veneto.", b"V\xe9neto."),
            f"{NAME}:22:86: the file is not valid UTF-8 "
            "(byte 0xe9) (save it with the UTF-8 encoding)",
        ),
    ],
    ids=["empty", "blank", "byte-order-mark", "latin-1-byte"],
)
def test_byte_problems_name_file_and_line(corpus: Path, content: bytes, expected: str) -> None:
    assert messages(corpus, content) == [expected]


def test_windows_line_endings_are_accepted(corpus: Path) -> None:
    assert messages(corpus, GOOD.replace(b"\n", b"\r\n")) == []


def test_a_file_over_one_megabyte_is_refused_unread(corpus: Path) -> None:
    big = GOOD + b"\nfiller " * 150_000
    assert messages(corpus, big) == [
        f"{NAME}:1:1: the file is {len(big):,} bytes; the limit is 1 MB (split it or remove "
        "embedded data)"
    ]


def test_country_no_means_norway(corpus: Path) -> None:
    (corpus / NAME).write_bytes(GOOD.replace(b"country: IT", b"country: NO"))
    handbook = load_handbook(corpus)
    assert handbook.practice("ribes-nest-veneto").country == "NO"


def test_billion_laughs_is_refused_in_bounded_memory(tmp_path: Path) -> None:
    levels = ['a: &a ["' + "lol" * 100 + '"' + ', "lol"' * 9 + "]"]
    for i in range(1, 12):
        name, prev = chr(97 + i), chr(96 + i)
        levels.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 10) + "]")
    path = tmp_path / "practices" / "bomb.md"
    path.parent.mkdir()
    path.write_text("---\n" + "\n".join(levels) + "\n---\n## Challenges\n\nx\n")
    tracemalloc.start()
    doc = read_document(path, "practice")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert [p.message for p in doc.problems] == [
        "YAML anchors and aliases (`&name`, `*name`) are not allowed"
    ]
    assert doc.data is None
    assert peak < 5_000_000  # fully expanded it would be 10**11 strings


def test_every_file_is_read_even_after_a_broken_one(corpus: Path) -> None:
    (corpus / "practices/aaa-broken.md").write_bytes(b"no front matter")
    (corpus / "practices/zzz-broken.md").write_bytes(b"---\nid: [\n---\n")
    paths = {p.location.path for p in check(corpus).problems}
    assert paths == {"practices/aaa-broken.md", "practices/zzz-broken.md"}


def test_valid_base_corpus_loads_into_the_model(corpus: Path) -> None:
    handbook = load_handbook(corpus)
    practice = handbook.practice("ribes-nest-veneto")
    assert [s.heading for s in practice.sections] == [
        "Challenges",
        "Stakeholders",
        "Actions",
        "Results",
    ]
    assert practice.period.start == "2016"
    assert practice.contacts[0].email == "maria.rossi@example.org"
    assert handbook.citing("ribes-nest-veneto")[0].points[1].startswith("To provide")
    assert json.dumps(practice.helix) == '["industry", "academia", "government"]'


@pytest.mark.parametrize(
    "content",
    [
        GOOD.replace(b"## Stakeholders", b"values " + b"<" * 400_000 + b"\n\n## Stakeholders"),
        GOOD.replace(b"## Stakeholders", b"values <5% and <10% " * 20_000 + b"\n\n## Stakeholders"),
        GOOD.replace(b"## Stakeholders", b"`a" * 200_000 + b"\n\n## Stakeholders"),
    ],
    ids=["angle-brackets", "less-than-figures", "backticks"],
)
def test_a_long_line_under_the_size_limit_is_checked_in_linear_time(corpus, content) -> None:
    """A line of many `<` once took the event-handler check hours (quadratic search)."""
    assert len(content) < 1_000_000
    assert messages(corpus, content) == []


def test_nesting_deeper_than_the_parser_can_follow_is_refused(corpus: Path) -> None:
    deep = b"[" * 20_000 + b"Veneto" + b"]" * 20_000
    found = messages(corpus, GOOD.replace(b"region: Veneto", b"region: " + deep))
    assert len(found) == 1 and found[0].startswith(f"{NAME}:")
    assert "nested more than 8 levels deep" in found[0]


@pytest.mark.parametrize("loader", ["CSafeLoader", "SafeLoader"], ids=["libyaml", "pure-python"])
def test_nesting_past_the_library_s_limits_gets_our_message_whatever_the_library_says(
    monkeypatch, loader: str
) -> None:
    """Without our own scan, libyaml refuses such nesting itself (since PyYAML 6.0.4, with
    "exceeded maximum nesting depth"; before, it composed it), and the pure-Python composer
    overflows the stack: our one message all the same."""
    if not hasattr(yaml, loader):
        pytest.skip("PyYAML was built without libyaml")
    monkeypatch.setattr(frontmatter, "_PARSER_SAFE", 10**9)  # the scan sees nothing
    monkeypatch.setattr(frontmatter, "_Loader", getattr(yaml, loader))
    deep = "[" * 20_000 + "Veneto" + "]" * 20_000
    parsed = frontmatter.parse(f"id: x\nregion: {deep}\n", first_line=2)
    assert parsed.data is None
    assert [(line, message) for line, _, message, _ in parsed.errors] == [
        (3 if loader == "CSafeLoader" else 2, "values are nested more than 8 levels deep")
    ]
