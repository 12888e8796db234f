"""What's new: the latest changes of practices (content/history.py), by day."""

from __future__ import annotations

import posixpath

from site_builder.content import history
from site_builder.core import urls
from site_builder.outputs import feeds
from site_builder.render.pages.framework import PageContext, Planned, rendered

WHATS_NEW_COUNT = 50  # the latest changes "What's new" lists


def whats_new_page(context: PageContext) -> Planned:
    """The latest WHATS_NEW_COUNT changes of practices (history.py), newest first, by
    day: one per practice and day (added, renamed or changed, in that order of weight)."""
    found = context.edition.history
    by_path = {p.path: p for p in context.handbook.practices}
    latest: dict[tuple[str, str], history.Change] = {}
    for change in found.changes:
        if change.path not in by_path:
            continue
        slot = (history.day(change.when), change.path)
        known = latest.get(slot)
        if known is None and len(latest) == WHATS_NEW_COUNT:
            break
        if known is None or _WEIGHT[change.kind] < _WEIGHT[known.kind]:
            latest[slot] = change
    days: dict[str, dict] = {}
    for (date, path), change in latest.items():
        shown = days.setdefault(
            date, {"id": f"d-{date}", "date": date, "text": history.spoken(change.when)}
        )
        before = change.previous
        shown.setdefault("changes", []).append(
            {
                "p": by_path[path],
                "kind": change.kind,
                "previous": posixpath.splitext(posixpath.basename(before))[0] if before else None,
            }
        )
    listed = list(days.values())
    practices = [c["p"] for d in listed for c in d["changes"]]
    inputs = [[d["date"], [[c["kind"], c["previous"]] for c in d["changes"]]] for d in listed]
    return rendered(
        context,
        urls.WHATS_NEW,
        "What's new",
        "whats_new.html",
        context.key("whats-new", found.available, inputs, context.rows(practices)),
        headings=tuple((d["id"], d["text"]) for d in listed),
        head="view_head.html",
        available=found.available,
        days=listed,
        count=len(latest),
        feed=feeds.whole(context.edition),
    )


_WEIGHT = {"added": 0, "renamed": 1, "changed": 2}
