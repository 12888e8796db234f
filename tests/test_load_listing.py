"""Which files are read and which are strays, however odd the folder: what `glob("*.md")`
and `rglob("*")` found before the listing was made with scandir."""

from __future__ import annotations

import os
from pathlib import Path

from site_builder.content.load import content_files, practice_stems, stray_files
from tests.helpers.in_memory import read_document


def odd_tree(root: Path) -> Path:
    for folder in (
        "practices/sub/deeper",
        "practices/.hidden",
        "practices/dir.md",
        "recommendations",
    ):
        (root / folder).mkdir(parents=True)
    for name in (
        "practices/a.md",
        "practices/b.MD",
        "practices/c.txt",
        "practices/noext",
        "practices/.gitkeep",
        "practices/..md",
        "practices/x..md",
        "practices/dot.",
        "practices/sub/s.md",
        "practices/sub/deeper/d.txt",
        "practices/.hidden/h.txt",
        "recommendations/r.md",
        "recommendations/r.yml",
    ):
        (root / name).touch()
    os.symlink("sub", root / "practices/linkdir")
    os.symlink("nowhere.md", root / "practices/broken.md")
    return root


def test_strays_are_what_rglob_would_find(tmp_path: Path) -> None:
    root = odd_tree(tmp_path)
    assert [f"{p.location}: {p.message}" for p in stray_files(root)] == [
        "practices/b.MD:1:1: this file is not read: its name ends in `.MD`, not `.md`",
        "practices/c.txt:1:1: this file is not read: its name ends in `.txt`, not `.md`",
        "practices/dot.:1:1: this file is not read: its name ends in `dot.`, not `.md`",
        "practices/noext:1:1: this file is not read: its name ends in `noext`, not `.md`",
        "practices/sub/deeper/d.txt:1:1: this file is not read: it is in a subfolder",
        "practices/sub/s.md:1:1: this file is not read: it is in a subfolder",
        "recommendations/r.yml:1:1: this file is not read: its name ends in `.yml`, not `.md`",
    ]


def test_content_files_are_what_glob_would_find(tmp_path: Path) -> None:
    root = odd_tree(tmp_path)
    found = [(path.relative_to(root).as_posix(), kind) for path, kind in content_files(root)]
    assert found == [
        ("practices/..md", "practice"),
        ("practices/a.md", "practice"),
        ("practices/broken.md", "practice"),
        ("practices/dir.md", "practice"),
        ("practices/x..md", "practice"),
        ("recommendations/r.md", "recommendation"),
    ]
    assert practice_stems(root) == {".", "a", "broken", "dir", "x."}
    named = content_files(
        root, [root / "practices", root / "practices/a.md", root / "practices/sub"]
    )
    assert [p.relative_to(root).as_posix() for p, _ in named].count("practices/a.md") == 1
    assert "practices/sub/s.md" in [p.relative_to(root).as_posix() for p, _ in named]


def test_files_that_cannot_be_read_say_why(tmp_path: Path) -> None:
    root = odd_tree(tmp_path)
    told = {
        name: [p.message for p in read_document(root / name, "practice", root).problems]
        for name in ("practices/dir.md", "practices/broken.md", "practices/a.md")
    }
    assert told == {
        "practices/dir.md": ["the file cannot be read: Is a directory"],
        "practices/broken.md": ["the file cannot be read: No such file or directory"],
        "practices/a.md": ["the file is empty"],
    }
