"""The open-data catalogue: the handbook's datasets described in DCAT-AP 3.0, as JSON-LD.

``data/catalog.jsonld`` describes three datasets, so that open-data portals such as
data.europa.eu can harvest them: the practices (JSON, and CSV with its CSV on the Web
description), the recommendations (JSON) and the JSON Schemas of both. It states:

* the publisher and a contact point (mkdocs.yml's ``extra: handbook: publisher``, else
  the site's name; the contact is the repository's issues, else the About page);
* per source document (sources.yml), the licence the document states, or, where it
  states none, a rights statement saying so (no licence is assumed); a dataset's
  distributions carry a licence only where all its sources state the same one;
* themes of the EU data-theme table, the countries of the practices (EU country table,
  ISO 3166-1 alpha-3), the languages, keywords from the vocabularies;
* the temporal coverage where the data gives it: the practices' periods, the years of the
  recommendations' sources;
* issued and modified: the content date (the last commit's, or SOURCE_DATE_EPOCH: see
  build/settings.py), so two builds of the same tree give the same bytes;
* landing pages, media types (IANA) and formats (EU file-type table), access and
  download URLs, each file's size, and its planned availability (EU table).

Each value is typed with the class DCAT-AP 3.0's range gives its property (dct:Location,
dct:MediaType, skos:Concept with its label...), so that SEMICeu's SHACL shapes validate
the catalogue without the EU vocabularies loaded (tests/test_dcat_ap.py runs them).

Addresses are absolute where the site knows where it is published (mkdocs.yml's
site_url, from HANDBOOK_SITE_URL); otherwise relative to the catalogue itself, which
JSON-LD resolves against the document's own address.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from site_builder.core.model import Handbook, Source
from site_builder.core.urls import ABOUT, ALL_PRACTICES, HOME, RECOMMENDATIONS, Urls

NAME = "data/catalog.jsonld"
EU = "http://publications.europa.eu/resource/authority/"
IANA = "http://www.iana.org/assignments/media-types/"
NOT_STATED = "licence not stated by the source"
CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "prov": "http://www.w3.org/ns/prov#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcatap": "http://data.europa.eu/r5r/",
}
# the English labels of the EU data-theme table's codes the datasets use
THEMES = {
    "ECON": "Economy and finance",
    "GOVE": "Government and public sector",
    "REGI": "Regions and cities",
    "TECH": "Science and technology",
}
# the EU planned-availability table's code and label for files kept at their address
AVAILABILITY = ("AVAILABLE", "available")
# why the catalogue and most files carry no dct:license (DCAT-AP recommends one): the
# publisher states none for the catalogue, and the sources state none (sources.yml)
NO_LICENCE = (
    "No licence is given for this catalogue, nor for a file whose sources state none or "
    "state different ones: the handbook assumes no licence its sources do not state; each "
    "file's rights statement gives each source's terms."
)


@dataclass(frozen=True)
class Publisher:
    """Who publishes the handbook, and where readers reach its editors."""

    name: str
    repository: str | None = None  # "https://github.com/owner/handbook", if known


@dataclass(frozen=True)
class Distribution:
    path: str  # in the built site
    title: str
    description: str
    media_type: str  # IANA's name
    file_type: str  # the EU file-type table's code
    conforms_to: str | None = None  # a schema or description the file follows


@dataclass(frozen=True)
class Dataset:
    key: str
    title: str
    description: str
    landing: str  # a page's source path (urls.Urls makes its address)
    themes: tuple[str, ...]  # EU data-theme codes (THEMES)
    distributions: tuple[Distribution, ...]


CSVW = "data/practices.csv-metadata.json"
JSON_SCHEMA = "https://json-schema.org/draft/2020-12/schema"
DATASETS = (
    Dataset(
        "practices",
        "Good practices of European cluster organisations",
        "Every practice of the handbook: who ran it, where, in which industrial ecosystems, "
        "with which actors of the helix, and its sections (challenges, stakeholders, "
        "actions, results).",
        ALL_PRACTICES,
        ("ECON", "REGI"),
        (
            Distribution(
                "data/practices.json",
                "All practices as JSON",
                "Every practice as one JSON object, with its facts and its sections' text.",
                "application/json",
                "JSON",
                "schema/practice.schema.json",
            ),
            Distribution(
                "data/practices.csv",
                "All practices as CSV",
                "One row per practice with its facts and its address; the CSV on the Web "
                "description gives each column's meaning and datatype.",
                "text/csv",
                "CSV",
                CSVW,
            ),
            Distribution(
                CSVW,
                "Description of the CSV's columns (CSV on the Web)",
                "The CSV's columns, their titles, datatypes and separators, in W3C's "
                "metadata vocabulary for tabular data.",
                "application/csvm+json",
                "JSON_LD",
                "http://www.w3.org/ns/csvw",
            ),
        ),
    ),
    Dataset(
        "recommendations",
        "Policy recommendations for cluster policy",
        "The handbook's policy recommendations, with their points, status and the "
        "practices that illustrate them.",
        RECOMMENDATIONS,
        ("GOVE", "ECON"),
        (
            Distribution(
                "data/recommendations.json",
                "Recommendations as JSON",
                "Every recommendation as one JSON object: its number, status, points, text "
                "and the practices that illustrate it.",
                "application/json",
                "JSON",
                "schema/recommendation.schema.json",
            ),
        ),
    ),
    Dataset(
        "schemas",
        "JSON Schemas of the handbook's practices and recommendations",
        "The format of a practice file's and a recommendation file's front matter, with "
        "every allowed value of the vocabularies and its label.",
        HOME,
        ("TECH",),
        (
            Distribution(
                "schema/practice.schema.json",
                "JSON Schema of a practice",
                "The front matter a practice file may have, with the vocabularies' values.",
                "application/json",
                "JSON",
                JSON_SCHEMA,
            ),
            Distribution(
                "schema/recommendation.schema.json",
                "JSON Schema of a recommendation",
                "The front matter a recommendation file may have.",
                "application/json",
                "JSON",
                JSON_SCHEMA,
            ),
        ),
    ),
)


def jsonld(
    handbook: Handbook,
    urls: Urls,
    publisher: Publisher,
    date: str,
    sizes: Mapping[str, int],
    alpha_3: Callable[[str], str | None],
    title: str = "Cluster Good-Practice Handbook",
    description: str = "",
) -> str:
    """The catalogue's text. `date` is the content date (YYYY-MM-DD), `sizes` the bytes
    of each data file by its path, `alpha_3` a country's three-letter code."""
    iri = _iri(urls)
    me = iri(NAME)
    agent = {"@id": me + "#publisher", "@type": "foaf:Agent", "foaf:name": publisher.name}
    contact = {
        "@id": me + "#contact",
        "@type": ["vcard:Kind", "vcard:Organization"],
        "vcard:fn": publisher.name,
        "vcard:hasURL": {
            "@id": f"{publisher.repository.rstrip('/')}/issues"
            if publisher.repository
            else iri(ABOUT)
        },
    }
    when = {"@value": date, "@type": "xsd:date"}
    countries = sorted({p.country for p in handbook.practices})
    spatial = [
        {"@id": f"{EU}country/{code}", "@type": "dct:Location"}
        for code in (alpha_3(c) for c in countries)
        if code
    ]
    language = {"@id": f"{EU}language/ENG", "@type": "dct:LinguisticSystem"}
    sources = {
        "practices": _used(handbook, [p.source for p in handbook.practices]),
        "recommendations": _used(handbook, [r.source for r in handbook.recommendations]),
        "schemas": [],
    }
    temporal = {
        "practices": _period(
            [p.period.start for p in handbook.practices if p.period and p.period.start],
            [p.period.end if p.period else None for p in handbook.practices],
        ),
        "recommendations": _period(
            [str(s.year) for s in sources["recommendations"] if s.year],
            [str(s.year) if s.year else None for s in sources["recommendations"]],
        ),
        "schemas": None,
    }
    keywords = {
        "practices": [
            handbook.vocabularies.ecosystems.label(e)
            for e in handbook.vocabularies.ecosystems
            if any(e in p.ecosystems for p in handbook.practices)
        ],
        "recommendations": ["cluster policy"],
        "schemas": ["JSON Schema"],
    }
    datasets = []
    for dataset in DATASETS:
        used = sources[dataset.key]
        rights = _rights(used, publisher) if dataset.key != "schemas" else _own_rights(publisher)
        licence = _one_licence(used)
        datasets.append(
            {
                "@id": f"{me}#{dataset.key}",
                "@type": "dcat:Dataset",
                "dct:identifier": f"{me}#{dataset.key}",
                "dct:title": _en(dataset.title),
                "dct:description": _en(dataset.description),
                "dct:publisher": {"@id": agent["@id"]},
                "dcat:contactPoint": {"@id": contact["@id"]},
                "dcat:theme": [_concept("data-theme", t, THEMES[t]) for t in dataset.themes],
                "dcat:keyword": [_en(k) for k in ["clusters", *keywords[dataset.key]]],
                "dcat:landingPage": {"@id": iri(dataset.landing), "@type": "foaf:Document"},
                "dct:language": language,
                "dct:accessRights": {
                    "@id": f"{EU}access-right/PUBLIC",
                    "@type": "dct:RightsStatement",
                },
                "dct:accrualPeriodicity": {"@id": f"{EU}frequency/IRREG", "@type": "dct:Frequency"},
                "dct:issued": when,
                "dct:modified": when,
                **({"dct:spatial": spatial} if dataset.key == "practices" else {}),
                **({"dct:temporal": temporal[dataset.key]} if temporal[dataset.key] else {}),
                "prov:wasDerivedFrom": [_source(s, iri) for s in used],
                "dcat:distribution": [
                    _distribution(d, iri, me, when, sizes, rights, licence)
                    for d in dataset.distributions
                ],
            }
        )
    catalogue = {
        "@context": CONTEXT,
        "@id": me,
        "@type": "dcat:Catalog",
        "dct:title": _en(title),
        "dct:description": _en(f"{description or title}. {NO_LICENCE}"),
        "dct:publisher": agent,
        "foaf:homepage": {"@id": iri(HOME), "@type": "foaf:Document"},
        "dct:language": language,
        "dct:issued": when,
        "dct:modified": when,
        "dcat:themeTaxonomy": {
            "@id": f"{EU}data-theme",
            "@type": "skos:ConceptScheme",
            "dct:title": _en("Data theme"),
        },
        "dct:spatial": spatial,
        "dcat:contactPoint": contact,
        "dcat:dataset": datasets,
    }
    return json.dumps(catalogue, ensure_ascii=False, indent=1) + "\n"


