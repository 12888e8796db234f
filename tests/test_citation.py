"""Cite this practice (site_builder/outputs/citation.py): the plain citation, BibTeX, RIS and
CSL-JSON downloads, the Highwire tags and the JSON-LD, each read back by a parser of its
format, from hostile editors' text too; and in Chromium, as a reader downloads them."""

from __future__ import annotations

import json
import re
from base64 import b64decode
from pathlib import Path
from urllib.parse import urljoin

import jsonschema
import pytest

from site_builder.content.edition import Edition
from site_builder.content.history import History
from site_builder.content.validate import load_handbook
from site_builder.core.facets import facets_for
from site_builder.core.model import Practice, Source
from site_builder.core.urls import Urls
from site_builder.outputs import citation

from .helpers.browser import blocking_violations, serving
from .helpers.in_memory import all_pages, in_site, page_files
from .helpers.projects import VOCABULARIES, read
from .helpers.records import HOSTILE, practice
from .helpers.sites import CHANGED, SITE, at

CSL_SCHEMA = json.loads((Path(__file__).parent / "csl/csl-data.json").read_text("utf-8"))
FACETS = facets_for(VOCABULARIES)
SOURCE = Source("eca-2025", "Clusters: good practices", "European Clusters Alliance", 2025)


def dated(path: str = "practices/ribes-nest-veneto.md") -> Edition:
    return Edition(
        name="Cluster Good-Practice Handbook", history=History(True, {path: at(CHANGED)})
    )


def cited(p: Practice, edition: Edition | None = None, urls: Urls = Urls(site_url=SITE)):
    return citation.cited(p, edition or Edition(), urls, SOURCE, FACETS)


# -- parsers of the formats, written from their specifications -------------------------------
UNTEX = {v: k for k, v in citation._TEX.items()}


def parse_bibtex(text: str) -> list[tuple[str, str, dict[str, str]]]:
    """@type{key, name = {value}, ...}: braces counted as BibTeX counts them (a backslash
    does not escape one); nothing but white space between entries."""
    entries, pos = [], 0
    while True:
        at_sign = text.find("@", pos)
        if at_sign == -1:
            assert text[pos:].strip() == ""
            return entries
        assert text[pos:at_sign].strip() == "", text[pos:at_sign]
        head = re.match(r"@(\w+)\{([A-Za-z0-9_:-]+),", text[at_sign:])
        assert head, text[at_sign : at_sign + 40]
        pos = at_sign + head.end()
        fields: dict[str, str] = {}
        while True:
            pos += len(text[pos:]) - len(text[pos:].lstrip())
            if text[pos] == "}":
                pos += 1
                break
            field = re.match(r"(\w+)\s*=\s*\{", text[pos:])
            assert field, text[pos : pos + 40]
            pos += field.end()
            depth, start = 1, pos
            while depth:
                depth += {"{": 1, "}": -1}.get(text[pos], 0)
                pos += 1
            assert field.group(1) not in fields
            fields[field.group(1)] = text[start : pos - 1]
            rest = text[pos:].lstrip()
            pos = len(text) - len(rest)
            if rest.startswith(","):
                pos += 1
        entries.append((head.group(1), head.group(2), fields))


def untex(value: str) -> str:
    """A value's text: the commands citation.tex writes read back as characters."""
    out, i = "", 0
    while i < len(value):
        for command, char in UNTEX.items():
            if value.startswith(command, i):
                out, i = out + char, i + len(command)
                break
        else:
            assert value[i] not in "{}\\", f"a bare {value[i]!r} in {value!r}"
            out, i = out + value[i], i + 1
    return out


def braced(value: str) -> str:
    assert value.startswith("{") and value.endswith("}"), value
    return value[1:-1]


def parse_ris(text: str) -> list[dict[str, list[str]]]:
    """RIS: CR LF lines `XY  - value`, each record from TY to ER."""
    assert text.endswith("\r\n")
    records, current = [], None
    for line in text[:-2].split("\r\n"):
        tag = re.fullmatch(r"([A-Z][A-Z0-9])  - (.*)", line)
        assert tag, repr(line)
        name, value = tag.groups()
        if name == "TY":
            assert current is None
            current = {"TY": [value]}
        elif name == "ER":
            assert current is not None and value == ""
            records.append(current)
            current = None
        else:
            assert current is not None
            current.setdefault(name, []).append(value)
    assert current is None
    return records


# -- the formats -----------------------------------------------------------------------------
def test_the_plain_citation_names_organisation_year_title_handbook_version_and_address() -> None:
    c = cited(practice(), dated())
    assert citation.plain(c) == (
        "RIBES per l'Ecosistema Salute e l'Alimentazione Smart (2024). Regional Innovative "
        "Network of Veneto. Cluster Good-Practice Handbook. Version of 10 June 2024. "
        "https://handbook.example.org/practices/ribes-nest-veneto.html"
    )


