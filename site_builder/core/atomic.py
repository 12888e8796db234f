"""Files replaced whole: written beside their place, then moved into it (os.replace), so
a reader sees the old file or the new one, never half of one."""

from __future__ import annotations

import os
import time
from contextlib import suppress
from pathlib import Path


def write_text(path: Path, text: str) -> None:
    """`text` as the file at `path` (its folder made if need be); OSError as it comes,
    with no temporary file left behind."""
    write_bytes(path, text.encode("utf-8"))


def write_bytes(path: Path, data: bytes) -> None:
    """`data` as the file at `path`, as write_text."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{time.time_ns()}.tmp")
    try:
        temporary.write_bytes(data)
        os.replace(temporary, path)
    except OSError:
        with suppress(OSError):
            temporary.unlink(missing_ok=True)
        raise


def write_folder(folder: Path, made: dict[str, str]) -> None:
    """`made` (file name -> text) as the files of `folder`, each replaced whole, and no
    other file left there. A file whose text is already that is not written again."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in made.items():
        path = folder / name
        with suppress(OSError, UnicodeDecodeError):
            if path.stat().st_size == len(text.encode()) and path.read_text("utf-8") == text:
                continue
        write_text(path, text)
    for old in folder.iterdir():
        if old.name not in made and old.is_file():
            old.unlink(missing_ok=True)
