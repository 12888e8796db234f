"""Golden output of the base mini corpus: page HTML and open data, compared as committed.

A change to templates, rendering or exports shows here as a readable diff.
After checking the diff, regenerate with:
    HANDBOOK_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden.py
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from site_builder.adapter.files import page_source
from site_builder.content.validate import load_handbook
from site_builder.core.urls import Urls
from site_builder.outputs import exports
from tests.helpers.in_memory import all_pages

GOLDEN = Path(__file__).parent / "golden"


def normalise(html: str) -> str:
    """One tag or text run per line, so diffs are readable and whitespace does not matter."""
    html = re.sub(r">\s+<", "><", html.strip())
    return re.sub(r"(<(?:h[1-6]|p|li|dt|dd|tr|section|ul|ol|table|div)\b)", r"\n\1", html) + "\n"


def outputs(corpus: Path) -> dict[str, str]:
    handbook = load_handbook(corpus)
    by_uri = {p.src_uri: p for p in all_pages(handbook, {}, [], Urls())}
    practice = by_uri["practices/ribes-nest-veneto.md"]
    return {
        "practice.html": normalise(practice.html),
        "practice.md": page_source(practice),  # what MkDocs reads: title, settings
        "practice-head.html": practice.head,  # citation tags and JSON-LD, in the <head>
        "practice-toc.json": json.dumps(practice.headings, indent=1) + "\n",
        "recommendation.html": normalise(by_uri["recommendations/monitoring-evaluation.md"].html),
        "ecosystem.html": normalise(by_uri["ecosystems/health.md"].html),
        "practices.json": exports.practices_json(handbook),
        "practices.csv": exports.practices_csv(handbook),
        "recommendations.json": exports.recommendations_json(handbook),
    }


@pytest.mark.parametrize(
    "name",
    [
        "practice.html",
        "practice.md",
        "practice-head.html",
        "practice-toc.json",
        "recommendation.html",
        "ecosystem.html",
        "practices.json",
        "practices.csv",
        "recommendations.json",
    ],
)
def test_golden_output(corpus: Path, name: str) -> None:
    actual = outputs(corpus)[name]
    path = GOLDEN / name
    if os.environ.get("HANDBOOK_UPDATE_GOLDEN"):
        path.write_bytes(actual.encode("utf-8"))
    assert actual == path.read_bytes().decode("utf-8")