def _iri(urls: Urls) -> Callable[[str], str]:
    """A page's or file's IRI: absolute under site_url, else relative to the catalogue."""
    if urls.site_url:
        return urls.absolute
    return lambda target: urls.link(target, NAME)


def _en(text: str) -> dict[str, str]:
    return {"@value": text, "@language": "en"}


def _concept(table: str, code: str, label: str) -> dict[str, Any]:
    """A concept of one of the EU's tables, typed and labelled as DCAT-AP's shapes ask."""
    return {
        "@id": f"{EU}{table}/{code}",
        "@type": "skos:Concept",
        "skos:prefLabel": _en(label),
        "skos:inScheme": {"@id": f"{EU}{table}"},
    }


def _period(starts: list[str], ends: list[str | None]) -> dict[str, Any] | None:
    """The period from the earliest start to the latest end; open-ended where any of the
    periods has no end (it goes on); None where no start is known."""
    if not starts:
        return None
    node: dict[str, Any] = {"@type": "dct:PeriodOfTime", "dcat:startDate": _when(min(starts))}
    if ends and all(ends):
        node["dcat:endDate"] = _when(max(e for e in ends if e))
    return node


def _when(text: str) -> dict[str, str]:
    """A year (2014), a month (2016-06) or a day, with its XML Schema datatype."""
    kind = {4: "xsd:gYear", 7: "xsd:gYearMonth"}.get(len(text), "xsd:date")
    return {"@value": text, "@type": kind}


