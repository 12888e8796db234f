"""Every pattern of the published JSON Schemas (site_builder/core/schema.py) compiles, and
means the same, in Python's re and in ECMA-262 with the u flag: the dialect editors' tools
run them in (ajv, VS Code's YAML support), here Node's RegExp (Node 20, Debian's nodejs,
which dev.py installs). A pattern without samples here fails, so a new one gets them."""

from __future__ import annotations

import json
import re
import subprocess
from typing import Any

from site_builder.core.schema import schema_files

from .helpers.projects import VOCABULARIES

# pattern -> (values it accepts, values it refuses)
SAMPLES: dict[str, tuple[list[str], list[str]]] = {
    r"^[a-z0-9]+(-[a-z0-9]+)*$": (
        ["ribes-nest-veneto", "a", "x2-y3"],
        ["Ribes", "-lead", "trail-", "a--b", "a b", "é", ""],
    ),
    r'^[^@\s<>()\[\],;:"]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$': (
        ["name@example.org", "first.last+tag@mail.example.co.uk", "ü@example.eu"],
        [
            "name@example",
            'na"me@example.org',
            "name @example.org",
            "name@@example.org",
            "<name>@example.org",
            "name@example.o",
            "@example.org",
        ],
    ),
    r'^https?://[^\s/$.?#][^\s<>"]*$': (
        ["https://example.org/", "http://example.org/a?b=c#d", "https://bücher.example/x"],
        ["ftp://example.org", "https://", "https:// example.org", 'https://a.org/"x"', "www.x"],
    ),
    r"^[12][0-9]{3}(-(0[1-9]|1[0-2]))?$": (
        ["2016", "2016-06", "1999-12"],
        ["2016-13", "2016-6", "3000", "16", "2016-06-01"],
    ),
    r"^[0-9]+(\.[0-9]+)*$": (["3", "3.1", "3.1.12"], ["3.", ".1", "3..1", "a", "3,1"]),
}


def patterns(node: Any) -> set[str]:
    """Every value of a "pattern" keyword in a schema."""
    if isinstance(node, dict):
        found = {node["pattern"]} if isinstance(node.get("pattern"), str) else set()
        return found.union(*(patterns(value) for value in node.values()))
    if isinstance(node, list):
        return set().union(*(patterns(value) for value in node))
    return set()


PATTERNS = sorted(
    set().union(*(patterns(json.loads(text)) for text in schema_files(VOCABULARIES).values()))
)

# Reads {pattern: [values]} and writes {pattern: [matches, ...] or "the error"}
NODE = """
const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
const out = {};
for (const [pattern, values] of Object.entries(input)) {
  try {
    const re = new RegExp(pattern, "u");
    out[pattern] = values.map((v) => re.test(v));
  } catch (e) {
    out[pattern] = String(e);
  }
}
process.stdout.write(JSON.stringify(out));
"""


def test_every_pattern_has_samples() -> None:
    assert [p for p in PATTERNS if p not in SAMPLES] == []


def test_python_accepts_and_refuses_the_samples_as_meant() -> None:
    for pattern in PATTERNS:
        good, bad = SAMPLES[pattern]
        compiled = re.compile(pattern)
        assert [v for v in good if not compiled.search(v)] == [], pattern
        assert [v for v in bad if compiled.search(v)] == [], pattern


def test_node_compiles_every_pattern_with_the_u_flag_and_agrees_with_python() -> None:
    values = {p: SAMPLES[p][0] + SAMPLES[p][1] for p in PATTERNS}
    done = subprocess.run(
        ["node", "-e", NODE], input=json.dumps(values), capture_output=True, text=True, check=True
    )
    answers = json.loads(done.stdout)
    errors = {p: a for p, a in answers.items() if isinstance(a, str)}
    assert errors == {}
    for pattern in PATTERNS:
        python = [re.search(pattern, v) is not None for v in values[pattern]]
        assert answers[pattern] == python, pattern
