"""`handbook validate` and `handbook new` as editors and CI call them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from site_builder.cli.main import main
from site_builder.content import vocab_file
from site_builder.core.sections import GUIDANCE

from .helpers.projects import VOCABULARIES

BAD_COUNTRY = ("practices/ribes-nest-veneto.md", "country: IT", "country: XZ")


def break_file(corpus: Path, name: str, old: str, new: str) -> None:
    path = corpus / name
    path.write_text(path.read_text().replace(old, new))


def test_valid_tree_exits_0_and_says_so(corpus: Path, capsys) -> None:
    assert main(["--root", str(corpus), "validate"]) == 0
    assert capsys.readouterr().out == "2 file(s) checked: all valid\n"


def test_invalid_tree_exits_1_with_a_summary(corpus: Path, capsys) -> None:
    break_file(corpus, *BAD_COUNTRY)
    assert main(["--root", str(corpus), "validate"]) == 1
    assert capsys.readouterr().out.splitlines()[-1] == "1 error(s) in 1 of 2 file(s)"


def test_usage_error_exits_2(corpus: Path, capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--root", str(corpus), "validate", "--format", "xml"])
    assert exit_info.value.code == 2
    assert main(["--root", str(corpus), "validate", str(corpus / "nope.md")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_json_format_is_machine_readable(corpus: Path, capsys) -> None:
    break_file(corpus, *BAD_COUNTRY)
    main(["--root", str(corpus), "validate", "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    assert report["valid"] is False and report["files"] == 2
    assert report["problems"] == [
        {
            "path": "practices/ribes-nest-veneto.md",
            "line": 5,
            "col": 10,
            "severity": "error",
            "field": "country",
            "message": "`XZ` is not an ISO 3166-1 country code",
            "hint": "use the two-letter code, such as IT for Italy or NO for Norway",
        }
    ]


def test_github_format_annotates_the_line(corpus: Path, capsys) -> None:
    break_file(corpus, "practices/ribes-nest-veneto.md", "contry", "x")
    break_file(corpus, *BAD_COUNTRY)
    main(["--root", str(corpus), "validate", "--format", "github"])
    first = capsys.readouterr().out.splitlines()[0]
    assert first == (
        "::error file=practices/ribes-nest-veneto.md,line=5,col=10,"
        "title=Handbook%3A country::`XZ` is not an ISO 3166-1 country code "
        "(use the two-letter code%2C such as IT for Italy or NO for Norway)".replace("%2C", ",")
    )


def test_validate_named_file_resolves_references_against_the_tree(corpus: Path, capsys) -> None:
    rec = corpus / "recommendations/monitoring-evaluation.md"
    assert main(["--root", str(corpus), "validate", str(rec)]) == 0
    assert "1 file(s) checked" in capsys.readouterr().out


def test_console_script_runs_without_traceback_on_garbage(corpus: Path) -> None:
    (corpus / "practices/garbage.md").write_bytes(bytes(range(256)) * 10)
    done = subprocess.run(
        [sys.executable, "-m", "site_builder.cli.main", "--root", str(corpus), "validate"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr + done.stdout
    assert done.stdout.startswith(
        "practices/garbage.md:2:118: error: the file is not valid UTF-8 (byte 0x80)"
    )


def test_new_scaffolds_a_practice_that_is_refused_until_it_is_filled_in(
    corpus: Path, capsys
) -> None:
    status = main(
        [
            "--root",
            str(corpus),
            "new",
            "Hydrogen Valley of Styria",
            "--organisation",
            "Green Tech Cluster",
            "--country",
            "at",
            "--ecosystem",
            "energy-renewables",
            "--helix",
            "industry",
            "--helix",
            "academia",
            "--role",
            "research-to-market",
            "--source",
            "eca-2025",
        ]
    )
    assert status == 0
    created = corpus / "practices/hydrogen-valley-of-styria.md"
    text = created.read_text()
    assert "country: AT" in text and "## Challenges" in text
    assert "Still to write: 4 sections" in capsys.readouterr().out
    assert main(["--root", str(corpus), "validate"]) == 1
    refused = capsys.readouterr().out.splitlines()[:-1]
    assert [line.split(": error: ")[1].split(" “")[0] for line in refused] == [
        f"the section `## {heading}` still holds the template's question"
        for heading in ("Challenges", "Stakeholders", "Actions", "Results")
    ]
    for question in GUIDANCE.values():
        text = text.replace(question, "The cluster's own answer.")
    created.write_text(text)
    assert main(["--root", str(corpus), "validate"]) == 0
    assert (
        main(
            [
                "--root",
                str(corpus),
                "new",
                "Hydrogen Valley of Styria",
                "--organisation",
                "x",
                "--country",
                "AT",
                "--ecosystem",
                "digital",
                "--role",
                "policy-renewal",
            ]
        )
        == 1
    )
    assert "already exists" in capsys.readouterr().err


NEW = [
    "new",
    "X",
    "--organisation",
    "O",
    "--country",
    "AT",
    "--ecosystem",
    "digital",
    "--role",
    "policy-renewal",
    "--source",
    "eca-2025",
]


@pytest.mark.parametrize(
    "change, message",
    [
        (
            ("--country", "ZZ"),
            "argument --country: 'ZZ' is not a two-letter ISO 3166-1 country "
            "code (such as IT for Italy or NO for Norway)",
        ),
        (
            ("--country", "Germany"),
            "'Germany' is not a two-letter ISO 3166-1 country code (did you mean `DE` (Germany)?)",
        ),
        (("--organisation", " "), "argument --organisation: must not be empty"),
        (
            ("--id", "../../escaped"),
            "argument --id: '../../escaped' is not a file name for a practice",
        ),
        (("--id", "Bad ID"), "argument --id: 'Bad ID' is not a file name for a practice"),
        (
            ("X", "Водневий кластер"),
            "the title has no Latin letters or digits to make a file name from; give one with --id",
        ),
    ],
)
def test_new_refuses_bad_options_and_writes_nothing(corpus: Path, capsys, change, message) -> None:
    option, value = change
    argv = list(NEW)
    if option == "X":  # the title
        argv[1] = value
    elif option in argv:
        argv[argv.index(option) + 1] = value
    else:
        argv += [option, value]
    before = sorted((corpus / "practices").iterdir())
    try:
        status = main(["--root", str(corpus), *argv])
    except SystemExit as exit_info:
        status = exit_info.code
    assert status == 2
    assert message in capsys.readouterr().err
    assert sorted((corpus / "practices").iterdir()) == before
    assert not (corpus.parent / "escaped.md").exists()


def test_new_keeps_no_file_that_would_not_be_valid(corpus: Path, capsys) -> None:
    argv = [a for a in NEW if a not in ("--source", "eca-2025")]  # handbook-editors: unknown
    assert main(["--root", str(corpus), *argv]) == 1
    out = capsys.readouterr().out
    assert "unknown source `handbook-editors`" in out
    assert "Not created: x.md would not be valid" in out
    assert not (corpus / "practices/x.md").exists()


def test_published_schemas_match_the_vocabularies() -> None:
    from site_builder.core.schema import SCHEMAS

    schema_dir = Path(__file__).parents[1] / "schema"
    for kind, build in SCHEMAS.items():
        published = json.loads((schema_dir / f"{kind}.schema.json").read_text())
        assert published == build(vocab_file.load(schema_dir.parent)), (
            f"run `handbook schema` to update {kind}.schema.json"
        )


def test_every_schema_property_has_title_and_description() -> None:
    from site_builder.core.schema import SCHEMAS

    def walk(schema: dict, where: str):
        for name, prop in schema.get("properties", {}).items():
            assert prop.get("title") and prop.get("description"), f"{where}.{name}"
            for branch in prop.get("oneOf", []):
                walk(branch.get("items", branch), f"{where}.{name}")

    vocabularies = vocab_file.load(Path(__file__).parents[1])
    for kind, build in SCHEMAS.items():
        assert build(vocabularies)["$schema"].endswith("2020-12/schema")
        walk(build(vocabularies), kind)


def test_new_without_a_helix_role_gives_the_first_of_the_vocabulary(corpus: Path) -> None:
    assert main(["--root", str(corpus), *NEW]) == 0
    front = (corpus / "practices/x.md").read_text().split("---\n")[1]
    assert yaml.safe_load(front)["helix"] == [VOCABULARIES.helix.terms[0].slug] == ["industry"]