def test_outside_git_the_citation_has_no_version_and_the_sources_year() -> None:
    c = cited(practice(), Edition(), Urls())
    assert citation.plain(c) == (
        "RIBES per l'Ecosistema Salute e l'Alimentazione Smart (2025). Regional Innovative "
        "Network of Veneto. Cluster Good-Practice Handbook."
    )
    assert "date" not in parse_bibtex(citation.bibtex(c))[0][2]
    assert "DA" not in parse_ris(citation.ris(c))[0]
    assert citation.csl(c)["issued"] == {"date-parts": [[2025]]}
    assert "dateModified" not in citation.json_ld(practice(), c, FACETS, SOURCE, Urls())
    names = [name for name, _ in citation.highwire(c)]
    assert "citation_online_date" not in names
    assert ("citation_publication_date", "2025") in citation.highwire(c)


def test_without_a_site_url_the_formats_that_need_an_absolute_address_leave_it_out() -> None:
    c = cited(practice(), dated(), Urls())
    assert "url" not in parse_bibtex(citation.bibtex(c))[0][2]
    assert "UR" not in parse_ris(citation.ris(c))[0]
    item = citation.csl(c)
    jsonschema.Draft7Validator(CSL_SCHEMA).validate([item])
    assert "URL" not in item
    assert not [name for name, _ in citation.highwire(c) if name.endswith("_url")]
    assert "@id" not in citation.json_ld(practice(), c, FACETS, SOURCE, Urls())


def test_bibtex_parses_back_to_the_practices_facts() -> None:
    ((kind, key, fields),) = parse_bibtex(citation.bibtex(cited(practice(), dated())))
    assert (kind, key) == ("misc", "ribes-nest-veneto")
    assert untex(braced(fields["author"])) == practice().organisation  # one name, in braces
    assert untex(braced(fields["title"])) == practice().title
    assert fields["howpublished"] == "Cluster Good-Practice Handbook"
    assert (fields["year"], fields["date"]) == ("2024", "2024-06-10")
    assert fields["url"] == "https://handbook.example.org/practices/ribes-nest-veneto.html"
    assert fields["publisher"] == "European Clusters Alliance"


def test_ris_parses_back_to_the_practices_facts() -> None:
    (record,) = parse_ris(citation.ris(cited(practice(), dated())))
    assert record["TY"] == ["ELEC"] and record["ID"] == ["ribes-nest-veneto"]
    assert record["AU"] == [practice().organisation]
    assert record["TI"] == [practice().title]
    assert record["T2"] == ["Cluster Good-Practice Handbook"]
    assert (record["PY"], record["DA"]) == (["2024"], ["2024/06/10"])
    assert record["UR"] == ["https://handbook.example.org/practices/ribes-nest-veneto.html"]
    assert record["KW"] == [
        "Health",
        "Industry",
        "Academia and research",
        "Fostering innovation and engagement across the helix",
        "Digitalisation",
    ]


def test_csl_json_is_valid_against_the_csl_data_schema() -> None:
    data = json.loads(citation.csl_json(cited(practice(), dated())))
    jsonschema.Draft7Validator(CSL_SCHEMA).validate(data)
    (item,) = data
    assert item["type"] == "webpage" and item["author"] == [{"literal": practice().organisation}]
    assert item["issued"] == {"date-parts": [[2024, 6, 10]]}
    assert item["container-title"] == "Cluster Good-Practice Handbook"


def test_the_schema_would_catch_a_wrong_item() -> None:
    validator = jsonschema.Draft7Validator(CSL_SCHEMA)
    assert not validator.is_valid([{"id": "x", "type": "good-practice"}])
    assert not validator.is_valid([{"id": "x", "type": "webpage", "author": "RIBES"}])


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_text_stays_text_in_every_format(hostile: str) -> None:
    p = practice(title=hostile, organisation=hostile, region=hostile)
    c = cited(p, dated())
    expected = " ".join("".join(ch for ch in hostile if ch.isspace() or ord(ch) >= 32).split())
    assert c.title == expected and "\n" not in c.title

    ((_, _, fields),) = parse_bibtex(citation.bibtex(c))
    assert untex(braced(fields["title"])) == expected
    assert untex(braced(fields["author"])) == expected

    (record,) = parse_ris(citation.ris(c))
    assert record["TI"] == [expected] and record["AU"] == [expected]

    data = json.loads(citation.csl_json(c))
    jsonschema.Draft7Validator(CSL_SCHEMA).validate(data)
    assert data[0]["title"] == expected

    script = citation.script_json(citation.json_ld(p, c, FACETS, SOURCE, Urls(site_url=SITE)))
    assert "<" not in script and ">" not in script and "&" not in script
    assert json.loads(script)["name"] == expected
    assert json.loads(script)["spatialCoverage"]["address"]["addressRegion"] == expected


