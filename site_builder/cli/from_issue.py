"""`handbook from-issue`: a practice file from the body of the practice issue form."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from site_builder.content import report
from site_builder.core.model import ContentError
from site_builder.editors.scaffold import DEFAULT_SOURCE


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add `handbook from-issue` to the command line."""
    p = subparsers.add_parser(
        "from-issue",
        help="turn a practice issue form into a practice file",
        description="Read the Markdown body of an issue made with the practice issue form "
        "(for example `gh issue view 12 --json body --jq .body`), write practices/<id>.md "
        "and validate it.",
    )
    p.add_argument(
        "file", metavar="FILE", help="the issue's body as Markdown; - reads standard input"
    )
    p.add_argument(
        "--output-dir",
        type=Path,
        help="the folder to write the practice to (default: practices/ of the handbook)",
    )
    p.add_argument(
        "--source",
        metavar="KEY",
        help=f"the source key when the form gives none (default: {DEFAULT_SOURCE})",
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from site_builder.editors.from_issue import make_practice  # only when it runs

    body = _read(args.file)
    if body is None:
        return 2
    root = args.root
    try:
        made = make_practice(
            body,
            root,
            args.file,
            args.source or DEFAULT_SOURCE,
            args.output_dir or root / "practices",
        )
    except ContentError as error:
        sys.stdout.write(report.text(error.problems, 0))
        return 1
    except FileExistsError as exists:
        print(f"handbook from-issue: {exists} already exists", file=sys.stderr)
        return 1
    sys.stdout.write(report.text(made.problems, 1))
    if made.target is None:
        print("No practice file written: correct the answers above in the issue.")
        return 1
    print(f"Created {made.target}")
    return 0


def _read(name: str) -> str | None:
    if name == "-":
        return sys.stdin.read()
    path = Path(name)
    if not path.is_file():
        print(f"handbook from-issue: no such file: {name}", file=sys.stderr)
        return None
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        print(f"handbook from-issue: cannot read {name}: {exc}", file=sys.stderr)
        return None
