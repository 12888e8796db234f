"""The controlled vocabularies of the handbook, defined once.

The JSON schemas (``schema/*.schema.json``), the validator and the site all
read their allowed values and display labels from here.  Each vocabulary maps
a slug (what editors write) to the label readers see.
"""

from __future__ import annotations

# The 14 industrial ecosystems of the EU industrial strategy (2021 update),
# plus "cross-sectoral" for practices that span several of them.
ECOSYSTEMS: dict[str, str] = {
    "aerospace-defence": "Aerospace and defence",
    "agri-food": "Agri-food",
    "construction": "Construction",
    "cultural-creative": "Cultural and creative industries",
    "digital": "Digital",
    "electronics": "Electronics",
    "energy-intensive": "Energy-intensive industries",
    "energy-renewables": "Renewable energy",
    "health": "Health",
    "mobility-transport-automotive": "Mobility, transport and automotive",
    "proximity-social-economy": "Proximity, social economy and civil security",
    "retail": "Retail",
    "textile": "Textile",
    "tourism": "Tourism",
    "cross-sectoral": "Cross-sectoral",
}

# The quintuple helix: the five kinds of actor a cluster brings together.
HELIX_ROLES: dict[str, str] = {
    "industry": "Industry",
    "academia": "Academia and research",
    "government": "Government and public agencies",
    "civil-society": "Civil society",
    "environment": "Environment",
}

# The five roles clusters play in industrial strategies: the five chapters
# (3.1 to 3.5) of the European Clusters Alliance guidebook.
CLUSTER_ROLES: dict[str, str] = {
    "innovation-engagement": "Fostering innovation and engagement across the helix",
    "sme-capacity": "Boosting SMEs' capacity for innovation, employment and IP",
    "research-to-market": "Bridging industry and research, from lab to market",
    "policy-renewal": "Keeping policy priorities from getting stuck",
    "market-sensing": "Sensing the market and reacting fast",
}

# The chapter number of each cluster role in the guidebook.
CLUSTER_ROLE_CHAPTERS: dict[str, str] = {
    "innovation-engagement": "3.1",
    "sme-capacity": "3.2",
    "research-to-market": "3.3",
    "policy-renewal": "3.4",
    "market-sensing": "3.5",
}

# The seven challenges of the "Clusters in Smart Industry (4.0)" project idea.
THEMES: dict[str, str] = {
    "recovery-resilience": "Recovery, resilience and growth",
    "cluster-development": "Cluster-internal development",
    "financing": "Financing and resources",
    "sustainability": "Sustainability, green and circular economy",
    "digitalisation": "Digitalisation",
    "policy": "Cluster policy",
    "internationalisation": "Cooperation and internationalisation",
}

# Status of a reviewed (older) recommendation, as the CLUSTERIX 2.0 review states it.
RECOMMENDATION_STATUSES: dict[str, str] = {
    "still-valid": "Still valid",
    "partly-implemented": "Partly implemented",
    "implemented": "Implemented",
}

# The body sections of a practice: (slug, heading).  The first four are
# required, in this order; the Interreg Europe ones may follow, in this order.
REQUIRED_SECTIONS: tuple[tuple[str, str], ...] = (
    ("challenges", "Challenges"),
    ("stakeholders", "Stakeholders"),
    ("actions", "Actions"),
    ("results", "Results"),
)
OPTIONAL_SECTIONS: tuple[tuple[str, str], ...] = (
    ("resources", "Resources needed"),
    ("evidence", "Evidence of success"),
    ("difficulties", "Difficulties encountered"),
    ("transfer", "Potential for learning or transfer"),
)
SECTIONS: tuple[tuple[str, str], ...] = REQUIRED_SECTIONS + OPTIONAL_SECTIONS
SECTION_BY_HEADING: dict[str, str] = {heading: slug for slug, heading in SECTIONS}

VOCABULARIES: dict[str, dict[str, str]] = {
    "ecosystems": ECOSYSTEMS,
    "helix": HELIX_ROLES,
    "cluster_role": CLUSTER_ROLES,
    "themes": THEMES,
    "status": RECOMMENDATION_STATUSES,
}
