"""Formats of a validation result: text for people, JSON for tools, GitHub annotations."""

from __future__ import annotations

import json
from collections.abc import Callable

from site_builder.core.model import Problem


def text(problems: list[Problem], files: int) -> str:
    lines = [f"{p.location}: error: {p.text}" for p in problems]
    if problems:
        bad_files = len({p.location.path for p in problems})
        lines.append(f"{len(problems)} error(s) in {bad_files} of {files} file(s)")
    else:
        lines.append(f"{files} file(s) checked: all valid")
    return "\n".join(lines) + "\n"


def as_json(problems: list[Problem], files: int) -> str:
    return (
        json.dumps(
            {"files": files, "valid": not problems, "problems": [p.as_dict() for p in problems]},
            indent=2,
            ensure_ascii=False,
        )
        + "\n"
    )


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github(problems: list[Problem], files: int) -> str:
    """GitHub Actions workflow commands: each problem annotates its file and line."""
    lines = []
    for p in problems:
        loc = p.location
        props = (
            f"file={_escape_property(loc.path)},line={loc.line},col={loc.col},"
            f"title={_escape_property('Handbook: ' + (p.field or 'content'))}"
        )
        lines.append(f"::error {props}::{_escape_data(p.text)}")
    return (
        "\n".join(
            lines
            + [
                text([], files).strip()
                if not lines
                else f"{len(lines)} problem(s) in {files} file(s)"
            ]
        )
        + "\n"
    )


FORMATS: dict[str, Callable[[list[Problem], int], str]] = {
    "text": text,
    "json": as_json,
    "github": github,
}
