"""robots.txt, which tells crawlers where the sitemap is: written only where the site
knows its address (mkdocs.yml's site_url, from HANDBOOK_SITE_URL), since the Sitemaps
protocol wants the sitemap's absolute address. The sitemap itself is MkDocs' (a static
template of its theme, with a .gz copy); without an address it would be an empty
urlset, which the sitemaps.org schema refuses, so the adapter has MkDocs write none.
Crawlers read robots.txt at a host's root: under a site_url with a path, it is there
for a server that serves the site at its root too."""

from __future__ import annotations

from site_builder.core.urls import Urls

NAME = "robots.txt"
SITEMAP = "sitemap.xml"  # MkDocs' name for it


def text(urls: Urls) -> str | None:
    """robots.txt's text: every crawler welcome, and the sitemap; None without an address."""
    sitemap = urls.published(SITEMAP)
    if sitemap is None:
        return None
    return f"User-agent: *\nDisallow:\n\nSitemap: {sitemap}\n"
