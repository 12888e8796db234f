"""The home page: the handbook in figures, its map, roles and downloads."""

from __future__ import annotations

from collections.abc import Sequence

from site_builder.core import urls
from site_builder.core.facets import group
from site_builder.outputs import feeds
from site_builder.outputs.downloads import Download
from site_builder.render import coverage, europe_map
from site_builder.render.pages.framework import PageContext, Planned, rendered


def home_page(
    context: PageContext, downloads: Sequence[Download], written: frozenset[str]
) -> Planned:
    handbook = context.handbook
    role = context.facets.role
    shown: dict = {
        "practice_count": len(handbook.practices),
        "country_count": handbook.country_count(),
        "ecosystem_count": handbook.industrial_ecosystem_count(),
        "recommendation_count": len(handbook.recommendations),
        "downloads": downloads,
        "roles": [
            (role.src_uri(slug), role.label(slug), len(ps))
            for slug, ps in group(handbook.practices, role).items()
        ],
        "about": urls.ABOUT if urls.ABOUT in written else None,
        "whats_new": urls.WHATS_NEW,
        "map_counts": context.country_counts(),
        "coverage": coverage.SRC,
    }
    return rendered(
        context,
        urls.HOME,
        "Cluster Good-Practice Handbook",
        "home.html",
        context.key("home", shown, europe_map.key(shown["map_counts"])),
        meta={"hide": ["toc"]},
        head="view_head.html",
        feed=feeds.whole(context.edition),
        **shown,
    )
