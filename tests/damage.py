"""Damaged content files, for fuzzing the reader and the validator (tests/test_fuzz.py and
benchmarks/fuzz.py share them).

Two kinds of input, as Hypothesis strategies:

- `any_bytes`: bytes of any value, as a file nobody meant to write;
- `damaged_practices`: the handbook's own practice files with one to four kinds of damage
  an editor, an editor's tool or a transfer can do (see DAMAGE): lines deleted, swapped or
  doubled, YAML's special characters typed in, bytes that are not UTF-8, NUL bytes,
  right-to-left marks, a 200,000-character line, Windows or old Mac line ends, and a file
  cut short.

`outcome(root, name, data)` writes one input as `practices/<name>` of a copy of the
handbook, runs `handbook validate` on it as an editor or CI runs it, in this process, and
puts the file back: it returns the exit status and the problems of its JSON report, or
raises what the validator raised (which is what the fuzzing looks for). An undamaged
file is valid there, so each problem is the damage's.
"""

from __future__ import annotations

import contextlib
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from hypothesis import strategies as st

from site_builder.cli import main

PROJECT = Path(__file__).resolve().parent.parent
REAL = sorted((PROJECT / "practices").glob("*.md"))  # the handbook's own, read as bytes
LONG_LINE = 200_000

# What can go into a line: YAML's indicators and quoting, Markdown's, and text that
# matters to the reader (tabs, NUL, a BOM, bidirectional controls).
SPECIAL = [
    ":",
    "- ",
    "? ",
    "#",
    "&a",
    "*a",
    "!!python/object:os.system",
    "!tag",
    "|",
    ">",
    "{",
    "}",
    "[",
    "]",
    ",",
    "%YAML 1.1",
    "@",
    "`",
    '"',
    "'",
    "\\",
    "---",
    "...",
    "<<: *a",
    "~",
    "null",
    "\t",
    "\x00",
    "\ufeff",
    "\u202e",
    "\u200f",
    "\u2066",
    "\u061c",
    "<script>",
    "]]>",
    "\x1b[2J",
]
BIDI = ["\u202e", "\u202d", "\u200f", "\u200e", "\u2066", "\u2067", "\u2068", "\u2069"]


def _lines(data: bytes) -> list[bytes]:
    return data.split(b"\n")


def _join(lines: list[bytes]) -> bytes:
    return b"\n".join(lines)


@st.composite
def _delete_line(draw, data: bytes) -> bytes:
    lines = _lines(data)
    i = draw(st.integers(0, len(lines) - 1))
    return _join(lines[:i] + lines[i + 1 :])


@st.composite
def _swap_lines(draw, data: bytes) -> bytes:
    lines = _lines(data)
    i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
    lines[i], lines[j] = lines[j], lines[i]
    return _join(lines)


@st.composite
def _double_line(draw, data: bytes) -> bytes:
    lines = _lines(data)
    i = draw(st.integers(0, len(lines) - 1))
    return _join(lines[: i + 1] + lines[i:])


@st.composite
def _insert(draw, data: bytes, pieces: st.SearchStrategy[bytes]) -> bytes:
    at = draw(st.integers(0, len(data)))
    return data[:at] + draw(pieces) + data[at:]


def _text(options: list[str]) -> st.SearchStrategy[bytes]:
    return st.lists(st.sampled_from(options), min_size=1, max_size=3).map(
        lambda parts: "".join(parts).encode("utf-8")
    )


@st.composite
def _long_line(draw, data: bytes) -> bytes:
    unit = draw(st.sampled_from([b"a", b"word ", b"\xc3\xa9", b"- ", b"[", b"{a: ", b"*"]))
    line = unit * (LONG_LINE // len(unit))
    lines = _lines(data)
    i = draw(st.integers(0, len(lines)))
    return _join(lines[:i] + [line] + lines[i:])


@st.composite
def _line_ends(draw, data: bytes) -> bytes:
    return data.replace(b"\n", draw(st.sampled_from([b"\r\n", b"\r", b"\n\r"])))


@st.composite
def _truncate(draw, data: bytes) -> bytes:
    return data[: draw(st.integers(0, len(data)))]


DAMAGE: dict[str, Callable[[bytes], st.SearchStrategy[bytes]]] = {
    "delete a line": _delete_line,
    "swap two lines": _swap_lines,
    "double a line": _double_line,
    "type YAML's special characters": lambda d: _insert(d, _text(SPECIAL)),
    "bytes that are not UTF-8": lambda d: _insert(
        d, st.binary(min_size=1, max_size=4).map(lambda b: bytes([0x80 | b[0]]) + b[1:])
    ),
    "a NUL byte": lambda d: _insert(d, st.just(b"\x00")),
    "right-to-left marks": lambda d: _insert(d, _text(BIDI)),
    "a 200,000-character line": _long_line,
    "Windows or old Mac line ends": _line_ends,
    "cut short": _truncate,
}


@st.composite
def damaged_practices(draw, kinds: tuple[str, ...] = tuple(sorted(DAMAGE))) -> tuple[str, bytes]:
    """A real practice file (its name, its bytes) with one to four of the `kinds` of
    damage, applied in turn."""
    real = draw(st.sampled_from(REAL))
    data = real.read_bytes()
    for kind in draw(st.lists(st.sampled_from(kinds), min_size=1, max_size=4)):
        data = draw(DAMAGE[kind](data))
    return real.name, data


any_bytes = st.binary(max_size=8192)


@dataclass(frozen=True)
class Outcome:
    status: int
    problems: list[dict]
    report: str
    data: bytes  # the input, as the file held it while it was checked


def outcome(root: Path, name: str, data: bytes) -> Outcome:
    """`handbook --root <root> validate --format json` with `data` as practices/<name>;
    the file is put back as it was (or removed) afterwards, so inputs do not add up."""
    target = root / "practices" / name
    before = target.read_bytes() if target.exists() else None
    target.write_bytes(data)
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out):
            status = main.main(["--root", str(root), "validate", "--format", "json"])
    finally:
        if before is None:
            target.unlink()
        else:
            target.write_bytes(before)
    report = out.getvalue()
    return Outcome(status, json.loads(report)["problems"], report, data)


def misplaced(root: Path, name: str, found: Outcome) -> list[dict]:
    """The problems that do not name a file of the tree and a line inside it (the line
    after the last counts: a file cut short is missing something there)."""
    wrong = []
    for problem in found.problems:
        path = root / problem.get("path", "")
        line = problem.get("line")
        fuzzed = problem.get("path") == f"practices/{name}"
        if not problem.get("path") or not (fuzzed or path.is_file()) or not isinstance(line, int):
            wrong.append(problem)
            continue
        raw = found.data if fuzzed else path.read_bytes()
        lines = raw.count(b"\n") + raw.count(b"\r") - raw.count(b"\r\n") + 1
        col = problem.get("col")
        if not 1 <= line <= lines + 1 or not isinstance(col, int) or col < 1:
            wrong.append(problem)
    return wrong
