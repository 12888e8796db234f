"""Horizontal bar charts as inline SVG, drawn at build time.

Readable without JavaScript; each chart has a title and description for
screen readers, and the page shows the same figures as a table. Labels that
would not fit beside their bar (the cluster roles are sentences) go above it,
so every chart keeps the same text size.
"""

from __future__ import annotations

from html import escape

BAR_HEIGHT, GAP, LABEL_WIDTH, BAR_SPACE, COUNT_WIDTH = 22, 6, 260, 320, 40
CHAR_WIDTH = 7  # a generous average advance of a 13px sans-serif character
LINE = 18  # height of a label line above its bar
INSET = 4  # room for glyphs such as "T" that reach left of their origin


def bar_chart(chart_id: str, title: str, rows: list[tuple[str, int]]) -> str:
    """An accessible SVG bar chart of (label, count) rows, largest scale = max count."""
    top = max((count for _, count in rows), default=1) or 1
    widest = max([0] + [CHAR_WIDTH * len(label) + 8 for label, _ in rows])
    beside = widest <= LABEL_WIDTH
    label_width = LABEL_WIDTH if beside else 0
    row_height = BAR_HEIGHT + GAP + (0 if beside else LINE)
    height = len(rows) * row_height + GAP
    width = label_width + BAR_SPACE + COUNT_WIDTH if beside else max(widest, 480)
    bar_space = BAR_SPACE if beside else width - COUNT_WIDTH
    summary = "; ".join(f"{label}: {count}" for label, count in rows)
    parts = [
        f'<svg class="hb-chart" role="img" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(summary)}</desc>',
    ]
    for index, (label, count) in enumerate(rows):
        y = GAP + index * row_height + (0 if beside else LINE)
        bar = max(1, round(bar_space * count / top))
        mid = y + BAR_HEIGHT / 2
        label_at = (
            f'x="{label_width - 8}" y="{mid}" text-anchor="end"'
            if beside
            else f'x="{INSET}" y="{y - LINE / 2}"'
        )
        parts.append(
            f'<text {label_at} dominant-baseline="middle" '
            f'class="hb-chart__label">{escape(label)}</text>'
            f'<rect x="{label_width}" y="{y}" width="{bar}" height="{BAR_HEIGHT}" '
            f'class="hb-chart__bar"/>'
            f'<text x="{label_width + bar + 6}" y="{mid}" dominant-baseline="middle" '
            f'class="hb-chart__count">{count}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
