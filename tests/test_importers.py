"""The guidebook importer: PDF-artefact clean-up and conversion of a mini guidebook."""

from __future__ import annotations

import pytest
import yaml

from site_builder.editors.importers import eca_guidebook, practice_file
from site_builder.editors.importers.text_cleanup import clean_text, normalise_whitespace


@pytest.mark.parametrize(
    "raw, expected",
    [
        # A page break cuts a sentence: the halves are joined.
        (
            "The network was launched by three\n\n\n\nothers in 2021.",
            "The network was launched by three others in 2021.",
        ),
        # ... also when the second half starts with a capital, after a word that cannot end one.
        (
            "plant production in\n\nEurope, recognised by all.",
            "plant production in Europe, recognised by all.",
        ),
        # A finished sentence is not joined to the next paragraph.
        (
            "First paragraph.\n\nsecond one starts oddly.",
            "First paragraph.\n\nsecond one starts oddly.",
        ),
        # Words hyphenated at a line end are mended.
        ("a long sen-\ntence", "a long sentence"),
        # Stray spaces and non-breaking spaces go.
        ("two  spaces\u00a0here   ", "two spaces here"),
        # Odd bullets become Markdown bullets; a list separated by blank lines becomes tight.
        (
            "Goals:\n\n- .. Enhance visibility\n\n\u2022 Promote production",
            "Goals:\n\n- Enhance visibility\n- Promote production",
        ),
        # An indented bullet is nested.
        ("- A large share:\n - 150+ companies", "- A large share:\n  - 150+ companies"),
        # A list item cut by a page break goes on.
        (
            "- Develop a network of\n\nclusters in Europe",
            "- Develop a network of clusters in Europe",
        ),
        # Autolinks become plain Markdown links.
        (
            "See <https://example.org/x> now.",
            "See [https://example.org/x](https://example.org/x) now.",
        ),
    ],
)
def test_clean_text(raw, expected):
    assert clean_text(raw) == expected


def test_clean_text_drops_layout_before_joining():
    raw = "because those differences\n\n\n\nACME CLUSTER\n\n\n\nwere brought together."
    assert clean_text(raw, drop=lambda b: b == "ACME CLUSTER") == (
        "because those differences were brought together."
    )


def test_normalise_whitespace_keeps_line_structure():
    assert normalise_whitespace("a\r\n \r\nb\t c") == "a\n\nb c"


MINI_GUIDEBOOK = """\
TABLE OF CONTENTS
3.1 Clusters foster innovation.\t6\t67
3.1.1 Alpha Network\t7\t69

3.1 Clusters foster innovation.

Innovation ecosystems

Clusters build ecosystems.

3.1.1 Alpha Network

Name of the cluster/association:
ALPHA CLUSTER
ASSOCIATION

Country:

AT - Austria

Industrial ecosystem:

Energy-Renewables



Contact

Jane Doe

jane.doe@alpha.example

www.alpha.example



ALPHA LOGO

Challenges

What was the starting point? What did you intend to achieve and why?

Alpha began with a need for renewable energy and the recycling of waste in the
region, shared by three

others.

Stakeholders

Who was involved in the development of the good practice?

Companies, the University of Graz and the Ministry of Economy.

ALPHA CLUSTER ASSOCIATION

Actions

What have you done? Please make your description as concrete as possible.

- .. Workshops
- .. Study visits

Results and benefits

Please describe the result/outcome/impact of your actions and why it is considered a success/good practice.

More than 40 companies joined.

More information about the best practice

Our video

3.2 Clusters boost SMEs.

3.2.1 Beta: Digital Services
for Schools

Name of the cluster/association
Beta Hub

Country: Italy

Industrial ecosystem: Digital - Cross-sectoral

Stakeholders

Who was involved in the development of the good practice?

Pupils, schools and parents.

Challenges

Schools lacked digital tools.

Actions

A platform was built.

Results and benefits.

<https://beta.example/report> was published.
"""


@pytest.fixture(scope="module")
def converted():
    files = eca_guidebook.convert(MINI_GUIDEBOOK, "eca-test")
    out = {}
    for name, text in files:
        _, front, body = text.split("---\n", 2)
        out[name] = (yaml.safe_load(front), body, text)
    return out


def test_one_file_per_practice(converted):
    assert list(converted) == ["alpha-network.md", "beta-digital-services-schools.md"]


