"""The published JSON Schemas (schema/*.schema.json) under check-jsonschema, the command line
checker editors and CI use (PyPI's check-jsonschema, at the version of requirements.lock:
0.39.0 when this was written). It checks each schema against its metaschema (2020-12), its
`regex` formats in ECMA-262 with the u flag (the regress library), as ajv and VS Code's YAML
support read them; then the real practices' and recommendations' front matter, read by the
handbook's own reader and written as JSON, against the schema of its kind.

tests/test_schema_patterns.py checks each pattern means the same in Python and in Node.
"""

from __future__ import annotations

import json
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest

from site_builder.content import load

from .helpers.projects import PROJECT

TOOL = f"check-jsonschema {version('check-jsonschema')}"
SCHEMA_2020_12 = "https://json-schema.org/draft/2020-12/schema"
SCHEMAS = sorted((PROJECT / "schema").glob("*.schema.json"))


def check_jsonschema(*arguments: str | Path) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "check_jsonschema", *map(str, arguments)]
    return subprocess.run(command, capture_output=True, text=True)


def test_the_schemas_pass_check_jsonschemas_metaschema_check() -> None:
    assert [path.name for path in SCHEMAS] == [
        "practice.schema.json",
        "recommendation.schema.json",
    ]
    done = check_jsonschema("--check-metaschema", *SCHEMAS)
    assert done.returncode == 0, f"{TOOL}:\n{done.stdout}{done.stderr}"


def test_check_jsonschema_refuses_a_pattern_that_is_not_ecma_262_with_u(tmp_path: Path) -> None:
    """What the check would have found before issue 27: the website and email patterns
    escaped a quote (`\\"`), which ECMA-262 refuses with the u flag; Python's re allows it."""
    schema = tmp_path / "escaped-quote.schema.json"
    pattern = r"^[^\s<>\"]*$"
    schema.write_text(json.dumps({"$schema": SCHEMA_2020_12, "pattern": pattern}), "utf-8")
    done = check_jsonschema("--check-metaschema", schema)
    assert done.returncode == 1, f"{TOOL}:\n{done.stdout}{done.stderr}"
    assert "is not a 'regex'" in done.stdout


@pytest.mark.parametrize("kind", ["practice", "recommendation"])
def test_every_front_matter_of_the_handbook_passes_check_jsonschema(
    tmp_path: Path, kind: str
) -> None:
    """Each file's front matter as the handbook's reader reads it (strict YAML), as JSON."""
    written = []
    for path, its_kind in load.content_files(PROJECT):
        if its_kind != kind:
            continue
        document = load.parse_document(load.read_file(path), path.name, kind, path.stem)
        assert document.data is not None and not document.problems, path
        out = tmp_path / f"{path.stem}.json"
        out.write_text(json.dumps(document.data, ensure_ascii=False), "utf-8")
        written.append(out)
    assert len(written) > 10  # the real handbook's files, not a sample
    done = check_jsonschema("--schemafile", PROJECT / f"schema/{kind}.schema.json", *written)
    assert done.returncode == 0, f"{TOOL}:\n{done.stdout}{done.stderr}"


def test_the_built_sites_copies_of_the_schemas_pass_the_metaschema_check(built_site: Path):
    published = sorted((built_site / "schema").glob("*.schema.json"))
    assert [path.name for path in published] == [path.name for path in SCHEMAS]
    done = check_jsonschema("--check-metaschema", *published)
    assert done.returncode == 0, f"{TOOL}:\n{done.stdout}{done.stderr}"
