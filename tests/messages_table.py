"""CONTRIBUTING.md's table of messages, made from the messages themselves.

tests/messages_advice.yml names, for each row, a case of tests/cases/ and the line of the
validator's output on it; the row's message is what `handbook validate` prints there
today, so the table cannot drift from the code. `python -m tests.messages_table` writes
it into CONTRIBUTING.md; tests/test_contributing.py fails when the file holds another.
"""

from __future__ import annotations

import contextlib
import io
import sys
import tempfile
from pathlib import Path

import yaml

from site_builder.cli.main import main
from tests.helpers.projects import CASES, PROJECT, make_corpus

GUIDE = PROJECT / "CONTRIBUTING.md"
ADVICE = PROJECT / "tests" / "messages_advice.yml"
HEADING = "## Messages you may see and what to do\n"
TABLE_HEAD = "| Message | What to do |\n| --- | --- |\n"


def messages(case: str, folder: Path) -> list[str]:
    """What `handbook validate` says of the case, without paths and positions."""
    root = make_corpus(folder / case, CASES / case / "input")
    said = io.StringIO()
    with contextlib.redirect_stdout(said):
        main(["--root", str(root), "validate"])
    return [line.split(": error: ", 1)[1] for line in said.getvalue().splitlines()[:-1]]


def table() -> str:
    rows = yaml.safe_load(ADVICE.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as folder:
        said = {row["case"]: messages(row["case"], Path(folder)) for row in rows}
    lines = [
        f"| {said[row['case']][row['line'] - 1].replace('|', '&#124;')} | {row['advice']} |\n"
        for row in rows
    ]
    return TABLE_HEAD + "".join(lines)


def written_table(guide: str) -> str:
    """The table as CONTRIBUTING.md holds it: the first table after the heading."""
    section = guide.split(HEADING, 1)[1]
    start = section.index(TABLE_HEAD)
    end = section.find("\n\n", start)
    return section[start : end + 1 if end >= 0 else None]


def write() -> bool:
    guide = GUIDE.read_text(encoding="utf-8")
    old, new = written_table(guide), table()
    if old != new:
        GUIDE.write_text(guide.replace(old, new, 1), encoding="utf-8")
    return old != new


if __name__ == "__main__":
    print("CONTRIBUTING.md: the table of messages " + ("written" if write() else "was up to date"))
    sys.exit(0)
