"""The map of Europe: countries shaded by their number of practices, as inline SVG.

Drawn at build time from the committed geometry (geography/europe.json, made from
Natural Earth by :mod:`site_builder.render.geography.make_europe`), so it needs no script and
requests nothing. Each country with practices is a link to its country page, with a
title ("Italy: 9 practices") that is its accessible name and its tooltip; a country too
small to find (Malta, Luxembourg, Liechtenstein…) also gets a round marker, inside the
same link. Countries without practices are drawn in a distinct grey and are not links.
The shading is a sequential scale of at most five classes whose bounds follow the
largest count (:func:`classes`); the legend is HTML beside the map, and the page gives
the same figures as a table (the map's text alternative). The map's size does not
depend on the number of practices, only the figures in it do.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from pathlib import Path

from markupsafe import Markup

from site_builder.artefacts.fingerprint import digest
from site_builder.core.countries import COUNTRIES

GEOMETRY = Path(__file__).parent / "geography" / "europe.json"
CLASSES = 5  # shades for counts from 1 up
MARKER = 7  # radius of a small country's marker, in the map's units (half without practices)


@dataclass(frozen=True)
class Shape:
    code: str
    d: str  # SVG path; "" when the country is only a marker
    at: tuple[int, int]  # where its marker goes
    small: bool


@dataclass(frozen=True)
class Geometry:
    width: int
    height: int
    shapes: tuple[Shape, ...]
    digest: str  # of the file: a page with the map is made from it


@lru_cache(maxsize=1)
def geometry() -> Geometry:
    text = GEOMETRY.read_text(encoding="utf-8")
    data = json.loads(text)
    shapes = tuple(
        Shape(c["code"], c["d"], (c["at"][0], c["at"][1]), c["small"]) for c in data["countries"]
    )
    return Geometry(data["width"], data["height"], shapes, digest(text))


def classes(top: int) -> list[tuple[int, int]]:
    """The shading's classes for counts 1..top, as (lowest, highest): one per count up to
    CLASSES, else bounds that grow geometrically (1–2, 3–5, 6–13, 14–33, 34–80 for 80)."""
    if top <= CLASSES:
        return [(n, n) for n in range(1, top + 1)]
    lows = sorted({1, *(math.ceil(top ** (i / CLASSES)) for i in range(1, CLASSES))})
    lows = [low for low in lows if low <= top]
    return [(low, (lows[i + 1] - 1) if i + 1 < len(lows) else top) for i, low in enumerate(lows)]


def shade(count: int, bounds: list[tuple[int, int]]) -> int:
    """0 for no practices, else the class (1..) that the count falls in."""
    if count <= 0:
        return 0
    return next(i for i, (low, high) in enumerate(bounds, start=1) if low <= count <= high)


def legend(bounds: list[tuple[int, int]]) -> list[tuple[int, str]]:
    """(class, text) for the legend, "No practices" first."""
    items = [(0, "No practices")]
    for i, (low, high) in enumerate(bounds, start=1):
        items.append((i, f"{low}" if low == high else f"{low}–{high}"))
    return items


def practices_text(name: str, count: int) -> str:
    if count == 0:
        return f"{name}: no practices"
    return f"{name}: {count} practice{'' if count == 1 else 's'}"


def key(counts: Mapping[str, int]) -> tuple[str, list[tuple[str, int]]]:
    """What a page with the map is made from: the geometry and the counts per country."""
    return geometry().digest, sorted(counts.items())


def svg(map_id: str, counts: Mapping[str, int], link: Callable[[str], str]) -> Markup:
    """The map for these counts; link(code) is the href of a country's page."""
    geo = geometry()
    bounds = classes(max(counts.values(), default=0))
    drawn = {s.code for s in geo.shapes}
    plain: list[str] = []
    linked: list[str] = []
    markers: list[str] = []
    for s in geo.shapes:
        count = counts.get(s.code, 0)
        title = f"<title>{escape(practices_text(COUNTRIES.get(s.code, s.code), count))}</title>"
        cls = f"hb-map__c hb-map__c--{shade(count, bounds)}"
        shape = f'<path class="{cls}" d="{s.d}"/>' if s.d else ""
        marker = (
            f'<circle class="{cls} hb-map__marker" cx="{s.at[0]}" cy="{s.at[1]}" '
            f'r="{MARKER if count else MARKER / 2}"/>'
            if s.small
            else ""
        )
        if count:
            # small countries last, so that their markers lie above their neighbours
            target = markers if s.small else linked
            target.append(
                f'<a href="{escape(link(s.code))}" class="hb-map__link" '
                f'data-country="{s.code}">{title}{shape}{marker}</a>'
            )
        else:
            plain.append(f'<g data-country="{s.code}">{title}{shape}{marker}</g>')
    missing = sorted(code for code in counts if code not in drawn and counts[code])
    label = "Map of Europe: practices by country"
    parts = [
        f'<svg class="hb-map__svg" id="{map_id}" viewBox="0 0 {geo.width} {geo.height}" '
        f'role="group" aria-label="{label}" xmlns="http://www.w3.org/2000/svg">',
        f'<rect class="hb-map__sea" width="{geo.width}" height="{geo.height}"/>',
        *plain,
        *linked,
        *markers,
        "</svg>",
    ]
    items = "".join(
        f'<li><span class="hb-map__swatch hb-map__c--{i}" aria-hidden="true"></span>{escape(text)}'
        "</li>"
        for i, text in legend(bounds)
    )
    off = ""
    if missing:
        listed = ", ".join(f"{COUNTRIES.get(c, c)} ({counts[c]})" for c in missing)
        off = f'<p class="hb-map__off">Not on the map: {escape(listed)}.</p>'
    return Markup(
        f'<div class="hb-map__frame">{"".join(parts)}</div>'
        f'<ul class="hb-map__legend" aria-label="Practices per country">{items}</ul>{off}'
    )
