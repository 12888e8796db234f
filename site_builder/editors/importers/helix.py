"""Which helix roles a practice involves, inferred from who the source says took part.

The guidebooks do not state helix roles.  This module reads them off the
practice by one documented rule, so that every practice is judged the same way:

* The Stakeholders text and the organisation's name are searched for the kinds
  of actor listed below (whole words, any case).  Each kind found gives its role:

  - industry: companies, SMEs, enterprises, start-ups, spin-offs, businesses,
    manufacturers, producers, suppliers, investors, clusters and industry or
    business associations, and legal forms of companies (GmbH, s.r.o., SRL ...);
  - academia: universities, research centres, institutes and organisations,
    technology and competence centres, business schools, higher education,
    academia;
  - government: ministries, regions and regional councils or governments,
    provinces, municipalities, communes, cities, public authorities, bodies,
    agencies and administrations, chambers of commerce, employment services,
    policy makers, politics, the European Commission;
  - civil-society: citizens, civil society, NGOs, schools, pupils, students,
    parents, patients, caregivers, users' organisations, social enterprises and
    the social economy, the third sector, vulnerable groups, unemployed people;
  - environment: environmental bodies, and explicit environmental goals:
    renewables, recycling, circular economy, decarbonisation, carbon footprint,
    climate, biomass and bioenergy, green energy and technologies.

* The environment role is also given when the rest of the practice
  (`other_text`: challenges, actions, results) states such environmental goals:
  at least two mentions, so that a passing word ("the Energy / Renewables
  ecosystem") does not count.
* When the Stakeholders text and the organisation name no actor at all, the
  rest of the practice is searched for the other roles too.  When that still
  finds no actor (at most the environment), industry is added, since a cluster
  is first of all a grouping of companies.

Roles are returned in the canonical order of the helix.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

ROLES = ("industry", "academia", "government", "civil-society", "environment")

_PATTERNS: dict[str, list[str]] = {
    "industry": [
        r"compan(?:y|ies)",
        r"SMEs?",
        r"enterprises?",
        r"start-?ups?",
        r"scale-?ups?",
        r"spin-?offs?",
        r"spinoffs?",
        r"firms?",
        r"business(?:es)?(?! schools?)",
        r"manufacturers?",
        r"producers?",
        r"suppliers?",
        r"investors?",
        r"industry",
        r"industrial partners?",
        r"(?:technology|service) providers?",
        r"integrators",
        r"installers",
        r"corporates?",
        r"clusters?",
        r"meta-?clusters?",
        r"(?:industry|trade|entrepreneurs?') associations?",
        r"entrepreneur associations?",
        r"bank",
        r"cultivators",
        r"MedTech",
        r"GmbH",
        r"AG",
        r"s\.r\.o\.",
        r"a\.s\.",
        r"SRL",
        r"Srl",
        r"S\.A\.",
        r"SA",
        r"SpA",
        r"Ltd",
        r"EEIG",
    ],
    "academia": [
        r"universit(?:y|ies)",
        r"academia",
        r"academic",
        r"research (?:centres?|centers?|"
        r"institutes?|institutions?|organi[sz]ations?|entities|and (?:education(?:al)?|"
        r"development) (?:institutions?|organi[sz]ations?))",
        r"R&D (?:centres?|institutions?)",
        r"R&D institutions",
        r"knowledge entities",
        r"(?:technology|technical|competence|"
        r"KET|K1|COMET) (?:innovation )?cent(?:re|er)s?",
        r"technology centres?",
        r"business schools?",
        r"higher (?:education|technical)",
        r"institutes?",
        r"scientists",
        r"Fraunhofer",
        r"education and academia",
        r"(?:educational|training) (?:institutions?|organi[sz]ations?|providers?)",
        r"education providers",
        r"VET centres",
    ],
    "government": [
        r"ministr(?:y|ies)",
        r"Regions?",
        r"regional (?:councils?|governments?|governance|"
        r"authorit(?:y|ies)|development agenc(?:y|ies))",
        r"Regione",
        r"provinces?",
        r"provincial government",
        r"municipal(?:ity|ities)",
        r"municipal authorities",
        r"communes?",
        r"city of",
        r"local (?:authorit(?:y|ies)|government)",
        r"public (?:authorit(?:y|ies)|bodies|body|agenc(?:y|ies)|administrations?|"
        r"institutions?|entities|sector|calls?|employment services?)",
        r"governments?",
        r"policy ?makers?",
        r"politics",
        r"agenc(?:y|ies)",
        r"Wirtschaftsagentur",
        r"Arbeitsagentur",
        r"Jobcenter",
        r"RDAs?",
        r"chambers? of commerce",
        r"national institutions",
        r"DG ?Grow",
        r"European Commission",
        r"state enterprise",
        r"national (?:cluster association|innovation councils?)",
        r"innovation councils",
    ],
    "civil-society": [
        r"citizens?",
        r"civil society",
        r"NGOs?",
        r"(?<!business )schools?",
        r"pupils",
        r"students?",
        r"parents",
        r"patients?",
        r"caregivers",
        r"users' organi[sz]ations",
        r"end users",
        r"social (?:enterprises?|economy|care providers)",
        r"third sector",
        r"vulnerable groups?",
        r"unemployed",
        r"local communit(?:y|ies)",
        r"families",
    ],
    "environment": [
        r"environmental (?:bod(?:y|ies)|agenc(?:y|ies)|organi[sz]ations?|protection|impacts?|"
        r"sustainability|technolog(?:y|ies)|laws?|footprint|performance)",
        r"environmental, (?:economic|social),? and (?:economic|social) sustainability",
        r"greener",
        r"renewables?",
        r"renewable energy",
        r"recycl(?:e|ed|ing|ers?)",
        r"circular economy",
        r"decarboni[sz](?:e|ed|ing|ation)",
        r"carbon (?:footprint|emissions?|impact)",
        r"low-carbon",
        r"net-zero",
        r"CO₂ emissions",
        r"climate",
        r"biomass",
        r"bioenergy",
        r"green (?:energy|tech(?:nolog(?:y|ies))?|hydrogen|transformation)",
        r"(?:protect|preserv)(?:e|es|ing) the environment",
        r"respectful of the environment",
    ],
}

# Case matters for the short capitalised forms (AG, SA, RDA, SME ...), not for words.
_CASE_SENSITIVE = re.compile(r"^[A-Z][A-Za-z&.\\]*(?:s\?)?$")


def _compile(pattern: str) -> re.Pattern[str]:
    flags = 0 if _CASE_SENSITIVE.match(pattern) else re.IGNORECASE
    return re.compile(rf"(?<![\w-]){pattern}(?![\w-])", flags)


_COMPILED = {role: [_compile(p) for p in patterns] for role, patterns in _PATTERNS.items()}


def roles_in(text: str) -> set[str]:
    """Every helix role whose kinds of actor the text names."""
    return {role for role, patterns in _COMPILED.items() if any(p.search(text) for p in patterns)}


def environment_mentions(text: str) -> int:
    """How many places in the text name an environmental goal or body."""
    spans = sorted(m.span() for p in _COMPILED["environment"] for m in p.finditer(text))
    count, end = 0, -1
    for start, stop in spans:
        if start >= end:
            count += 1
        end = max(end, stop)
    return count


def infer_helix(stakeholders_text: str, organisation: str, other_text: str = "") -> list[str]:
    """The helix roles of a practice, in canonical order; never empty."""
    found = roles_in(f"{stakeholders_text}\n{organisation}")
    if not found:
        found = roles_in(other_text)
    elif environment_mentions(other_text) >= 2:
        found.add("environment")
    if not found - {"environment"}:
        found.add("industry")
    return [role for role in ROLES if role in found]


def _sections(body: str) -> dict[str, str]:
    parts = re.split(r"^## +(.+?)\s*$", body, flags=re.M)
    return {parts[i].strip(): parts[i + 1] for i in range(1, len(parts) - 1, 2)}


def reinfer_file(path: Path) -> bool:
    """Set the `helix:` line of a practice file to what the rule says; True if changed."""
    text = path.read_text(encoding="utf-8")
    _, front, body = text.split("---\n", 2)
    sections = _sections(body)
    other = "\n".join(sections.get(s, "") for s in ("Challenges", "Actions", "Results"))
    roles = infer_helix(
        sections.get("Stakeholders", ""), str(yaml.safe_load(front).get("organisation", "")), other
    )
    new = re.sub(r"^helix:.*$", f"helix: [{', '.join(roles)}]", text, count=1, flags=re.M)
    if new != text:
        path.write_text(new, encoding="utf-8", newline="\n")
    return new != text


def main(argv: list[str] | None = None) -> int:
    """`python3 -m site_builder.editors.importers.helix FILE...`: re-apply the rule to
    practice files."""
    for name in argv if argv is not None else sys.argv[1:]:
        if reinfer_file(Path(name)):
            print(f"helix updated: {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
