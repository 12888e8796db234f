"""Horizontal bar charts as inline SVG, drawn at build time.

Readable without JavaScript; each chart has a title and description for
screen readers, and the page shows the same figures as a table.
"""

from __future__ import annotations

from html import escape

BAR_HEIGHT, GAP, LABEL_WIDTH, BAR_SPACE, COUNT_WIDTH = 22, 6, 260, 320, 40
CHAR_WIDTH = 7      # a generous average advance of a 13px sans-serif character


def bar_chart(chart_id: str, title: str, rows: list[tuple[str, int]]) -> str:
    """An accessible SVG bar chart of (label, count) rows, largest scale = max count."""
    top = max((count for _, count in rows), default=1) or 1
    height = len(rows) * (BAR_HEIGHT + GAP) + GAP
    label_width = max([LABEL_WIDTH] + [CHAR_WIDTH * len(label) + 8 for label, _ in rows])
    width = label_width + BAR_SPACE + COUNT_WIDTH
    summary = "; ".join(f"{label}: {count}" for label, count in rows)
    parts = [
        f'<svg class="hb-chart" role="img" viewBox="0 0 {width} {height}" '
        f'width="100%" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(summary)}</desc>',
    ]
    for index, (label, count) in enumerate(rows):
        y = GAP + index * (BAR_HEIGHT + GAP)
        bar = max(1, round(BAR_SPACE * count / top))
        mid = y + BAR_HEIGHT / 2
        parts.append(
            f'<text x="{label_width - 8}" y="{mid}" text-anchor="end" '
            f'dominant-baseline="middle" class="hb-chart__label">{escape(label)}</text>'
            f'<rect x="{label_width}" y="{y}" width="{bar}" height="{BAR_HEIGHT}" '
            f'class="hb-chart__bar"/>'
            f'<text x="{label_width + bar + 6}" y="{mid}" dominant-baseline="middle" '
            f'class="hb-chart__count">{count}</text>')
    parts.append("</svg>")
    return "".join(parts)
