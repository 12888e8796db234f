"""Make the committed map geometry, europe.json, from Natural Earth (run by hand, once).

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python -m site_builder.render.geography.make_europe package/countries-50m.json

The npm package `world-atlas` 2.0.2 redistributes Natural Earth's 1:50m Admin 0 countries
(Natural Earth 4.1.0, public domain) as TopoJSON; its ids are ISO 3166-1 numeric codes,
turned into the handbook's alpha-2 codes with pycountry. The script decodes the topology,
projects every point with the Lambert azimuthal equal-area projection centred on 10°E
52°N (areas stay comparable from Portugal to Finland), simplifies each shared border once
(Douglas-Peucker on the projected arcs, so that neighbours keep one common border), clips
the rings to a fixed frame from Iceland to the Caucasus and from North Africa to the
North Cape, and keeps every country the schema knows that has land inside the frame. The
build (site_builder.render.europe_map) reads only the result: per country its SVG path in the
frame's coordinates (whole numbers, tenths dropped), the point its marker or label goes
at, and whether it is too small to find without a marker. The build reads nothing else
and so depends on neither the package nor the network.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import sys
from pathlib import Path

import pycountry

from site_builder.core.countries import COUNTRIES

OUT = Path(__file__).with_name("europe.json")
SOURCE = {
    "data": "Natural Earth 1:50m Admin 0 – Countries, version 4.1.0",
    "via": "npm package world-atlas 2.0.2 (countries-50m.json), by Mike Bostock, ISC licence",
    "licence": "Natural Earth is in the public domain (naturalearthdata.com/about/terms-of-use)",
    "made_by": "python -m site_builder.render.geography.make_europe countries-50m.json",
}
LON0, LAT0 = 10.0, 52.0  # centre of the projection
# the frame, in projected units (Earth radii): x west to east, y south to north
X_MIN, X_MAX, Y_MIN, Y_MAX = -0.50, 0.56, -0.30, 0.38
WIDTH = 1000  # the frame's width in SVG units; its height follows
TOLERANCE = 0.8  # Douglas-Peucker tolerance, in SVG units
MIN_RING = 2.0  # rings smaller than this (SVG units squared) are dropped, but a country's largest
SMALL = 250.0  # a country smaller than this (SVG units squared) gets a marker


def project(lon: float, lat: float) -> tuple[float, float]:
    """Lambert azimuthal equal-area, then scaled into the frame (y downwards)."""
    lam, phi = math.radians(lon - LON0), math.radians(lat)
    phi0 = math.radians(LAT0)
    cos_c = math.sin(phi0) * math.sin(phi) + math.cos(phi0) * math.cos(phi) * math.cos(lam)
    k = math.sqrt(2 / max(1e-9, 1 + cos_c))
    x = k * math.cos(phi) * math.sin(lam)
    y = k * (math.cos(phi0) * math.sin(phi) - math.sin(phi0) * math.cos(phi) * math.cos(lam))
    scale = WIDTH / (X_MAX - X_MIN)
    return (x - X_MIN) * scale, (Y_MAX - y) * scale


def height() -> int:
    return round((Y_MAX - Y_MIN) * WIDTH / (X_MAX - X_MIN))


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Each arc as projected points (TopoJSON's quantised, delta-encoded positions)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append(project(x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas-Peucker, iterative; the ends are kept (they are shared with other arcs)."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = points[first], points[last]
        dx, dy = bx - ax, by - ay
        length = math.hypot(dx, dy)
        worst, at = 0.0, -1
        for i in range(first + 1, last):
            px, py = points[i]
            if length == 0:
                d = math.hypot(px - ax, py - ay)
            else:
                d = abs(dy * (px - ax) - dx * (py - ay)) / length
            if d > worst:
                worst, at = d, i
        if worst > tolerance and at > 0:
            keep[at] = True
            stack += [(first, at), (at, last)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def ring(indexes: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points += arc[1:] if points else arc
    return points


def clip(points: list[tuple[float, float]], w: float, h: float) -> list[tuple[float, float]]:
    """Sutherland-Hodgman against the frame's four edges."""
    edges = [
        (lambda p: p[0] >= 0, lambda a, b: _cross_x(a, b, 0.0)),
        (lambda p: p[0] <= w, lambda a, b: _cross_x(a, b, w)),
        (lambda p: p[1] >= 0, lambda a, b: _cross_y(a, b, 0.0)),
        (lambda p: p[1] <= h, lambda a, b: _cross_y(a, b, h)),
    ]
    for inside, cross in edges:
        if not points:
            break
        out = []
        for i, current in enumerate(points):
            previous = points[i - 1]
            if inside(current):
                if not inside(previous):
                    out.append(cross(previous, current))
                out.append(current)
            elif inside(previous):
                out.append(cross(previous, current))
        points = out
    return points


