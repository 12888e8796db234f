"""Atom 1.0 feeds (RFC 4287) of the practices: one of the whole handbook, and one per
value of each browse facet (ecosystem, country, helix role, cluster role), whose view is
that value's page. Each lists the view's MAX_ENTRIES practices changed last, newest
first, by the date of their last change in git; a practice git knows no date of (outside
git) is dated by the build's content date (SOURCE_DATE_EPOCH), so that every entry has
the <updated> Atom requires.

Editors' text is put on one line without control characters (citation.one_line), and
what XML 1.0 cannot hold is dropped. A practice's entry is the same text in every feed it
is in: its links are relative to the site's root (absolute under site_url), and a feed
without site_url says with xml:base where the root is. The caller makes each entry once
per record (`entry`, which the adapter remembers per practice object and date), so 5,000
practices cost one entry each per edit.
Ids are stable: the page's absolute address where the site knows it, else a urn:uuid
made from the handbook's name and the practice's id.
"""

from __future__ import annotations

import posixpath
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from site_builder.content.edition import Edition
from site_builder.content.history import iso
from site_builder.core.facets import Facet, Facets, group
from site_builder.core.model import Handbook, Practice
from site_builder.core.urls import HOME, Urls, feed_src, practice_src
from site_builder.outputs.citation import one_line

MAX_ENTRIES = 50  # a feed reader shows the newest; the views list every practice
SUMMARY = 400  # characters of a practice's first section in its entry's summary
MEDIA_TYPE = "application/atom+xml"


@dataclass(frozen=True)
class Feed:
    """A view's feed: its file, its title, what its visible link says it holds, and the
    page of the view (its alternate)."""

    src: str
    title: str
    what: str
    page: str


def whole(edition: Edition) -> Feed:
    return Feed(feed_src(), f"{edition.name}: all practices", "all practices", HOME)


def of_value(facet: Facet, value: str, edition: Edition) -> Feed:
    label = facet.label(value)
    what = f"the practices of {label} ({facet.singular.lower()})"
    return Feed(
        feed_src(facet.key, facet.slug(value)),
        f"{edition.name}: {label} ({facet.singular.lower()})",
        what,
        facet.src_uri(value),
    )


def updated(p: Practice, edition: Edition) -> int:
    """When the practice last changed, or (git knows not) the build's content date."""
    changed = edition.changed(p.path)
    return edition.built if changed is None else changed


Entry = Callable[[Practice], str]  # a practice's <entry>, made once per record


def files(handbook: Handbook, facets: Facets, edition: Edition, urls: Urls, entry: Entry):
    """Every feed's file: its path in the site -> its XML."""
    out = {whole(edition).src: feed(whole(edition), handbook.practices, edition, urls, entry)}
    for facet in facets.browse:
        for value, practices in group(handbook.practices, facet).items():
            view = of_value(facet, value, edition)
            out[view.src] = feed(view, practices, edition, urls, entry)
    return out


def feed(view: Feed, practices, edition: Edition, urls: Urls, entry: Entry) -> str:
    newest = sorted(practices, key=lambda p: (-updated(p, edition), p.title.casefold(), p.id))
    shown = newest[:MAX_ENTRIES]
    when = max((updated(p, edition) for p in shown), default=edition.built)
    base = ""
    if not urls.site_url:  # the entries' links are relative to the site's root
        base = f' xml:base="{posixpath.relpath(".", posixpath.dirname(view.src))}/"'
    head = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{attr(edition.language)}"{base}>',
        f"  <id>{text(identifier(urls, edition, view.src))}</id>",
        f"  <title>{text(one_line(view.title))}</title>",
        f"  <updated>{iso(when)}</updated>",
        f'  <link rel="self" type="{MEDIA_TYPE}" href="{attr(urls.absolute(view.src))}"/>',
        f'  <link rel="alternate" type="text/html" href="{attr(urls.absolute(view.page))}"/>',
        f"  <author><name>{text(one_line(edition.name))}</name></author>",
    ]
    return "\n".join([*head, *(entry(p) for p in shown), "</feed>"]) + "\n"


def entry_xml(p: Practice, edition: Edition, urls: Urls, facets: Facets, first_section: str) -> str:
    """The practice's <entry>: the same in every feed it is in."""
    page = practice_src(p.id)
    lines = [
        "  <entry>",
        f"    <id>{text(identifier(urls, edition, page))}</id>",
        f"    <title>{text(one_line(p.title))}</title>",
        f'    <link rel="alternate" type="text/html" href="{attr(urls.absolute(page))}"/>',
        f"    <updated>{iso(updated(p, edition))}</updated>",
        f"    <author><name>{text(one_line(p.organisation))}</name></author>",
        f"    <summary>{text(shortened(first_section))}</summary>",
    ]
    for facet in facets.filters:
        scheme = f' scheme="{attr(urls.absolute(facet.index_uri))}"' if facet.folder else ""
        for value in facet.values_of(p):
            lines.append(
                f'    <category term="{attr(value)}"{scheme} label="{attr(facet.label(value))}"/>'
            )
    return "\n".join([*lines, "  </entry>"])


def identifier(urls: Urls, edition: Edition, src: str) -> str:
    """A stable id: the absolute address where the site has one, else a urn:uuid."""
    if urls.site_url:
        return urls.absolute(src)
    return uuid.uuid5(uuid.NAMESPACE_URL, f"{edition.name}\x1f{src}").urn


def shortened(plain_text: str) -> str:
    words = one_line(plain_text)
    if len(words) <= SUMMARY:
        return words
    return words[:SUMMARY].rsplit(" ", 1)[0] + " …"


_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def text(value: str) -> str:
    """Character data: what XML 1.0 cannot hold removed, & < > escaped."""
    value = _NOT_XML.sub("", value)
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def attr(value: str) -> str:
    """An attribute's value in double quotes: also " escaped, and line breaks kept."""
    escaped = text(value).replace('"', "&quot;")
    return escaped.replace("\t", "&#9;").replace("\n", "&#10;").replace("\r", "&#13;")