def _used(handbook: Handbook, keys: list[str]) -> list[Source]:
    return [handbook.sources[k] for k in sorted(set(keys)) if k in handbook.sources]


def _is_url(text: str) -> bool:
    return text.startswith(("https://", "http://"))


def _source(source: Source, iri: Callable[[str], str]) -> dict[str, Any]:
    """A source document, with the licence it states, or the statement that it states none."""
    node: dict[str, Any] = {
        "@id": iri(NAME) + f"#source-{source.key}",
        "@type": "dct:BibliographicResource",
        "dct:title": _en(source.title),
    }
    if source.publisher:
        node["dct:publisher"] = {"@type": "foaf:Agent", "foaf:name": source.publisher}
    if source.year:
        node["dct:issued"] = {"@value": str(source.year), "@type": "xsd:gYear"}
    if source.url:
        node["foaf:page"] = {"@id": source.url}
    if source.licence and _is_url(source.licence):
        node["dct:license"] = {"@id": source.licence, "@type": "dct:LicenseDocument"}
    else:
        node["dct:rights"] = _statement(source.licence or NOT_STATED)
    return node


def _statement(text: str) -> dict[str, Any]:
    return {"@type": "dct:RightsStatement", "rdfs:label": _en(text)}


def _rights(used: list[Source], publisher: Publisher) -> dict[str, Any]:
    """The terms of a dataset's files, in words: each source's, as it states them."""
    parts = [
        f"{s.title} ({s.publisher or 'no publisher named'}): {s.licence or NOT_STATED}"
        for s in used
    ]
    return _statement(
        "The texts belong to their publishers and to the organisations that wrote them; "
        f"{publisher.name} reproduces them with their source named. Terms of each source: "
        + "; ".join(parts)
        + "."
    )