def _cross_x(a, b, x):
    t = (x - a[0]) / (b[0] - a[0])
    return (x, a[1] + t * (b[1] - a[1]))


def _cross_y(a, b, y):
    t = (y - a[1]) / (b[1] - a[1])
    return (a[0] + t * (b[0] - a[0]), y)


def _edges(points: list[tuple[float, float]]):
    """Each edge of a closed ring, the last back to the first."""
    return zip(points, points[1:] + points[:1], strict=True)


def area(points: list[tuple[float, float]]) -> float:
    return abs(sum(a[0] * b[1] - b[0] * a[1] for a, b in _edges(points))) / 2


def centroid(points: list[tuple[float, float]]) -> tuple[float, float]:
    signed = sum(a[0] * b[1] - b[0] * a[1] for a, b in _edges(points)) / 2
    if abs(signed) < 1e-9:
        return points[0]
    cx = sum((a[0] + b[0]) * (a[0] * b[1] - b[0] * a[1]) for a, b in _edges(points))
    cy = sum((a[1] + b[1]) * (a[0] * b[1] - b[0] * a[1]) for a, b in _edges(points))
    return cx / (6 * signed), cy / (6 * signed)


def path(rings: list[list[tuple[int, int]]]) -> str:
    """An SVG path of whole-number points: absolute first point, then relative steps."""
    parts = []
    for points in rings:
        x0, y0 = points[0]
        steps = [f"M{x0} {y0}"]
        for (ax, ay), (bx, by) in itertools.pairwise(points):
            steps.append(f"l{bx - ax} {by - ay}")
        parts.append("".join(steps) + "z")
    return "".join(parts).replace(" -", "-")


def alpha2(numeric: str | None) -> str | None:
    if numeric is None:
        return None
    country = pycountry.countries.get(numeric=numeric)
    code = country.alpha_2 if country else None
    return code if code in COUNTRIES else None


def countries(topology: dict) -> list[dict]:
    w, h = WIDTH, height()
    raw = decode_arcs(topology)
    arcs = [simplify(arc, TOLERANCE) for arc in raw]
    drawn: dict[str, list[list[tuple[float, float]]]] = {}  # simplified, clipped rings
    whole: dict[str, list[list[tuple[float, float]]]] = {}  # as Natural Earth has them, clipped
    for geometry in topology["objects"]["countries"]["geometries"]:
        code = alpha2(geometry.get("id"))
        if code is None or geometry["type"] not in ("Polygon", "MultiPolygon"):
            continue  # no ISO 3166 code (Kosovo, Northern Cyprus…): no practice can be there
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        for polygon in polygons:
            for indexes in polygon:
                for rings, source in ((drawn, arcs), (whole, raw)):
                    clipped = clip(ring(indexes, source), w, h)
                    if len(clipped) >= 3:
                        rings.setdefault(code, []).append(clipped)
    result: list[dict] = []
    for code in sorted(whole):
        largest = max(whole[code], key=area)
        own = drawn.get(code, [])
        biggest = max(own, key=area, default=None)
        kept = [r for r in own if area(r) >= MIN_RING or r is biggest]
        rounded = [r for r in (_rounded(r) for r in kept) if len(r) >= 3]
        cx, cy = centroid(largest)
        result.append(
            {
                "code": code,
                "d": path(rounded),  # "": too small to draw at all, only its marker
                "at": [round(cx), round(cy)],
                "small": sum(area(r) for r in whole[code]) < SMALL,
            }
        )
    return result


def _rounded(points: list[tuple[float, float]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for x, y in points:
        p = (round(x), round(y))
        if not out or out[-1] != p:
            out.append(p)
    if len(out) > 1 and out[0] == out[-1]:
        out.pop()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("topojson", type=Path, help="world-atlas's countries-50m.json")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    topology = json.loads(args.topojson.read_text(encoding="utf-8"))
    shapes = countries(topology)
    data = {
        "source": SOURCE,
        "projection": f"Lambert azimuthal equal-area, centred on {LON0}°E {LAT0}°N",
        "width": WIDTH,
        "height": height(),
        "countries": shapes,
    }
    text = json.dumps(data, ensure_ascii=False, indent=0, separators=(",", ":")) + "\n"
    args.out.write_text(text, encoding="utf-8")
    print(f"{args.out}: {len(shapes)} countries, {len(text):,} bytes", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
