"""`handbook from-issue` and the practice issue form it reads.

The form (.github/ISSUE_TEMPLATE/practice.yml) is generated from the parser's own
field table; these tests keep the committed form, the parser and vocab.py in step,
and turn a form filled in as GitHub renders it into a valid practice file.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
import yaml

from site_builder.cli.main import main
from site_builder.content.frontmatter import parse
from site_builder.editors import issue_answers, issue_form
from site_builder.editors.scaffold import DEFAULT_SOURCE

from .helpers.projects import PROJECT, TESTS, VOCABULARIES

FORM_OF_HANDBOOK = issue_form.form_for(VOCABULARIES)

FILLED = TESTS / "cases_issue_form" / "filled.md"
FORM = PROJECT / issue_form.FORM_PATH
CREATED = "practices/hydrogen-valley-of-styria-from-lab-to-bus-depot.md"


def form_elements() -> list[dict]:
    return [
        e
        for e in yaml.safe_load(FORM.read_text(encoding="utf-8"))["body"]
        if e["type"] != "markdown"
    ]


def option_labels(element: dict) -> list[str]:
    return [
        o["label"] if isinstance(o, dict) else o for o in element["attributes"].get("options", [])
    ]


def front_and_body(path: Path) -> tuple[dict, str]:
    text = path.read_text(encoding="utf-8")
    _, meta, body = text.split("---\n", 2)
    return parse(meta, first_line=2).data, body


def from_issue_cli(corpus: Path, form_text: str, tmp_path: Path, *args: str) -> int:
    issue = tmp_path / "issue.md"
    issue.write_text(form_text, encoding="utf-8")
    return main(["--root", str(corpus), "from-issue", str(issue), *args])


# The form and the parser agree ------------------------------------------------------


def test_committed_form_is_the_generated_one() -> None:
    assert FORM.read_text(encoding="utf-8") == issue_form.form_yaml(FORM_OF_HANDBOOK), (
        "run `python -m site_builder.editors.issue_form` to regenerate the issue form"
    )


def test_every_label_in_the_form_is_one_the_parser_understands() -> None:
    for element in form_elements():
        label = element["attributes"]["label"]
        assert label in FORM_OF_HANDBOOK.by_label, label
        field = FORM_OF_HANDBOOK.by_label[label]
        assert element["type"] == field.kind
        for option in option_labels(element):
            assert option in field.choices.values(), f"{label}: {option}"


def test_every_practice_vocabulary_value_is_offered_in_the_form() -> None:
    offered = {
        FORM_OF_HANDBOOK.by_label[e["attributes"]["label"]].key: option_labels(e)
        for e in form_elements()
    }
    for name, vocabulary in VOCABULARIES.by_field().items():
        if name == "status":  # recommendations only
            continue
        assert offered[name] == list(vocabulary.labels.values()), name


def test_the_form_asks_for_every_field_and_section_of_a_practice() -> None:
    from site_builder.core.schema import practice_schema
    from site_builder.core.sections import SECTIONS

    asked = {
        FORM_OF_HANDBOOK.by_label[e["attributes"]["label"]].key.split(".")[0]
        for e in form_elements()
    }
    # the id is made from the title; a new practice has no former ids (a rename's)
    fields = set(practice_schema(VOCABULARIES)["properties"]) - {"id", "former_ids"}
    assert asked == fields | {slug for slug, _ in SECTIONS}


def test_form_ids_and_labels_are_unique_as_github_requires() -> None:
    elements = form_elements()
    assert len({e["id"] for e in elements}) == len(elements)
    assert len({e["attributes"]["label"] for e in elements}) == len(elements)


# A filled-in form becomes a valid practice -------------------------------------------


def test_filled_form_becomes_a_valid_practice(corpus: Path, capsys) -> None:
    assert main(["--root", str(corpus), "from-issue", str(FILLED)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("1 file(s) checked: all valid\n")
    assert f"Created {corpus / CREATED}" in out
    front, body = front_and_body(corpus / CREATED)
    assert list(front) == [
        "id",
        "title",
        "organisation",
        "country",
        "region",
        "ecosystems",
        "helix",
        "cluster_role",
        "themes",
        "contact",
        "period",
        "source",
        "source_section",
    ]
    assert front["id"] == "hydrogen-valley-of-styria-from-lab-to-bus-depot"
    assert front["title"] == "Hydrogen Valley of Styria: from lab to bus depot"
    assert front["organisation"] == "Green Tech Cluster Styria GmbH"
    assert front["country"] == "AT"
    assert front["region"] == "Styria"
    assert front["ecosystems"] == ["energy-renewables", "mobility-transport-automotive"]
    assert front["helix"] == ["industry", "academia", "government"]
    assert front["cluster_role"] == "research-to-market"
    assert front["themes"] == ["sustainability", "internationalisation"]
    assert front["contact"] == {
        "name": "Anna Huber",
        "email": "anna.huber@example.org",
        "website": "https://www.example.org/hydrogen",
    }
    assert front["period"] == {"start": 2019, "end": "2023-06"}
    assert front["source"] == "eca-2025"
    assert front["source_section"] == "3.3.2"
    assert [line for line in body.splitlines() if line.startswith("## ")] == [
        "## Challenges",
        "## Stakeholders",
        "## Actions",
        "## Results",
        "## Evidence of success",
    ]
    assert (
        "## Stakeholders\n\n- Twelve SMEs of the cluster\n- Graz University of "
        "Technology\n- The regional transport authority\n\n## Actions"
    ) in body
    assert "_No response_" not in body
    assert main(["--root", str(corpus), "validate"]) == 0


def test_body_from_standard_input_with_windows_line_ends(corpus: Path, monkeypatch, capsys) -> None:
    text = FILLED.read_text(encoding="utf-8").replace("\n", "\r\n")
    monkeypatch.setattr("sys.stdin", io.StringIO(text))
    assert main(["--root", str(corpus), "from-issue", "-"]) == 0
    front, body = front_and_body(corpus / CREATED)
    assert front["country"] == "AT" and "\r" not in body


def test_output_dir_is_honoured(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "elsewhere" / "practices"
    assert main(["--root", str(corpus), "from-issue", str(FILLED), "--output-dir", str(out)]) == 0
    assert (out / Path(CREATED).name).exists()
    assert not (corpus / CREATED).exists()


@pytest.mark.parametrize(
    "form_answer, option, expected",
    [
        ("eca-2025", [], "eca-2025"),  # the form's answer
        ("_No response_", ["--source", "clusterix-2018"], "clusterix-2018"),  # else --source
        ("_No response_", [], DEFAULT_SOURCE),  # else as `handbook new`
    ],
)
def test_where_the_source_comes_from(
    corpus: Path, tmp_path: Path, form_answer: str, option: list[str], expected: str
) -> None:
    text = FILLED.read_text(encoding="utf-8").replace(
        "### Published in (source key)\n\neca-2025",
        f"### Published in (source key)\n\n{form_answer}",
    )
    with (corpus / "sources.yml").open("a", encoding="utf-8") as sources:
        sources.write(f"{DEFAULT_SOURCE}:\n  title: Submitted to the handbook\n")
    assert from_issue_cli(corpus, text, tmp_path, *option) == 0
    assert front_and_body(corpus / CREATED)[0]["source"] == expected


@pytest.mark.parametrize(
    "written, code",
    [
        ("AT", "AT"),
        ("at", "AT"),
        ("AT - Austria", "AT"),
        ("austria", "AT"),
        ("UK", "GB"),
        ("NO", "NO"),
        ("Norway", "NO"),
    ],
)
def test_country_as_code_or_name(corpus: Path, tmp_path: Path, written: str, code: str) -> None:
    text = FILLED.read_text(encoding="utf-8").replace("\n\nAustria\n", f"\n\n{written}\n")
    assert from_issue_cli(corpus, text, tmp_path) == 0
    assert front_and_body(corpus / CREATED)[0]["country"] == code


def test_a_heading_inside_an_answer_stays_part_of_it(corpus: Path, tmp_path: Path) -> None:
    text = FILLED.read_text(encoding="utf-8").replace(
        "### Actions\n\n", "### Actions\n\n### Year one\n\n"
    )
    assert from_issue_cli(corpus, text, tmp_path) == 0
    assert "## Actions\n\n### Year one\n\n1. A joint" in front_and_body(corpus / CREATED)[1]


# Bad forms: nothing is written, and the message names the question -----------------------

BAD_FORMS = {
    "missing title": (
        "### Name of the practice\n\nHydrogen Valley of Styria: from lab to bus depot\n",
        "### Name of the practice\n\n_No response_\n",
        ["issue.md:3:1: error: “Name of the practice” has no answer (this question is required)"],
    ),
    "unknown country": (
        "\n\nAustria\n",
        "\n\nAtlantis\n",
        [
            "issue.md:11:1: error: “Country”: `Atlantis` is neither a country code nor a "
            "country name (write the two-letter code, such as IT for Italy or NO for Norway)"
        ],
    ),
    "country left empty": (
        "\n\nAustria\n",
        "\n\n_No response_\n",
        ["issue.md:11:1: error: “Country” has no answer (this question is required)"],
    ),
    "misspelt country": (
        "\n\nAustria\n",
        "\n\nAustira\n",
        [
            "issue.md:11:1: error: “Country”: `Austira` is neither a country code nor a "
            "country name (did you mean `AT` (Austria)?)"
        ],
    ),
    "no ecosystem ticked": (
        "- [X] Renewable energy\n- [ ] Health\n- [X] Mobility",
        "- [ ] Renewable energy\n- [ ] Health\n- [ ] Mobility",
        [
            "issue.md:19:1: error: no box is ticked under “Industrial ecosystems” (tick "
            "between 1 and 3)"
        ],
    ),
    "four ecosystems ticked": (
        "- [ ] Electronics\n- [ ] Energy-intensive industries\n- [X] Renewable energy\n"
        "- [ ] Health",
        "- [X] Electronics\n- [ ] Energy-intensive industries\n- [X] Renewable energy\n"
        "- [X] Health",
        ["issue.md:19:1: error: 4 boxes are ticked under “Industrial ecosystems” (tick at most 3)"],
    ),
    "no helix role ticked": (
        "- [X] Industry\n- [X] Academia and research\n- [X] Government",
        "- [ ] Industry\n- [ ] Academia and research\n- [ ] Government",
        [
            "issue.md:37:1: error: no box is ticked under “Who took part (helix roles)” (tick "
            "between 1 and 5)"
        ],
    ),
    "no cluster role chosen": (
        "Bridging industry and research, from lab to market\n",
        "_No response_\n",
        ["issue.md:45:1: error: “Role of the cluster” has no answer (this question is required)"],
    ),
    "edited option": (
        "- [X] Renewable energy",
        "- [X] Renewable energies",
        [
            "issue.md:19:1: error: “Industrial ecosystems”: `Renewable energies` is not one of "
            "the choices (did you mean `Renewable energy`?)"
        ],
    ),
    "empty required section": (
        "### Results\n\nTen hydrogen buses run in Graz since 2023; three SMEs sell parts of "
        "the fuelling station abroad.\n",
        "### Results\n\n_No response_\n",
        ["issue.md:103:1: error: “Results” has no answer (this question is required)"],
    ),
    "a section answered with the form's own question": (
        "### Results\n\nTen hydrogen buses run in Graz since 2023; three SMEs sell parts of "
        "the fuelling station abroad.\n",
        "### Results\n\nWhat came of it, and why is it considered a success or a good practice?\n",
        [
            "issue.md:103:1: error: “Results”: the section `## Results` still holds the "
            "template's question “What came of it, and why is it considered a success or a "
            "good practice?” (replace the question with what the practice did: an unfinished "
            "practice is not published)"
        ],
    ),
    "not a form at all": (
        None,
        "Please add our practice, see the attached PDF.\n",
        [
            "issue.md:1:1: error: this is not the text of the practice issue form: none of "
            "its questions is in it (copy the issue's whole text, from `### Name of the "
            "practice` on)"
        ],
    ),
}


@pytest.mark.parametrize("name", sorted(BAD_FORMS))
def test_bad_form(name: str, corpus: Path, tmp_path: Path, capsys) -> None:
    old, new, expected = BAD_FORMS[name]
    text = FILLED.read_text(encoding="utf-8")
    assert old is None or old in text, "the case no longer matches filled.md"
    text = new if old is None else text.replace(old, new, 1)
    assert from_issue_cli(corpus, text, tmp_path) == 1
    lines = capsys.readouterr().out.splitlines()
    assert [line.replace(str(tmp_path / "issue.md"), "issue.md") for line in lines[:-2]] == expected
    assert lines[-1] == "No practice file written: correct the answers above in the issue."
    assert sorted(p.name for p in (corpus / "practices").iterdir()) == ["ribes-nest-veneto.md"]


def test_what_the_form_cannot_check_is_told_of_the_form_and_nothing_is_written(
    corpus: Path, tmp_path: Path, capsys
) -> None:
    """The validator finds it in the practice file; the editor reads the question and the
    line of the answer in the issue, and no invalid file is left in practices/."""
    text = FILLED.read_text(encoding="utf-8").replace(
        "anna.huber@example.org", "anna.huber(at)example"
    )
    answer_line = text.splitlines().index("anna.huber(at)example") + 1
    assert from_issue_cli(corpus, text, tmp_path) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"{tmp_path / 'issue.md'}:{answer_line}:1: error: “Contact e-mail”: "
        "`anna.huber(at)example` is not a valid e-mail address (for example "
        "`name@example.org`)",
        "1 error(s) in 1 of 1 file(s)",
        "No practice file written: correct the answers above in the issue.",
    ]
    assert not (corpus / CREATED).exists()


def test_unsafe_markup_in_an_answer_is_told_at_its_question(
    corpus: Path, tmp_path: Path, capsys
) -> None:
    text = FILLED.read_text(encoding="utf-8").replace(
        "### Actions\n\n", "### Actions\n\n<script>alert(1)</script>\n\n"
    )
    answer_line = text.splitlines().index("### Actions") + 3
    assert from_issue_cli(corpus, text, tmp_path) == 1
    first = capsys.readouterr().out.splitlines()[0]
    assert first.startswith(
        f"{tmp_path / 'issue.md'}:{answer_line}:1: error: “Actions”: "
        "raw HTML `<script>` is not allowed"
    )
    assert not (corpus / CREATED).exists()


def test_a_title_without_latin_letters_gets_a_file_name_of_its_own() -> None:
    one = issue_answers.practice_id("Водневий кластер", "Кластер")
    other = issue_answers.practice_id("Цифровий кластер", "Кластер")
    assert one != other
    assert re.fullmatch(r"practice-[0-9a-f]{8}", one) and re.fullmatch(r"[a-z0-9-]+", other)
    assert issue_answers.practice_id("Водневий кластер", "Green Tech Valley").startswith(
        "green-tech-valley-"
    )
    assert issue_answers.practice_id("Green Hydrogen Valley", "x") == "green-hydrogen-valley"


# Usage errors -----------------------------------------------------------------------------


def test_missing_file_is_a_usage_error(corpus: Path, tmp_path: Path, capsys) -> None:
    assert main(["--root", str(corpus), "from-issue", str(tmp_path / "nope.md")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_an_existing_practice_is_not_overwritten(corpus: Path, capsys) -> None:
    assert main(["--root", str(corpus), "from-issue", str(FILLED)]) == 0
    before = (corpus / CREATED).read_text()
    assert main(["--root", str(corpus), "from-issue", str(FILLED)]) == 1
    assert "already exists" in capsys.readouterr().err
    assert (corpus / CREATED).read_text() == before
