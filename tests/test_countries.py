"""Countries: one reader for every way a country is written, and the table it reads into.

`handbook new --country`, `handbook from-issue`, the validator's hint and the
importer of the PDF sources all read countries with site_builder.core.countries, so
a country one of them knows, they all know.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

import pytest

from site_builder.cli import main, values
from site_builder.content.validate import check
from site_builder.core import countries, make_country_table
from site_builder.core.countries import COUNTRIES, code_for, parse_country, suggest
from site_builder.core.model import Location
from site_builder.editors import issue_answers
from site_builder.editors.importers import practice_file

from .helpers.projects import make_corpus

# What an editor may write, and the country meant ---------------------------------------

WRITTEN = [
    # codes, in any case, and the codes people use that ISO 3166-1 does not
    ("IT", "IT"),
    ("it", "IT"),
    ("NO", "NO"),
    ("UK", "GB"),
    ("uk", "GB"),
    ("EL", "GR"),
    # English names, current, official and older
    ("Italy", "IT"),
    ("Czechia", "CZ"),
    ("Czech Republic", "CZ"),
    ("the Czech Republic", "CZ"),
    ("Turkey", "TR"),
    ("Türkiye", "TR"),
    ("The Netherlands", "NL"),
    ("Holland", "NL"),
    ("Great Britain", "GB"),
    ("Scotland", "GB"),
    ("Russia", "RU"),
    ("Macedonia", "MK"),
    ("Republic of Moldova", "MD"),
    ("  Italy  ", "IT"),
    # names in the languages of the EU, the EEA and the candidate countries
    ("Deutschland", "DE"),
    ("Polska", "PL"),
    ("España", "ES"),
    ("Österreich", "AT"),
    ("Italia", "IT"),
    ("Sverige", "SE"),
    ("Suomi", "FI"),
    ("Ελλάδα", "GR"),
    ("Česko", "CZ"),
    ("Slovenská republika", "SK"),
    ("Magyarország", "HU"),
    ("Hrvatska", "HR"),
    ("Norge", "NO"),
    ("Ísland", "IS"),
    ("Éire", "IE"),
    ("Shqipëria", "AL"),
    ("Crna Gora", "ME"),
    ("Србија", "RS"),
    ("Україна", "UA"),
    ("Lëtzebuerg", "LU"),
    ("Niemcy", "DE"),
    # without accents, where that names one country only
    ("Osterreich", "AT"),
    ("Cesko", "CZ"),
    ("Turkiye", "TR"),
    # code and name, as the sources and the issue form give them
    ("AT - Austria", "AT"),
    ("AT – Austria", "AT"),
    ("AT-Austria", "AT"),
    ("EL - Greece", "GR"),
    ("GR - Ελλάδα", "GR"),
    # not a country the handbook knows
    ("Atlantis", None),
    ("XZ", None),
    ("", None),
    ("Kosovo", None),  # XK is not in ISO 3166-1, and the schema never accepted it
    ("AT - Italy", None),  # code and name disagree: neither is taken
    ("XX - Italy", None),  # not a code
]


@pytest.mark.parametrize("written, code", WRITTEN)
def test_a_country_is_read_from_what_editors_write(written: str, code: str | None) -> None:
    assert code_for(written) == code


@pytest.mark.parametrize(
    "written, how",
    [
        ("IT", "code"),
        ("it", "code"),
        ("UK", "alias"),
        ("Italy", "name"),
        ("IT - Italy", "code and name"),
    ],
)
def test_the_reader_says_how_the_country_was_written(written: str, how: str) -> None:
    country = parse_country(written)
    assert country is not None and country.written_as == how
    assert country.name == COUNTRIES[country.code]


@pytest.mark.parametrize(
    "written, code",
    [
        ("Itlay", "IT"),
        ("Austira", "AT"),
        ("Germny", "DE"),
        ("Turky", "TR"),
        ("Deutchland", "DE"),
        ("Osterrech", "AT"),
        ("AT - Austira", "AT"),
        ("Atlantis", None),
        ("ZZ", None),
        ("XZ", None),
        ("Bavaria", None),  # a region, not a misspelt country (Bulgaria)
        ("Flanders", None),  # nor Finland
    ],
)
def test_a_misspelt_name_gets_a_suggestion_only_when_near(written: str, code: str | None) -> None:
    assert suggest(written) == code


# The table the site shows ----------------------------------------------------------------


def test_the_table_is_pycountrys() -> None:
    assert make_country_table.pycountry_table() == COUNTRIES, (
        "pycountry's names changed: run `python -m site_builder.core.make_country_table`, then "
        "`handbook schema`, and check the site's golden files"
    )


@pytest.mark.parametrize(
    "code, name",
    [
        ("CZ", "Czechia"),
        ("TR", "Türkiye"),
        ("GB", "United Kingdom"),
        ("MK", "North Macedonia"),
        ("MD", "Moldova"),
        ("RU", "Russian Federation"),
        ("KR", "South Korea"),
    ],
)
def test_the_names_readers_see(code: str, name: str) -> None:
    assert COUNTRIES[code] == name


def test_every_name_of_our_own_names_a_known_country() -> None:
    assert set(countries.OTHER_NAMES.values()) <= set(COUNTRIES)
    assert set(countries.NON_ISO_ALIASES.values()) <= set(COUNTRIES)


def test_the_table_is_rewritten_as_it_is(tmp_path: Path) -> None:
    copy = tmp_path / "country_table.py"
    make_country_table.write_table(copy)
    assert copy.read_text(encoding="utf-8") == make_country_table.TABLE.read_text(encoding="utf-8")


# The four readers agree ------------------------------------------------------------------

AGREED = [
    "Deutschland",
    "Allemagne",
    "DEU",
    "Polska",
    "España",
    "Turkey",
    "UK",
    "uk",
    "EL",
    "Czech Republic",
    "AT - Austria",
    "Italy",
    "it",
    "Ελλάδα",
    "Atlantis",
]


def by_cli(value: str) -> str | None:
    """`handbook new --country`: the code, or the code its refusal suggests."""
    try:
        return values.country(value)
    except argparse.ArgumentTypeError as refusal:
        found = re.search(r"did you mean `([A-Z]{2})`", str(refusal))
        return found[1] if found else None


def by_issue_form(value: str) -> str | None:
    problems: list = []
    return issue_answers._country(value, Location("issue.md", 11, 1), problems)


def by_validator(value: str, tmp_path: Path) -> str | None:
    """`handbook validate` on a practice with `country: <value>`: the code it asks for."""
    root = make_corpus(tmp_path / "handbook")
    practice = root / "practices" / "ribes-nest-veneto.md"
    practice.write_text(
        practice.read_text(encoding="utf-8").replace("country: IT", f"country: {value}"),
        encoding="utf-8",
    )
    problems = [p for p in check(root).problems if p.field == "country"]
    if not problems:
        return value  # valid as written
    found = re.search(r"(?:write|did you mean) `([A-Z]{2})`", problems[0].hint or "")
    return found[1] if found else None


def by_importer(value: str) -> str | None:
    return practice_file.country_code(value) or None


@pytest.mark.parametrize("written", AGREED)
def test_the_four_readers_agree(written: str, tmp_path: Path) -> None:
    meant = code_for(written)
    assert by_cli(written) == meant
    assert by_issue_form(written) == meant
    assert by_validator(written, tmp_path) == meant
    assert by_importer(written) == meant


def test_codes_and_our_own_names_are_read_without_importing_pycountry() -> None:
    """Importing pycountry costs ~50 ms; codes, the names shown and OTHER_NAMES need
    none of it, so `handbook validate` and `handbook new --country AT` never pay it."""
    script = (
        "import sys; from site_builder.core.countries import code_for; "
        "assert [code_for(t) for t in ('IT', 'uk', 'Italy', 'Turkey')] == "
        "['IT', 'GB', 'IT', 'TR']; assert 'pycountry' not in sys.modules; "
        "assert code_for('Deutschland') == 'DE'; assert 'pycountry' in sys.modules"
    )
    subprocess.run([sys.executable, "-c", script], check=True)


@pytest.mark.parametrize("written", ["DEU", "Deutschland", "Allemagne", "Germny"])
def test_every_command_suggests_the_same_code_in_the_same_words(
    written: str, tmp_path: Path, capsys
) -> None:
    """The validator, `handbook new` and `handbook search` all say "did you mean `DE`
    (Germany)?" of a name in any EU language or an alpha-3 code; the issue form, whose
    answer is free text, reads the name as DE, and says the same of a misspelt one."""
    hint = "did you mean `DE` (Germany)?"
    root = make_corpus(tmp_path / "handbook")
    practice = root / "practices" / "ribes-nest-veneto.md"
    practice.write_text(
        practice.read_text(encoding="utf-8").replace("country: IT", f"country: {written}"),
        encoding="utf-8",
    )
    assert [p.hint for p in check(root).problems if p.field == "country"] == [hint]
    for command in (
        [
            "new",
            "A title",
            "--organisation",
            "O",
            "--ecosystem",
            "health",
            "--role",
            "sme-capacity",
            "--country",
            written,
        ],
        ["search", "hydrogen", "--country", written],
    ):
        with pytest.raises(SystemExit) as exit:
            main.main(["--root", str(root), *command])
        assert exit.value.code == 2
        assert hint in capsys.readouterr().err
    problems: list = []
    read = issue_answers._country(written, Location("issue.md", 11, 1), problems)
    assert (read, [p.hint for p in problems]) in (("DE", []), (None, [hint]))