def test_the_downloads_are_data_addresses_that_decode_to_the_formats() -> None:
    c = cited(practice(), dated())
    links = citation.downloads(c)
    assert [d["file"] for d in links] == [
        "ribes-nest-veneto.bib",
        "ribes-nest-veneto.ris",
        "ribes-nest-veneto.csl.json",
    ]
    for link, (_, _, media_type, make, _) in zip(links, citation.FORMATS, strict=True):
        prefix = f"data:{media_type};charset=utf-8;base64,"
        assert link["href"].startswith(prefix)
        assert re.fullmatch(r"[A-Za-z0-9+/]*=*", link["href"][len(prefix) :])
        assert b64decode(link["href"][len(prefix) :]).decode("utf-8") == make(c)


def test_the_json_ld_describes_what_where_who() -> None:
    p = practice(period=None)
    c = cited(p, dated())
    data = citation.json_ld(p, c, FACETS, SOURCE, Urls(site_url=SITE))
    assert data["@type"] == "CreativeWork" and data["name"] == p.title
    assert [t["name"] for t in data["about"]] == [
        "Health",
        "Industry",
        "Academia and research",
        "Fostering innovation and engagement across the helix",
        "Digitalisation",
    ]
    assert data["spatialCoverage"]["address"] == {
        "@type": "PostalAddress",
        "addressCountry": "IT",
        "addressRegion": "Veneto",
    }
    assert data["spatialCoverage"]["containedInPlace"]["name"] == "Italy"
    assert data["author"] == {"@type": "Organization", "name": p.organisation}
    assert data["publisher"]["name"] == "European Clusters Alliance"
    assert data["isPartOf"] == {
        "@type": "WebSite",
        "name": "Cluster Good-Practice Handbook",
        "url": SITE + "index.html",  # the home page, as the site's URL style names it
    }
    assert data["dateModified"] == CHANGED and data["inLanguage"] == "en"
    assert data["url"] == data["@id"] == SITE + "practices/ribes-nest-veneto.html"


# -- every address of a practice page, resolved as its readers resolve it ---------------------
PAGE = "practices/ribes-nest-veneto.md"
# schema.org's JSON-LD context (https://schema.org/docs/jsonldcontext.jsonld) as it
# defines the terms whose values are addresses: "url" is an IRI ("@type": "@id"), which a
# JSON-LD processor resolves against the document's address (JSON-LD 1.1, section 4.1.2)
SCHEMA_ORG = {
    "@vocab": "https://schema.org/",
    "url": {"@id": "https://schema.org/url", "@type": "@id"},
}
HOST = "https://reader.invalid/somewhere/"  # where a local copy is opened from


