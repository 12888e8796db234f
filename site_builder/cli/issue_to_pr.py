"""`handbook issue-to-pr`: in GitHub Actions, the practice issue form's answers as a pull
request (editors/issue_pr.py), the event and the repository read from the environment."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from site_builder.core.model import ContentError
from site_builder.editors import issue_pr


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "issue-to-pr",
        help="in GitHub Actions: the practice issue form's answers as a pull request",
        description="Read the issue event at GITHUB_EVENT_PATH; open or update the pull "
        "request with the practice its answers make, or tell the problems on the issue.",
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    missing = [
        name
        for name in ("GITHUB_EVENT_PATH", "GITHUB_REPOSITORY", "GITHUB_TOKEN")
        if not os.environ.get(name)
    ]
    if missing:
        print(
            f"handbook issue-to-pr: {', '.join(missing)} not set (it runs in GitHub Actions)",
            file=sys.stderr,
        )
        return 2
    try:
        event = json.loads(Path(os.environ["GITHUB_EVENT_PATH"]).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        print(f"handbook issue-to-pr: cannot read the event: {error}", file=sys.stderr)
        return 2
    github = issue_pr.GitHub(
        os.environ.get("GITHUB_API_URL", "https://api.github.com"),
        os.environ["GITHUB_REPOSITORY"],
        os.environ["GITHUB_TOKEN"],
    )
    try:
        print(issue_pr.run(event, args.root, github))
    except ContentError as error:
        print(f"handbook issue-to-pr: the handbook cannot be read: {error}", file=sys.stderr)
        return 1
    except issue_pr.GitHubError as error:
        print(f"handbook issue-to-pr: GitHub refused: {error}", file=sys.stderr)
        return 1
    return 0
