"""The data catalogue against DCAT-AP 3.0.1's SHACL shapes, as data.europa.eu checks it.

The tool: pyshacl 0.40.1 (requirements.lock), with SEMICeu's shapes vendored in
tests/dcat-ap/ (its README names the commit): the mandatory shapes (shapes.ttl), the
range shapes (range.ttl) and the recommended ones (shapes_recommended.ttl). The EU code
lists are not loaded: the catalogue types each of their addresses itself, as the ranges ask.

The mandatory and range shapes find nothing. The recommended shapes find only what the
handbook's data cannot give, each kind named in RECOMMENDED_GAPS with the reason; a new
warning fails.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import RDF, BNode, Graph, Namespace, URIRef
from rdflib.namespace import SH, SKOS

from site_builder.build.data_files import alpha_3
from site_builder.content.validate import load_handbook
from site_builder.core.urls import Urls
from site_builder.outputs import catalogue

from .helpers.projects import PROJECT, TESTS

SHAPES = TESTS / "dcat-ap"
DCT = Namespace("http://purl.org/dc/terms/")
DCAT = Namespace("http://www.w3.org/ns/dcat#")
EU = "http://publications.europa.eu/resource/authority/"

# What the recommended shapes still ask and the data does not give: (property, the kind
# of node that lacks it) -> why. Never filled in by guessing.
RECOMMENDED_GAPS = {
    # The licence the sources force: none of them states one (sources.yml), and the
    # handbook never invents one; the catalogue's description says so (catalogue.NO_LICENCE).
    (DCT.license, "catalog"): "no source states a licence",
    (DCT.license, "distribution"): "no source states a licence",
    # The schemas describe a format, not a place or a time; the recommendations state
    # neither the places they apply to nor (see below) an end to their years.
    (DCT.spatial, "dataset"): "the schemas and the recommendations name no place",
    (DCT.temporal, "dataset"): "the schemas cover no period",
    # Some practices go on (no end in their period), so the practices' period is open.
    (DCAT.endDate, "period"): "practices still running have no end date",
    # The EU country table's addresses carry no geometry in the handbook's data.
    (DCAT.bbox, "location"): "the country table gives no bounding box",
    (DCAT.centroid, "location"): "the country table gives no centroid",
    # Neither the editors nor sources.yml state what kind of body each publisher is
    # (ADMS publisher type).
    (DCT.type, "agent"): "no publisher's kind is stated",
}


def real_catalogue(urls: Urls) -> Graph:
    """The real handbook's catalogue, made in-process as build/data_files.py makes it (the
    files' sizes aside), with mkdocs.yml's publisher and description."""
    from mkdocs.config import load_config

    from site_builder.adapter.settings_from_config import settings_from

    settings = settings_from(load_config(str(PROJECT / "mkdocs.yml")), built=0)
    text = catalogue.jsonld(
        load_handbook(PROJECT),
        urls,
        catalogue.Publisher(settings.publisher, settings.repository),
        "2024-01-01",
        {},
        alpha_3,
        settings.site_name,
        settings.description,
    )
    base = urls.absolute(catalogue.NAME) if urls.site_url else "file:///site/" + catalogue.NAME
    return Graph().parse(data=text, format="json-ld", publicID=base)


def results(data: Graph, shapes: str) -> list[tuple[URIRef, str, str]]:
    """Each result of one shapes file: (property, the focus node's kind, severity)."""
    shapes_graph = Graph().parse(SHAPES / shapes, format="turtle")
    _, report, _ = validate(data, shacl_graph=shapes_graph, inference="none")
    found = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        focus = report.value(result, SH.focusNode)
        severity = str(report.value(result, SH.resultSeverity)).rpartition("#")[2]
        found.append((report.value(result, SH.resultPath), kind(data, focus), severity))
    return found


def kind(data: Graph, node) -> str:
    """A node's kind, by its class: catalog, dataset, distribution, agent, location..."""
    names = {str(t).rpartition("/")[2].rpartition("#")[2] for t in data.objects(node, RDF.type)}
    for name in ("Catalog", "Dataset", "Distribution", "Agent", "Location", "PeriodOfTime"):
        if name in names:
            return {"PeriodOfTime": "period"}.get(name, name.lower())
    return "blank node" if isinstance(node, BNode) else str(node)


CATALOGUES: dict[str, Callable[[], Graph]] = {
    "local build": lambda: real_catalogue(Urls()),
    "published": lambda: real_catalogue(Urls(site_url="https://example.org/handbook/")),
}


@pytest.fixture(scope="module", params=sorted(CATALOGUES))
def data(request) -> Graph:
    return CATALOGUES[request.param]()


@pytest.mark.parametrize("shapes", ["shapes.ttl", "range.ttl"])
def test_the_mandatory_and_range_shapes_find_nothing(data: Graph, shapes: str) -> None:
    assert results(data, shapes) == []


def test_the_recommended_shapes_find_only_what_the_data_cannot_give(data: Graph) -> None:
    found = results(data, "shapes_recommended.ttl")
    assert {severity for *_, severity in found} <= {"Warning"}
    assert {(path, focus) for path, focus, _ in found} <= set(RECOMMENDED_GAPS)
    # the licence warning the sources force is there: no licence was invented
    assert (DCT.license, "catalog") in {(path, focus) for path, focus, _ in found}


def test_the_catalogue_says_why_it_has_no_licence(data: Graph) -> None:
    (catalog,) = data.subjects(RDF.type, DCAT.Catalog)
    assert catalogue.NO_LICENCE in str(data.value(catalog, DCT.description))
    assert not list(data.objects(None, DCT.license))


def test_every_eu_address_a_property_names_is_typed(data: Graph) -> None:
    """What lets the range shapes pass without the code lists: each EU table's address
    carries its class in the catalogue itself (a concept's scheme aside)."""
    named = {o for _, p, o in data if str(o).startswith(EU) and p not in (RDF.type, SKOS.inScheme)}
    assert named and all(data.value(node, RDF.type) for node in named)


@pytest.mark.slow
def test_the_built_catalogue_passes_the_same_shapes(built_site: Path) -> None:
    """The file the README's build writes, read from its address as a harvester reads it."""
    path = built_site / catalogue.NAME
    built = Graph().parse(path, format="json-ld", publicID=path.as_uri())
    assert results(built, "shapes.ttl") == results(built, "range.ttl") == []
    found = results(built, "shapes_recommended.ttl")
    assert {(p, focus) for p, focus, _ in found} <= set(RECOMMENDED_GAPS)