def _own_rights(publisher: Publisher) -> dict[str, Any]:
    return _statement(f"Made by {publisher.name}, who state no licence for it.")


def _one_licence(used: list[Source]) -> str | None:
    """The licence all of a dataset's sources state, if they state one and the same URL."""
    stated = {s.licence for s in used}
    (only,) = stated if len(stated) == 1 else (None,)
    return only if only and _is_url(only) else None


def _distribution(
    d: Distribution,
    iri: Callable[[str], str],
    me: str,
    when: dict,
    sizes: Mapping[str, int],
    rights: dict[str, Any],
    licence: str | None,
) -> dict[str, Any]:
    address = iri(d.path)
    node: dict[str, Any] = {
        "@id": f"{me}#{d.path}",
        "@type": "dcat:Distribution",
        "dct:title": _en(d.title),
        "dct:description": _en(d.description),
        "dcat:accessURL": {"@id": address},
        "dcat:downloadURL": {"@id": address},
        "dcat:mediaType": {"@id": IANA + d.media_type, "@type": "dct:MediaType"},
        "dct:format": {"@id": f"{EU}file-type/{d.file_type}", "@type": "dct:MediaTypeOrExtent"},
        "dcatap:availability": _concept("planned-availability", *AVAILABILITY),
        "dct:issued": when,
        "dct:modified": when,
        "dct:rights": rights,
    }
    if licence:
        node["dct:license"] = {"@id": licence, "@type": "dct:LicenseDocument"}
    if d.conforms_to:
        standard = d.conforms_to if _is_url(d.conforms_to) else iri(d.conforms_to)
        node["dct:conformsTo"] = {"@id": standard, "@type": "dct:Standard"}
    if d.path in sizes:
        node["dcat:byteSize"] = {"@value": str(sizes[d.path]), "@type": "xsd:nonNegativeInteger"}
    return node
