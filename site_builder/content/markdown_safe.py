"""Editors' Markdown to HTML that cannot run script in a reader's browser.

Markdown is rendered with a fixed set of extensions and then passed through
an allow-list sanitiser (nh3, the Python binding of the Rust crate ammonia):
whatever the validator said, only the tags, attributes and URL schemes below
survive. Headings are shifted so an editor's `###` stays below our `<h2>`.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import markdown
import nh3

TAGS = {
    "p",
    "br",
    "hr",
    "a",
    "em",
    "strong",
    "b",
    "i",
    "u",
    "s",
    "del",
    "ins",
    "sub",
    "sup",
    "code",
    "pre",
    "kbd",
    "blockquote",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "th",
    "td",
    "caption",
    "abbr",
    "img",
    "figure",
    "figcaption",
    "span",
    "div",
}
ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "th": {"align", "colspan", "rowspan", "scope"},
    "td": {"align", "colspan", "rowspan"},
    "abbr": {"title"},
    "ol": {"start"},
    "*": {"id"},
}
URL_SCHEMES = {"http", "https", "mailto"}
EXTENSIONS = ["tables", "sane_lists", "fenced_code", "footnotes", "def_list", "abbr"]
_HEADING = re.compile(r"<(/?)h([1-6])\b")


def _shift_headings(html: str, lowest: int = 3) -> str:
    """Keep editors' headings below the page's own section headings."""
    levels = sorted({int(m.group(2)) for m in _HEADING.finditer(html)})
    if not levels or levels[0] >= lowest:
        return html
    shift = lowest - levels[0]
    return _HEADING.sub(lambda m: f"<{m.group(1)}h{min(int(m.group(2)) + shift, 6)}", html)


# What a browser ignores or rewrites in a URL before it reads it: tabs and line breaks
# anywhere, controls and spaces at the ends, and `\` for `/` (so `\\host` is `//host`).
_URL_NOISE = re.compile(r"[\t\n\r]|^[\x00-\x20]+|[\x00-\x20]+$")
_OTHER_HOST = re.compile(r"^([a-z][a-z0-9+.-]*:|//)", re.I)


def _as_browser_reads(url: str) -> str:
    return _URL_NOISE.sub("", url).replace("\\", "/")


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    """An image from another host would be a request to it: keep only local ones.
    Ids such as `__config` are mkdocs-material's own: an editor's would shadow them."""
    if tag == "img" and attribute == "src" and _OTHER_HOST.match(_as_browser_reads(value)):
        return None
    if attribute == "id" and value.startswith("__"):
        return None
    return value


# What every cleaning keeps and drops, besides the tags. Elements whose content is
# code or would show raw markup go with everything inside them.
_RULES: dict[str, Any] = {
    "attributes": ATTRIBUTES,
    "url_schemes": URL_SCHEMES,
    "attribute_filter": _attribute_filter,
    "link_rel": "noopener noreferrer nofollow",
    "strip_comments": True,
    "clean_content_tags": {
        "script",
        "style",
        "iframe",
        "object",
        "embed",
        "template",
        "noscript",
        "textarea",
        "title",
        "svg",
        "math",
    },
}


def sanitise(html: str, *, id_prefix: str = "user-") -> str:
    """Allow-list clean an HTML fragment; ids are prefixed so they cannot clash, and the
    fragment's own links to them (footnotes) follow."""
    cleaned = nh3.clean(html, tags=TAGS, id_prefix=id_prefix, **_RULES)
    return cleaned.replace('href="#', f'href="#{id_prefix}') if id_prefix else cleaned


def clean_page(html: str) -> str:
    """A whole page's HTML (a context page, an introduction): h1 and h2 kept, ids kept
    as they are (the page's table of contents links to them)."""
    return nh3.clean(html, tags=TAGS | {"h1", "h2"}, **_RULES)


# Extensions that can only change text containing their mark. A text without the mark
# is converted without them: the same HTML for about half the work. (tables also makes
# `\|` an escape, hence any `|`; a definition needs `:` and a space after tabs expand.)
_MARKS = {
    "tables": re.compile(r"\|"),
    "fenced_code": re.compile(r"```|~~~"),
    "footnotes": re.compile(r"\[\^"),
    "def_list": re.compile(r":[ \t]"),
    "abbr": re.compile(r"\*\["),
}


@cache
def _converter(extensions: tuple[str, ...]) -> markdown.Markdown:
    """One converter per extension set, reset before each use: setting up the extensions
    costs more than converting a section, and there are four sections per practice."""
    return markdown.Markdown(extensions=list(extensions), output_format="html")


def _to_html(text: str, *extra: str) -> str:
    needed = tuple(name for name in EXTENSIONS if name not in _MARKS or _MARKS[name].search(text))
    return _converter((*needed, *extra)).reset().convert(text)


def render(text: str) -> str:
    """Editor Markdown -> safe HTML."""
    html = _to_html(text)
    return sanitise(_shift_headings(html))


def render_document(text: str) -> str:
    """A whole Markdown page (a context page's introduction): h1 and h2 kept, ids added."""
    return clean_page(_to_html(text, "toc"))


def render_inline(text: str) -> str:
    """One line of editor Markdown (a list point, a title) without the wrapping <p>."""
    html = render(text)
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        return html[3:-4]
    return html
