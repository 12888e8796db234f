"""What a policy maker types, and what a reader of the handbook expects to see in the first
five results (tests/test_search_quality.py; benchmarks/search_quality.py reports recall@5 and
the mean reciprocal rank over this list).

Each expectation was chosen by reading the practices and recommendations, not by looking at
what the engine returns."""

from __future__ import annotations

ROMANIA = (
    "centre-excellence-furniture",
    "collaborative-system-textile-value-chain",
    "go-furniture-meta-cluster",
    "integrated-ecosystems-example-romania",
    "one-village-1mw",
    "programme-hr-development",
    "clean-team-project-ltd",
    "european-digital-innovation-hub-transilvania",
    "medic-nest-model-sustainable-cluster-collaboration",
)

QUERIES: list[tuple[str, tuple[str, ...]]] = [
    (
        "gender equality in STEM",
        (
            "otc-promocean",
            "clusters-as-value-multipliers",
            "kompass-competence-centre-maternity-leave-career",
        ),
    ),
    ("hydrogen", ("green-hydrogen-valley",)),
    ("innovation vouchers for SMEs", ("innovation-vouchers",)),
    (
        "how to finance cluster internationalisation",
        (
            "building-sustainable-european-ecosystem",
            "clusterix-2014-internationalisation-strategies",
            "start-up-internationalisation",
        ),
    ),
    ("Romania", ROMANIA),
    (
        "VEGEPOLYS VALLEY",
        (
            "eu-projects-solution-local-actors-needs",
            "development-value-chain-urban-agriculture",
            "plant-intercluster",
        ),
    ),
    (
        "Green Tech Valley",
        (
            "green-hydrogen-valley",
            "digits-technics-push-recycling",
            "powering-green-transformation",
        ),
    ),
    (
        "public procurement of innovation",
        ("clusterix-public-procurement-innovation", "clusterix-2014-public-procurement"),
    ),
    ("monitoring and evaluation of cluster policy", ("clusterix-monitoring-evaluation",)),
    ("plastic recycling", ("iparla-industrial-plastic-recycling",)),
    (
        "digital innovation hub",
        (
            "european-digital-innovation-hub-transilvania",
            "e-dih-dante-evolution-cluster-ecosystem",
            "kickstart-trainings",
        ),
    ),
    ("hackathon", ("digiclusters-x-industry-hackathons",)),
    (
        "furniture industry",
        (
            "go-furniture-meta-cluster",
            "centre-excellence-furniture",
            "internationalisation-coopetition",
            "innovation-platform-project",
        ),
    ),
    (
        "textile",
        (
            "collaborative-system-textile-value-chain",
            "programme-hr-development",
            "natural-wool-sourcing-platform-lanatheque-fr",
            "future-footwear-plastics-manufacturing",
        ),
    ),
    ("sheep wool made in France", ("natural-wool-sourcing-platform-lanatheque-fr",)),
    (
        "Horizon Europe partners",
        (
            "partnerships-horizon-europe-p4heu-smart-cities",
            "eu-projects-solution-local-actors-needs",
        ),
    ),
    ("cell and gene therapy", ("partnerships-drive-challenging-living-drugs-development",)),
    ("digital twin for water management", ("innovative-water-management-solutions",)),
    (
        "attracting foreign investment to Ukraine",
        ("attracting-fdi-building-up-innovative-manufacturing",),
    ),
    (
        "exporting to the USA and Canada",
        ("access-north-american-market", "new-opportunities-cluster-members-third-markets"),
    ),
    (
        "tourism in mountain regions",
        (
            "mountain-trends-book-collaborative-forecasting-tool",
            "virtual-demonstrator-solutions-mountains-tomorrow-cluster",
        ),
    ),
    ("training solar panel installers", ("courses-res-installers",)),
    ("biomass energy for villages", ("one-village-1mw", "clean-team-project-ltd")),
    ("telemedicine", ("remote-healthcare-innovation",)),
    ("regional trademark for local food", ("regional-trademark-io-sono-friuli-venezia",)),
    ("start-ups going international", ("start-up-internationalisation",)),
    ("cybersecurity training", ("kickstart-trainings",)),
    ("maternity leave", ("kompass-competence-centre-maternity-leave-career",)),
    (
        "nanotechnology research",
        (
            "boosting-excellent-research-czech-nanotechnology-sector",
            "building-sustainable-european-ecosystem",
        ),
    ),
    ("leadership training for managers", ("effective-leader",)),
    ("digitalization of automotive suppliers", ("smes-go-digital",)),
    ("coordination of funding schemes", ("clusterix-2014-funding-coordination",)),
    ("mobility of cluster managers", ("clusterix-mobility-cluster-stakeholders",)),
    ("Smart Industry 4.0", ("policy/smart-industry",)),
    ("urban agriculture", ("development-value-chain-urban-agriculture",)),
    ("Catalonia", ("catalonia-health-innovation-communities",)),
    ("Piedmont smart specialisation strategy", ("piedmont-regional-innovation-cluster-system",)),
    (
        "technical high school programme with companies",
        ("future-footwear-plastics-manufacturing", "joining-forces-support-technical-education"),
    ),
    ("training lab technicians for biotech companies", ("qualibiopharma",)),
    ("students working on real IT projects", ("live-it-projects",)),
    ("precision medicine meta-cluster", ("medic-nest-model-sustainable-cluster-collaboration",)),
    ("cluster excellence label", ("clusterix-cluster-excellence",)),
    ("entrepreneurship education", ("clusterix-2014-entrepreneurial-education",)),
]


def recall_at(ranked: list[str], expected: tuple[str, ...], k: int = 5) -> float:
    return len(set(ranked[:k]) & set(expected)) / min(k, len(expected))


def reciprocal_rank(ranked: list[str], expected: tuple[str, ...]) -> float:
    return next((1 / rank for rank, doc in enumerate(ranked, 1) if doc in expected), 0.0)


# -- the context pages in an index -------------------------------------------------------------

# The role page's title, as the site gives it (not its introduction's heading), in the real
# handbook and in the mini one
ROLE_TITLE = "Fostering innovation and engagement across the helix"


def pages_of(index) -> list[dict]:
    """The context pages (docs/) of a search index."""
    return [doc for doc in index.documents() if doc["type"] == "page"]
