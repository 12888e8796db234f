"""The site's data files, by their path in the site: the exports (JSON, CSV, a selection's
scripts), the practice list, the print fragments, the JSON Schemas, the redirects, the
CSV's description (CSVW), the data catalogue (DCAT-AP), the Atom feeds and, where the
site knows its address, robots.txt.

What each practice contributes is made once per record (and date), through the store of
artefacts: under `mkdocs serve`, a rebuild with the same records makes none of it again.
"""

from __future__ import annotations

from site_builder.artefacts.sections import section_html
from site_builder.artefacts.store import ArtefactStore
from site_builder.build.settings import Settings
from site_builder.content.edition import Edition
from site_builder.core.facets import facets_for
from site_builder.core.model import Handbook, Practice
from site_builder.core.schema import schema_files
from site_builder.core.urls import Urls
from site_builder.outputs import (
    catalogue,
    csvw,
    export_selection,
    exports,
    feeds,
    practice_list,
    robots,
)
from site_builder.outputs.redirects import files as redirect_files
from site_builder.render import print_selection
from site_builder.search.entries import section_text


def data_files(
    handbook: Handbook,
    settings: Settings,
    edition: Edition,
    store: ArtefactStore,
    *,
    taken: frozenset[str] = frozenset(),
    kept_fragments: frozenset[str] = frozenset(),
) -> dict[str, str]:
    """Every data file's text. `taken` are the paths of the site's other files (no
    redirect may replace one: redirects raise ContentError), `kept_fragments` the print
    fragments the previous build's output has already."""
    urls, vocabularies = settings.urls, handbook.vocabularies
    shared = (store.vocabularies_digest(vocabularies), urls.directory_urls, urls.site_url)

    def part(kind: str, practice, make) -> str:  # each practice's, once per record
        return store.per_record(f"export-{kind}", practice, make, *shared)

    files = {
        "data/practices.json": exports.practices_json(handbook, urls, part),
        csvw.TABLE: exports.practices_csv(handbook, urls, part),
        "data/recommendations.json": exports.recommendations_json(handbook, urls),
        practice_list.NAME: practice_list.script(
            handbook,
            lambda p, make, tables: store.per_record("practice-list", p, make, tables),
        ),
        **export_selection.scripts(handbook, urls, part),
    }
    files.update(
        print_selection.fragments(
            handbook,
            lambda p: section_html(store, p),
            print_selection.remembered(store, vocabularies),
            kept_fragments,
        )
    )
    for name, text in schema_files(vocabularies).items():
        files[f"schema/{name}"] = text
    files.update(redirect_files(handbook, urls, taken | set(files)))
    files[csvw.NAME] = csvw.metadata(vocabularies, urls, "All practices as CSV")
    files[catalogue.NAME] = catalogue.jsonld(
        handbook,
        urls,
        catalogue.Publisher(settings.publisher, settings.repository),
        settings.day,
        {name: len(text.encode("utf-8")) for name, text in files.items()},
        alpha_3,
        settings.site_name,
        settings.description,
    )
    files.update(feed_files(handbook, edition, urls, store))
    if (robots_txt := robots.text(urls)) is not None:
        files[robots.NAME] = robots_txt
    return files


def feed_files(
    handbook: Handbook, edition: Edition, urls: Urls, store: ArtefactStore
) -> dict[str, str]:
    """The Atom feeds, each practice's entry made once per record (and date)."""
    facets = facets_for(handbook.vocabularies)
    shared = (
        store.vocabularies_digest(handbook.vocabularies),
        urls.directory_urls,
        urls.site_url,
        edition.name,
    )

    def entry(p: Practice) -> str:
        def make(p: Practice) -> str:
            texts = section_text(store, p)
            return feeds.entry_xml(p, edition, urls, facets, texts[0] if texts else "")

        return store.per_record("feed-entry", p, make, feeds.updated(p, edition), *shared)

    return feeds.files(handbook, facets, edition, urls, entry)


def alpha_3(code: str) -> str | None:
    """A country's ISO 3166-1 alpha-3 code, which the EU's country table uses."""
    import pycountry  # 50 ms, once per build

    country = pycountry.countries.get(alpha_2=code)
    return country.alpha_3 if country else None
