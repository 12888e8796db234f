"""The open-data catalogue (DCAT-AP, JSON-LD) and the CSV on the Web description of the CSV.

The catalogue is read as RDF, by rdflib's JSON-LD parser, as a harvester such as
data.europa.eu reads it; the CSVW metadata is checked against the CSV it describes.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pycountry
import pytest
from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, XSD

from site_builder.core.model import Handbook, Source
from site_builder.core.urls import Urls
from site_builder.outputs import catalogue, csvw
from site_builder.outputs.csv_columns import HEADER, Column

from .helpers.projects import PROJECT, VOCABULARIES
from .helpers.records import practice

PROV = Namespace("http://www.w3.org/ns/prov#")
EU = "http://publications.europa.eu/resource/authority/"
IANA = "http://www.iana.org/assignments/media-types/"


def graph_of(text: str, base: str) -> Graph:
    return Graph().parse(data=text, format="json-ld", publicID=base)


def catalogue_graph(site: Path) -> tuple[Graph, URIRef]:
    path = site / catalogue.NAME
    graph = graph_of(path.read_text(encoding="utf-8"), path.as_uri())
    (catalog,) = graph.subjects(RDF.type, DCAT.Catalog)
    return graph, catalog


def one(graph: Graph, subject, predicate):
    values = list(graph.objects(subject, predicate))
    assert len(values) == 1, f"{subject} {predicate}: {values}"
    return values[0]


def local_file(site: Path, iri) -> Path:
    """The built file an IRI of the catalogue names (it resolved against file://)."""
    path = Path(str(iri).removeprefix("file://").split("#")[0])
    assert path.is_relative_to(site), iri
    return path


# -- the real handbook's catalogue -------------------------------------------------------------


@pytest.mark.slow
def test_the_catalogue_has_dcat_aps_mandatory_classes_and_properties(built_site: Path) -> None:
    graph, catalog = catalogue_graph(built_site)
    for predicate in (DCTERMS.title, DCTERMS.description):
        assert one(graph, catalog, predicate).language == "en"
    publisher = one(graph, catalog, DCTERMS.publisher)
    assert (publisher, RDF.type, FOAF.Agent) in graph
    assert str(one(graph, publisher, FOAF.name)) == "Cluster Good-Practice Handbook editors"
    datasets = set(graph.objects(catalog, DCAT.dataset))
    assert {str(one(graph, d, DCTERMS.title)) for d in datasets} == {
        "Good practices of European cluster organisations",
        "Policy recommendations for cluster policy",
        "JSON Schemas of the handbook's practices and recommendations",
    }
    for dataset in datasets:
        assert (dataset, RDF.type, DCAT.Dataset) in graph
        assert one(graph, dataset, DCTERMS.description)
        assert one(graph, dataset, DCTERMS.publisher) == publisher
        assert one(graph, dataset, DCAT.contactPoint)
        themes = list(graph.objects(dataset, DCAT.theme))
        assert themes and all(str(t).startswith(EU + "data-theme/") for t in themes)
        distributions = list(graph.objects(dataset, DCAT.distribution))
        assert distributions
        for distribution in distributions:
            assert (distribution, RDF.type, DCAT.Distribution) in graph
            assert one(graph, distribution, DCAT.accessURL)
            assert str(one(graph, distribution, DCAT.mediaType)).startswith(IANA)
            assert str(one(graph, distribution, DCTERMS["format"])).startswith(EU + "file-type/")


@pytest.mark.slow
def test_every_address_in_the_catalogue_is_a_file_of_the_site(built_site: Path) -> None:
    graph, catalog = catalogue_graph(built_site)
    downloads = list(graph.objects(None, DCAT.downloadURL))
    assert len(downloads) == 6
    named = [
        *downloads,
        *graph.objects(None, DCAT.accessURL),
        *graph.objects(None, DCAT.landingPage),
        one(graph, catalog, FOAF.homepage),
        *(s for s in graph.objects(None, DCTERMS.conformsTo) if str(s).startswith("file:")),
    ]
    for iri in named:
        assert local_file(built_site, iri).is_file(), iri
    for distribution in graph.subjects(RDF.type, DCAT.Distribution):
        file = local_file(built_site, one(graph, distribution, DCAT.downloadURL))
        assert int(one(graph, distribution, DCAT.byteSize)) == file.stat().st_size


@pytest.mark.slow
def test_each_sources_licence_is_as_stated_and_unstated_ones_say_so(built_site: Path) -> None:
    """No source of the handbook states a licence (sources.yml has no `licence:`): each
    says so, and no distribution claims one."""
    assert "\n  licence:" not in (PROJECT / "sources.yml").read_text(encoding="utf-8")
    graph, _ = catalogue_graph(built_site)
    sources = set(graph.objects(None, PROV.wasDerivedFrom))
    practices = json.loads((built_site / "data/practices.json").read_text("utf-8"))["practices"]
    recommendations = json.loads((built_site / "data/recommendations.json").read_text("utf-8"))
    keys = {p["source"] for p in practices} | {
        r["source"] for r in recommendations["recommendations"]
    }
    assert {str(s).rpartition("#source-")[2] for s in sources} == keys
    for source in sources:
        rights = one(graph, source, DCTERMS.rights)
        assert str(one(graph, rights, RDFS.label)) == catalogue.NOT_STATED
        assert not list(graph.objects(source, DCTERMS.license))
    assert not list(graph.objects(None, DCTERMS.license))
    for distribution in graph.subjects(RDF.type, DCAT.Distribution):
        statement = one(graph, one(graph, distribution, DCTERMS.rights), RDFS.label)
        assert "licence not stated" in str(statement) or "state no licence" in str(statement)


@pytest.mark.slow
def test_the_spatial_coverage_is_the_practices_countries(built_site: Path) -> None:
    graph, catalog = catalogue_graph(built_site)
    practices = json.loads((built_site / "data/practices.json").read_text("utf-8"))["practices"]
    expected = {
        URIRef(EU + "country/" + pycountry.countries.get(alpha_2=p["country"]).alpha_3)
        for p in practices
    }
    assert set(graph.objects(catalog, DCTERMS.spatial)) == expected
    assert URIRef(EU + "country/ITA") in expected


# -- dates and addresses follow the build's settings ----------------------------------------------


@pytest.fixture(scope="module")
def published(published_site: Path) -> Path:
    """A small handbook built as the publish workflow builds it: with its address
    (https://example.org/handbook/), its repository and a content date (2023-11-14)."""
    return published_site


@pytest.mark.slow
def test_a_published_catalogue_gives_absolute_addresses_and_the_content_date(
    published: Path,
) -> None:
    text = (published / catalogue.NAME).read_text(encoding="utf-8")
    graph = graph_of(text, "https://elsewhere.example/any.jsonld")  # its base plays no part
    (catalog,) = graph.subjects(RDF.type, DCAT.Catalog)
    assert str(catalog) == "https://example.org/handbook/data/catalog.jsonld"
    assert set(map(str, graph.objects(None, DCAT.downloadURL))) == {
        f"https://example.org/handbook/{path}"
        for path in (
            "data/practices.json",
            "data/practices.csv",
            csvw.NAME,
            "data/recommendations.json",
            "schema/practice.schema.json",
            "schema/recommendation.schema.json",
        )
    }
    day = Literal("2023-11-14", datatype=XSD.date)
    assert one(graph, catalog, DCTERMS.modified) == day
    for dataset in graph.objects(catalog, DCAT.dataset):
        assert one(graph, dataset, DCTERMS.issued) == day
        assert one(graph, dataset, DCTERMS.modified) == day
    contact = one(graph, catalog, DCAT.contactPoint)
    vcard = Namespace("http://www.w3.org/2006/vcard/ns#")
    assert str(one(graph, contact, vcard.hasURL)) == "https://github.com/example/handbook/issues"


# -- licences as sources state them --------------------------------------------------------------


def handbook_with(*sources: Source) -> Handbook:
    """One practice from each source."""
    practices = tuple(practice(f"p-{s.key}", source=s.key) for s in sources)
    return Handbook(practices, (), {s.key: s for s in sources}, VOCABULARIES)


def licences(*sources: Source) -> Graph:
    text = catalogue.jsonld(
        handbook_with(*sources),
        Urls(site_url="https://example.org/"),
        catalogue.Publisher("Editors"),
        "2024-01-01",
        {},
        lambda code: "ITA",
    )
    return graph_of(text, "https://example.org/data/catalog.jsonld")


CC_BY = "https://creativecommons.org/licenses/by/4.0/"


def test_a_licence_every_source_states_is_the_distributions_licence() -> None:
    graph = licences(Source("a", "A", licence=CC_BY), Source("b", "B", licence=CC_BY))
    practices = URIRef("https://example.org/data/catalog.jsonld#practices")
    for distribution in graph.objects(practices, DCAT.distribution):
        assert one(graph, distribution, DCTERMS.license) == URIRef(CC_BY)
    for source in graph.objects(practices, PROV.wasDerivedFrom):
        assert one(graph, source, DCTERMS.license) == URIRef(CC_BY)


@pytest.mark.parametrize(
    "stated, expected",
    [(None, "licence not stated by the source"), ("All rights reserved", "All rights reserved")],
)
def test_a_licence_stated_in_words_or_not_at_all_is_a_rights_statement(
    stated: str | None, expected: str
) -> None:
    graph = licences(Source("a", "A", licence=CC_BY), Source("b", "B", licence=stated))
    practices = URIRef("https://example.org/data/catalog.jsonld#practices")
    b = URIRef("https://example.org/data/catalog.jsonld#source-b")
    assert str(one(graph, one(graph, b, DCTERMS.rights), RDFS.label)) == expected
    for distribution in graph.objects(practices, DCAT.distribution):
        assert not list(graph.objects(distribution, DCTERMS.license))  # the sources differ
        words = str(one(graph, one(graph, distribution, DCTERMS.rights), RDFS.label))
        assert (
            f"A (no publisher named): {CC_BY}" in words
            and f"B (no publisher named): {expected}" in words
        )


# -- CSV on the Web ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def table(built_site: Path) -> tuple[dict, list[dict[str, str]], list[str]]:
    meta = json.loads((built_site / csvw.NAME).read_text(encoding="utf-8"))
    text = (built_site / "data/practices.csv").read_text(encoding="utf-8")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    return meta, list(reader), list(reader.fieldnames or [])


@pytest.mark.slow
def test_the_csvw_columns_are_the_csv_header(table) -> None:
    meta, _, header = table
    columns = meta["tableSchema"]["columns"]
    assert [c["name"] for c in columns] == [c["titles"] for c in columns] == header == HEADER
    assert meta["url"] == "practices.csv"
    assert meta["tableSchema"]["primaryKey"] == "id"
    assert all(c["dc:title"]["@value"] for c in columns)


@pytest.mark.slow
def test_the_csvw_separators_and_datatypes_read_the_csv_as_the_json_has_it(
    built_site: Path, table
) -> None:
    meta, rows, _ = table
    records = {
        p["id"]: p
        for p in json.loads((built_site / "data/practices.json").read_text("utf-8"))["practices"]
    }
    columns = {c["name"]: c for c in meta["tableSchema"]["columns"]}
    assert [row["id"] for row in rows] == sorted(records)  # the primary key: unique
    for row in rows:
        record = records[row["id"]]
        for name in ("ecosystems", "helix", "themes"):
            separator = columns[name].get("separator")
            cells = row[name].split(separator) if row[name] and separator else []
            assert cells == record[name], (row["id"], name)
        for name, column in columns.items():
            if column["required"]:
                assert row[name], (row["id"], name)
            datatype = column["datatype"]
            if isinstance(datatype, dict) and row[name]:
                assert re.fullmatch(datatype["format"], row[name]), (row["id"], name)
        about = meta["tableSchema"]["aboutUrl"].replace("{id}", row["id"])
        # both resolved against the metadata file, in data/ (CSVW)
        page = (built_site / "data" / row["url"]).resolve()
        assert (built_site / "data" / about).resolve() == page
        assert page.is_file()


def test_a_column_is_described_for_csvw_where_it_is_defined_or_cannot_be_defined() -> None:
    """The CSV and its metadata are made from one table of columns (csv_columns.py): a
    column without its datatype, or without saying whether every row has a value, is no
    column; and every column of the table is described, in the CSV's order."""
    with pytest.raises(TypeError, match="datatype"):
        Column("budget")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="required"):
        Column("budget", "decimal")  # type: ignore[call-arg]
    meta = json.loads(csvw.metadata(VOCABULARIES, Urls(), "All practices as CSV"))
    assert [column["name"] for column in meta["tableSchema"]["columns"]] == HEADER


# -- a reader looking for the data --------------------------------------------------------------


@pytest.mark.browser
def test_the_home_page_links_the_catalogue_and_it_loads_and_parses(page, site_server) -> None:
    page.goto(site_server + "index.html")
    link = page.get_by_role("link", name="Catalogue of these data sets")
    assert link.is_visible()
    href = link.evaluate("a => a.href")
    status, text = page.evaluate(
        "async (u) => { const r = await fetch(u); return [r.status, await r.text()]; }", href
    )
    assert status == 200
    graph = graph_of(text, href)
    (catalog,) = graph.subjects(RDF.type, DCAT.Catalog)
    assert str(catalog) == href
    assert len(list(graph.objects(catalog, DCAT.dataset))) == 3