def head_addresses(head: str, base: str) -> list[str]:
    """Every address in a practice page's <head> additions, resolved against the page:
    the Highwire citation_*_url tags by RFC 3986 (urljoin), the JSON-LD by rdflib 7.6's
    JSON-LD parser (what Google's and the W3C's JSON-LD tools do: expand against the base)."""
    import rdflib

    tags = re.findall(r'<meta name="(citation_\w+_url)" content="([^"]*)">', head)
    found = [urljoin(base, content) for _, content in tags]
    (script,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', head, re.S)
    data = json.loads(script)
    data["@context"] = SCHEMA_ORG  # offline: the terms as schema.org's context defines them
    graph = rdflib.Graph().parse(data=json.dumps(data), format="json-ld", base=base)
    found += sorted(str(o) for o in graph.objects(None, rdflib.URIRef("https://schema.org/url")))
    return found


@pytest.mark.parametrize("directory_urls", [False, True], ids=["html", "directory-urls"])
def test_without_a_site_url_every_address_of_a_practice_page_leads_to_a_file_of_the_site(
    corpus: Path, directory_urls: bool
) -> None:
    urls = Urls(directory_urls)
    pages = all_pages(load_handbook(corpus), {}, [], urls)
    (page,) = [p for p in pages if p.src_uri == PAGE]
    addresses = head_addresses(page.head, HOST + urls.url(PAGE))
    assert len(addresses) == 2  # the page and the handbook (JSON-LD); no Highwire URL tags
    assert [a for a in addresses if not in_site(a, HOST, page_files(pages, urls))] == []
    assert urljoin(HOST, urls.url("index.md")) in addresses  # isPartOf: the home page


def test_with_a_site_url_every_address_of_a_practice_page_is_absolute_and_leads_to_a_file(
    corpus: Path,
) -> None:
    urls = Urls(site_url=SITE)
    pages = all_pages(load_handbook(corpus), {}, [], urls)
    (page,) = [p for p in pages if p.src_uri == PAGE]
    addresses = head_addresses(page.head, "https://elsewhere.invalid/")  # base unused
    assert len(addresses) == 4  # citation_public_url, _abstract_html_url, url, isPartOf
    assert [a for a in addresses if not in_site(a, SITE, page_files(pages, urls))] == []
    assert SITE + "index.html" in addresses


# -- the built site, in Chromium -------------------------------------------------------------
@pytest.fixture(scope="module")
def published(published_history_site: Path) -> Path:
    """The history corpus built as published under SITE (mkdocs.yml's site_url)."""
    return published_history_site


def test_without_a_site_url_no_citation_names_an_address_that_leads_nowhere(
    history_site: Path,
) -> None:
    """Built as the README builds (no HANDBOOK_SITE_URL): the formats that need an absolute
    address leave it out; the JSON-LD's are relative to the page and lead to its files."""
    html = read(history_site, "practices/ribes-nest-veneto.html")
    assert "citation_public_url" not in html and "citation_abstract_html_url" not in html
    assert "Version of 10 June 2024.</p>" in html
    (script,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html)
    data = json.loads(script)
    assert (data["url"], data["isPartOf"]["url"]) == ("ribes-nest-veneto.html", "../index.html")
    for address in (data["url"], data["isPartOf"]["url"]):
        assert (history_site / "practices" / address).resolve().is_file(), address


@pytest.mark.browser
def test_a_reader_cites_a_practice_and_downloads_each_format(published: Path, page) -> None:
    from playwright.sync_api import expect

    page.goto((published / "practices/ribes-nest-veneto.html").as_uri())
    section = page.get_by_role("region", name="Cite this practice")
    expect(section.locator(".hb-cite__text")).to_have_text(
        "RIBES per l'Ecosistema Salute e l'Alimentazione Smart (2024). Regional Innovative "
        "Network of Veneto. Mini handbook. Version of 10 June 2024. "
        f"{SITE}practices/ribes-nest-veneto.html"
    )
    downloaded = {}
    for label in ("BibTeX", "RIS", "CSL-JSON"):
        with page.expect_download() as info:
            section.get_by_role("link", name=label).click()
        download = info.value
        downloaded[download.suggested_filename] = Path(download.path()).read_bytes().decode()
    assert sorted(downloaded) == [
        "ribes-nest-veneto.bib",
        "ribes-nest-veneto.csl.json",
        "ribes-nest-veneto.ris",
    ]
    ((_, key, fields),) = parse_bibtex(downloaded["ribes-nest-veneto.bib"])
    assert key == "ribes-nest-veneto" and fields["date"] == "2024-06-10"
    assert untex(braced(fields["title"])) == "Regional Innovative Network of Veneto"
    (record,) = parse_ris(downloaded["ribes-nest-veneto.ris"])
    assert record["UR"] == [f"{SITE}practices/ribes-nest-veneto.html"]
    data = json.loads(downloaded["ribes-nest-veneto.csl.json"])
    jsonschema.Draft7Validator(CSL_SCHEMA).validate(data)
    assert data[0]["container-title"] == "Mini handbook"

    tags = page.eval_on_selector_all(
        "head meta[name^='citation_']", "ms => ms.map(m => [m.name, m.content])"
    )
    assert ["citation_title", "Regional Innovative Network of Veneto"] in tags
    assert ["citation_author", "RIBES per l'Ecosistema Salute e l'Alimentazione Smart"] in tags
    assert ["citation_publication_date", "2024/06/10"] in tags
    assert ["citation_public_url", f"{SITE}practices/ribes-nest-veneto.html"] in tags
    scripts = page.eval_on_selector_all(
        "head script[type='application/ld+json']", "ss => ss.map(s => s.textContent)"
    )
    assert len(scripts) == 1
    described = json.loads(scripts[0])
    assert described["dateModified"] == CHANGED
    assert described["spatialCoverage"]["address"]["addressRegion"] == "Veneto and Friuli"
    assert described["isPartOf"]["name"] == "Mini handbook"
    assert page.console_errors == []


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390])
def test_the_cite_section_has_no_serious_accessibility_violation(
    published: Path, browser, width: int
) -> None:
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(viewport={"width": width, "height": 900})
    tab = context.new_page()
    with serving(published) as base:
        tab.goto(base + "practices/ribes-nest-veneto.html")
        tab.locator("#cite").scroll_into_view_if_needed()
        assert blocking_violations(Axe(), tab) == ""
    context.close()
