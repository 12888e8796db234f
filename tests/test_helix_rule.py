"""The helix rule, checked on real Stakeholders passages of the ECA guidebook (2025)."""

from __future__ import annotations

import pytest

from site_builder.editors.importers.helix import ROLES, infer_helix

CASES = [
    pytest.param(  # 3.1.1
        "RIBES-Nest consists of 6 Knowledge Entities and 47 Companies (SMEs and large "
        "enterprises).",
        "RIBES per l'Ecosistema Salute e l'Alimentazione Smart",
        "",
        ["industry", "academia"],
        id="ribes-knowledge-entities-and-companies",
    ),
    pytest.param(  # 3.1.2
        "KOMPASS is implemented on behalf of the Women's Department of the Province of Upper "
        "Austria (www.frauenreferat-ooe.at) and the Women's Advisor of the Provincial Government, "
        "Christine Haberlander (www.christine-haberlander.at) in cooperation with the Upper "
        "Austrian Chamber of Commerce (www.wko.at/site/fiwoberoesterreich).",
        "Business Upper Austria-OÖ Wirtschaftsagentur GmbH",
        "",
        ["industry", "government"],
        id="kompass-province-and-agency",
    ),
    pytest.param(  # 3.1.5
        "- Politics, BMFTR, PTJ\n- Female professionals\n- Pupils, schools, parents\n"
        "- Mentees, mentors - media / journalists, press spokeswoman, film production enterprise",
        "Ocean Technology Campus Rostock",
        "",
        ["industry", "government", "civil-society"],
        id="otc-politics-pupils-enterprise",
    ),
    pytest.param(  # 3.1.6, with the environmental goals of its other sections
        "Green Energy Regional Cluster, Clean Team Project Ghelinta Commune",
        "Green Energy Cluster",
        "green residuals and waste collected ... are converted into biomass fuel and commercialized "
        "on local biomass fuel markets.",
        ["industry", "government", "environment"],
        id="clean-team-commune-biomass",
    ),
    pytest.param(  # 3.2.3
        "Academia: Universities, R&D centres, KET centres; Civil society: National television; "
        "Industry: Cluster organisations, Startups, Spin-offs, Companies; Government and policy "
        "makers: Ministry of Industry and Trade, National business agency, Czech Invest, National "
        "cluster association, Water Smart Territories S3 platform, Municipalities, regional and "
        "national innovation councils.",
        "NANOPROGRESS, z.s.",
        "",
        ["industry", "academia", "government", "civil-society"],
        id="nanoprogress-all-four",
    ),
    pytest.param(  # 3.2.1
        "The project partners are Transilvania IT Cluster (orchestrator), OLI-Hygia, Babes-Bolyai "
        "University, the Technical University of Cluj-Napoca, the National Research-Development "
        "Institute for Isotopic and Molecular Technologies.",
        "Transilvania IT Cluster",
        "",
        ["industry", "academia"],
        id="tediht-universities-institute",
    ),
    pytest.param(  # 3.2.16: a foundation and a Region, no company named as such
        "Fondazione Agrifood & Bioeconomy FVG Friuli Venezia Giulia Autonomous Region PromoTurismo "
        "FVG Legalnext (SDGs aspects) GLP (IP protection)",
        "Fondazione Agrifood & Bioeconomy FVG",
        "",
        ["government"],
        id="io-sono-fvg-region",
    ),
    pytest.param(  # 3.3.7
        "Stakeholders were representing vary range of different type of actors: companies (SME "
        "and larger ones), ecosystems, municipalities, regional governance, research and "
        "educational organizations and entrepreneur associations.",
        "SuperEcosystem",
        "",
        ["industry", "academia", "government"],
        id="supereco-municipalities-research",
    ),
    pytest.param(  # 3.5.9: a university department; the cluster's name says nothing
        "Košice IT Valley The Technical University of Košice - Department of Computers and "
        "Informatics FEI",
        "Košice IT Valley",
        "",
        ["academia"],
        id="live-it-university",
    ),
    pytest.param(  # 3.5.15
        "Cluster organisation, two companies, high schools",
        "HR Development Cluster",
        "",
        ["industry", "civil-society"],
        id="ronix-companies-high-schools",
    ),
    pytest.param(  # 3.5.13
        "City of Leipzig, Metropolregion Mitteldeutschland (Central German Metropolitan Region), "
        "Fraunhofer Institute for Cell Therapy and Immunology, Arbeitsagentur / Jobcenter Leipzig",
        "leap:up GmbH",
        "",
        ["industry", "academia", "government"],
        id="qualibiopharma-city-jobcenter",
    ),
    pytest.param(  # 3.2.8: Stakeholders names no kind of actor; the rest of the practice does
        "The cyberFESTSPIELE embody digital transformation and demonstrate how close collaboration "
        "and active co-creation can come to life, a concept developed jointly by cyberLAGO members "
        "and the Bodenseeforum Konstanz team.",
        "CyberLAGO e.V. - digital competence network",
        "guide companies through the complex landscape of digital transformation",
        ["industry"],
        id="cyberlago-falls-back-on-practice",
    ),
]


@pytest.mark.parametrize("stakeholders, organisation, other, expected", CASES)
def test_rule_on_real_passages(stakeholders, organisation, other, expected):
    assert infer_helix(stakeholders, organisation, other) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("the Lake Constance region", ["industry"]),  # a region in the common sense is no actor
        ("Business Schools and Universities", ["academia"]),  # a business school is no school
        ("", ["industry"]),  # nothing at all: a cluster is a grouping of companies
    ],
)
def test_rule_edges(text, expected):
    assert infer_helix(text, "") == expected


def test_one_passing_mention_is_not_an_environmental_goal():
    other = "Romanian clusters cover most ecosystems, most in Energy / Renewables (10)."
    assert "environment" not in infer_helix("companies", "", other)
    assert "environment" in infer_helix("companies", "", other + " Recycling of plastics.")


def test_roles_come_in_canonical_order():
    roles = infer_helix("citizens, a university, a ministry and SMEs", "", "")
    assert (
        roles
        == [r for r in ROLES if r in roles]
        == ["industry", "academia", "government", "civil-society"]
    )
