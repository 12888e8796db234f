"""Every address in the site, from one place.

Pages are named by their source path (``practices/ribes-nest-veneto.md``), as MkDocs
names its files; :class:`Urls` turns a source path into the file MkDocs writes and the
URL it is reached at, following ``use_directory_urls`` exactly as MkDocs does
(``practices/x.html``, or ``practices/x/`` with directory URLs), and writes the relative
link from one page to another. Templates, the search index and the exports take their
links from here; nothing writes ``.html`` by hand.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass


def practice_src(practice_id: str) -> str:
    return f"practices/{practice_id}.md"


def recommendation_src(recommendation_id: str) -> str:
    return f"recommendations/{recommendation_id}.md"


HOME = "index.md"
ALL_PRACTICES = "practices/index.md"
RECOMMENDATIONS = "recommendations/index.md"
STATISTICS = "stats.md"
COVERAGE = "coverage.md"
ABOUT = "about.md"
PROBLEMS = "problems.md"  # under `mkdocs serve`, while the content has problems
WHATS_NEW = "whats-new.md"
ACCESSIBILITY = "accessibility.md"
PRINT_VIEW = "print/index.md"  # prints the selection its address names


def print_fragment(practice_id: str) -> str:
    """The script the print view loads for one practice, beside the view."""
    return f"{posixpath.dirname(PRINT_VIEW)}/{practice_id}.js"


def feed_src(facet_key: str | None = None, slug: str | None = None) -> str:
    """The Atom feed of the whole handbook, or of one value's view (feeds.py):
    feeds/practices.xml, feeds/<facet key>/<value's slug>.xml (feeds/ecosystem/health.xml)."""
    return "feeds/practices.xml" if facet_key is None else f"feeds/{facet_key}/{slug}.xml"


def all_practices_src(number: int) -> str:
    """Page `number` (from 1) of All practices as a static list: the first is All
    practices itself, the others practices/page/<n>.md (a practice id is no folder)."""
    return ALL_PRACTICES if number == 1 else f"practices/page/{number}.md"


def reserved_practice_names() -> dict[str, str]:
    """Names under practices/ that the site's own pages use, with the page's name: the
    list of all practices (practices/index.md) and the folder of its further pages."""
    names = {}
    pages = (
        (ALL_PRACTICES, "the page All practices"),
        (all_practices_src(2), "the further pages of All practices"),
    )
    for src, what in pages:
        first = posixpath.relpath(src, posixpath.dirname(practice_src("x"))).split("/")[0]
        names[first.removesuffix(".md")] = what
    return names


@dataclass(frozen=True)
class Urls:
    directory_urls: bool = False
    site_url: str | None = None  # where the site is published ("https://…/"), if known

    def absolute(self, target: str) -> str:
        """The address of a page or file for use outside the site (citations, feeds,
        the data catalogue): under `site_url` when the site knows where it is
        published, else relative to the site's root (a local or offline build)."""
        path, hash_, fragment = target.partition("#")
        to = self.url(path)
        if to == "./":
            to = ""
        base = (self.site_url or "").rstrip("/")
        full = f"{base}/{to}" if base else (to or "./")
        return full + (hash_ + fragment if hash_ else "")

    def published(self, target: str) -> str | None:
        """The absolute address of a page or file, under `site_url`; None where the
        site does not know where it is published (for formats that need an absolute
        address: a citation's URL is left out rather than made to lead nowhere)."""
        return self.absolute(target) if self.site_url else None

    def address(self, target: str, from_file: str) -> str:
        """The address of a page or file as written in `from_file` (a page's source path
        or a file's path in the site) for a reader that resolves it against that file
        (JSON-LD, CSV on the Web, a canonical link): absolute under `site_url` where the
        site knows it, else relative to `from_file`."""
        return self.absolute(target) if self.site_url else self.link(target, from_file)

    def dest(self, src: str) -> str:
        """The file written for a source path; a path that is no page stays as it is."""
        if not src.endswith(".md"):
            return src
        stem = src[:-3]
        name = stem.rpartition("/")[2]
        if name == "index":
            return stem + ".html"
        if self.directory_urls:
            return f"{stem}/index.html"
        return stem + ".html"

    def url(self, src: str) -> str:
        """The page's URL relative to the site's root, as MkDocs' File.url gives it."""
        dest = self.dest(src)
        if (
            self.directory_urls
            and src.endswith(".md")
            and (dest == "index.html" or dest.endswith("/index.html"))
        ):
            dest = dest[: -len("index.html")]
            return dest or "./"
        return dest

    def link(self, target: str, from_src: str) -> str:
        """The relative link from the page `from_src` to a page or file `target`
        (a source path, optionally with a #fragment)."""
        path, hash_, fragment = target.partition("#")
        start = posixpath.dirname(self.dest(from_src)) or "."
        to = self.url(path)
        trailing = to.endswith("/") or to == "./"
        relative = posixpath.relpath(to if not trailing else to.rstrip("/") or ".", start)
        if trailing:
            relative = relative + "/" if relative != "." else "./"
        return relative + (hash_ + fragment if hash_ else "")

    def linker(self, from_src: str):
        """`href(target)` for the templates of the page `from_src`."""
        return lambda target: self.link(target, from_src)
