"""What must never be in HTML the site makes of editors' text: no script-capable element, no
event handler, no javascript:/data:/vbscript: URL, no inline style, no remote image."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from site_builder.outputs import citation

BANNED_TAGS = {
    "script",
    "iframe",
    "frame",
    "object",
    "embed",
    "applet",
    "svg",
    "math",
    "style",
    "link",
    "meta",
    "base",
    "form",
    "input",
    "button",
    "textarea",
    "select",
    "template",
    "noscript",
    "body",
    "html",
    "video",
    "audio",
    "source",
    "marquee",
    "details",
}
OTHER_HOST = re.compile(r"([a-z][a-z0-9+.-]*:|//)", re.I)
BAD_URL = re.compile(r"^[\x00-\x20]*(j\s*a\s*v\s*a\s*s\s*c\s*r\s*i\s*p\s*t|vbscript|data):", re.I)


# What a page makes itself, never from editors' markup: its citation downloads, data:
# addresses of a citation format's media type (citation.FORMATS) on a link to download
OWN_DOWNLOAD = re.compile(
    "^data:(" + "|".join(re.escape(f[2]) for f in citation.FORMATS) + ");charset=utf-8;base64,"
    "[A-Za-z0-9+/]*=*$"
)


class Inspector(HTMLParser):
    def __init__(self, own_downloads: bool = False) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.own_downloads = own_downloads  # a whole page: its citation downloads are its own

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        if (
            self.own_downloads
            and tag == "a"
            and named.get("download")
            and OWN_DOWNLOAD.match(named.get("href") or "")
        ):
            attrs = [(n, v) for n, v in attrs if n != "href"]
        if tag in BANNED_TAGS:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on") or name in ("style", "srcdoc", "background", "formaction"):
                self.found.append(f"{tag}[{name}]")
            if name in ("href", "src", "action", "xlink:href") and value and BAD_URL.match(value):
                self.found.append(f"{tag}[{name}={value}]")
            if (
                tag == "img"
                and name == "src"
                and value
                and OTHER_HOST.match(re.sub(r"[\t\n\r]", "", value).strip().replace("\\", "/"))
            ):
                self.found.append(f"remote image {value}")
            if name == "id" and value and value.startswith("__"):
                self.found.append(f"material's id {value}")


def dangers(html: str, own_downloads: bool = False) -> list[str]:
    inspector = Inspector(own_downloads)
    inspector.feed(html)
    inspector.close()
    return inspector.found


def page_dangers(html: str) -> list[str]:
    """dangers() of a whole generated page: its own citation downloads are no danger."""
    return dangers(html, own_downloads=True)