@pytest.mark.parametrize(
    "name, key, expected",
    [
        ("alpha-network.md", "id", "alpha-network"),
        ("alpha-network.md", "title", "Alpha Network"),
        ("alpha-network.md", "organisation", "ALPHA CLUSTER ASSOCIATION"),
        ("alpha-network.md", "country", "AT"),
        ("alpha-network.md", "ecosystems", ["energy-renewables"]),
        ("alpha-network.md", "helix", ["industry", "academia", "government", "environment"]),
        ("alpha-network.md", "cluster_role", "innovation-engagement"),
        (
            "alpha-network.md",
            "contact",
            {
                "name": "Jane Doe",
                "email": "jane.doe@alpha.example",
                "website": "https://www.alpha.example",
            },
        ),
        ("alpha-network.md", "source", "eca-test"),
        ("alpha-network.md", "source_section", "3.1.1"),
        ("beta-digital-services-schools.md", "title", "Beta: Digital Services for Schools"),
        ("beta-digital-services-schools.md", "organisation", "Beta Hub"),
        ("beta-digital-services-schools.md", "country", "IT"),
        ("beta-digital-services-schools.md", "ecosystems", ["digital", "cross-sectoral"]),
        ("beta-digital-services-schools.md", "helix", ["civil-society"]),
        ("beta-digital-services-schools.md", "cluster_role", "sme-capacity"),
        ("beta-digital-services-schools.md", "contact", None),
    ],
)
def test_front_matter(converted, name, key, expected):
    assert converted[name][0].get(key) == expected


@pytest.mark.parametrize(
    "name, present, absent",
    [
        # Prompt questions, the logo and everything after "More information" are gone.
        ("alpha-network.md", "shared by three others.", "What was the starting point"),
        ("alpha-network.md", "- Workshops\n- Study visits", "ALPHA"),
        ("alpha-network.md", "More than 40 companies joined.", "Our video"),
        ("alpha-network.md", "## Results\n", "More information"),
        # Sections come out in the handbook's order whatever the source's.
        (
            "beta-digital-services-schools.md",
            "## Challenges\n\nSchools lacked digital tools.\n\n## Stakeholders",
            "<https://",
        ),
        (
            "beta-digital-services-schools.md",
            "[https://beta.example/report](https://beta.example/report) was published.",
            "Results and",
        ),
    ],
)
def test_body(converted, name, present, absent):
    body = converted[name][1]
    assert present in body
    assert absent not in body


def test_files_are_plain_utf8_with_lf(converted):
    for _, _, text in converted.values():
        assert "\r" not in text and not text.startswith("\ufeff")
        assert text.startswith("---\nid: ")


@pytest.mark.parametrize(
    "value, expected",
    [
        ("AT - Austria", "AT"),
        ("Italy", "IT"),
        ("GR - Greece", "GR"),
        ("", ""),
        ("Atlantis", ""),
    ],
)
def test_country_code(value, expected):
    assert practice_file.country_code(value) == expected


@pytest.mark.parametrize(
    "value, organisation, expected",
    [
        ("Digital Ecosystem", "", ["digital"]),
        ("Cultural and Creative Industries", "", ["cultural-creative"]),
        ("Proximity, Social Economy, and Civil Security", "", ["proximity-social-economy"]),
        ("Aerospace and Defence", "", ["aerospace-defence"]),
        ("Mobility-Transport-Automotive", "", ["mobility-transport-automotive"]),
        ("", "Fondazione Agrifood & Bioeconomy FVG", ["agri-food"]),
    ],
)
def test_ecosystems(value, organisation, expected):
    assert practice_file.ecosystems(value, organisation) == expected


@pytest.mark.parametrize(
    "lines, expected",
    [
        (
            ["Ann Lee", "", "ann@x.example", "", "www.x.example"],
            [{"name": "Ann Lee", "email": "ann@x.example", "website": "https://www.x.example"}],
        ),
        (
            ["Ann M", "", "Bob Roe", "bob@x.example"],
            [{"name": "Ann M"}, {"name": "Bob Roe", "email": "bob@x.example"}],
        ),
        (
            ["Ann Lee", "[www.x.example/a/", "b](http://www.x.example/a/b)"],
            [{"name": "Ann Lee", "website": "http://www.x.example/a/b"}],
        ),
        (
            ["Ann Lee", "<https://x.example/?l=en> GB", "", "", "", "LOGO TEXT"],
            [{"name": "Ann Lee", "website": "https://x.example/?l=en"}],
        ),
    ],
)
def test_contacts(lines, expected):
    assert eca_guidebook.contacts(lines) == expected
