"""How heavy All practices is (issue 14): its HTML, its static pages, the list's data.

For each handbook folder (``python -m benchmarks.corpus 5000 /tmp/allbench`` writes one),
the All practices pages are planned and rendered in-process, as the build renders them,
without the rest of the site: the size of page 1's generated HTML (what MkDocs puts in
the article), the rows it lists, the number and total size of the further static pages,
and data/practice-list.js raw and gzipped (level 6, as a web server sends it). Given a
built site of the same handbook (``--site``), page 1's whole file as the build wrote it too,
and what MkDocs puts around the article (the nav, the header: the same at any size); with
``--browser N`` also, in Chromium over the loopback interface (medians of N fresh tabs),
when page 1's load event comes, the bytes of its own files (page, scripts, styles: not the
search's) before any filter, and two filters ticked one after the other until the frame
after the list changed (the first with the list's loading). ``--as HANDBOOK`` serves the
site with HANDBOOK's page 1 and list in their place (the page around the article is the
same at any size): the browser figures of a 50,000-practice list without its build.

Run in another tree with ``PYTHONPATH=<tree>`` to measure that tree's code (a revision
before the static pages renders one page, with every practice; it has no list data):

    flock /tmp/bench.lock .venv/bin/python -m benchmarks.all_practices_size \\
        /tmp/allbench/handbook-5000 --site /tmp/allbench/handbook-5000/site --browser 5
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import time
from pathlib import Path

import site_builder
from site_builder.content.validate import load_handbook
from site_builder.core import urls
from site_builder.render.pages import all_practices
from site_builder.render.pages.framework import PageContext

CODE = Path(site_builder.__file__).parent  # the tree whose code is measured


def gzipped(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def measure(root: Path, site: Path | None) -> dict:
    started = time.perf_counter()
    handbook = load_handbook(root)
    loaded = time.perf_counter() - started
    page_site = PageContext(handbook, urls.Urls())
    started = time.perf_counter()
    if hasattr(all_practices, "all_practices_pages"):
        plans = all_practices.all_practices_pages(page_site)
    else:  # before the static pages: one page with every practice
        plans = [all_practices.all_practices_page(page_site)]  # type: ignore[attr-defined]
    rendered = [plan.page().html.encode("utf-8") for plan in plans]
    seconds = time.perf_counter() - started
    first = rendered[0]
    out: dict = {
        "practices": len(handbook.practices),
        "load_s": round(loaded, 2),
        "render_s": round(seconds, 2),
        "page1_article_bytes": len(first),
        "page1_article_gzip": gzipped(first),
        "page1_rows": len(re.findall(rb'<li class="hb-item"', first)),
        "static_pages": len(rendered),
        "further_pages_article_bytes": sum(map(len, rendered[1:])),
    }
    out["list_data"] = None
    # this tree's module, not another tree's through an editable install
    if (CODE / "outputs" / "practice_list.py").is_file():
        from site_builder.outputs import practice_list

        data = practice_list.script(handbook).encode("utf-8")
        out["list_data"] = {"name": practice_list.NAME, "bytes": len(data), "gzip": gzipped(data)}
    if site is not None:
        whole = (site / "practices/index.html").read_bytes()
        out["page1_file_bytes"] = len(whole)
        out["page1_file_gzip"] = gzipped(whole)
        out["around_article_bytes"] = len(whole) - len(first)
    return out


# What page 1 has loaded by its load event: each file's bytes, but the search's (another
# part of issue 14 makes what the search loads).
LOADED = """() => {
  const own = performance.getEntriesByType("resource")
    .filter(r => !/\\/search(_index)?[\\/._]|handbook_index|worker/.test(r.name));
  const nav = performance.getEntriesByType("navigation")[0];
  return {load_ms: nav.loadEventEnd, page_bytes: nav.encodedBodySize,
    own_bytes: nav.encodedBodySize + own.reduce((sum, r) => sum + r.encodedBodySize, 0),
    list_loaded: own.some(r => r.name.includes("practice-list"))};
}"""


def filters(browser, url: str) -> dict:
    """Page 1 loaded, then two filters ticked one after the other (the first two
    ecosystems), each timed until the frame after the list was updated."""
    from benchmarks.run import APPLY_FILTER

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(url + "practices/index.html", wait_until="load")
        boxes = "fieldset[data-facet=ecosystem] label:nth-of-type({}) input"
        first = page.evaluate(APPLY_FILTER, boxes.format(1))
        second = page.evaluate(APPLY_FILTER, boxes.format(2))
    finally:
        context.close()
    return {
        "first_ms": first["frame_ms"],
        "first_script_ms": first["script_ms"],
        "second_ms": second["frame_ms"],
        "listed_after": second["shown_after"],
    }


def in_browser(site: Path, repeats: int, overlay: dict[str, bytes], browser=None) -> dict:
    """The figures in Chromium: in `browser`, or one launched for them."""
    from playwright.sync_api import sync_playwright

    from benchmarks.compare_assets import _OverlayHandler
    from benchmarks.run import CHROMIUM, CHROMIUM_ARGS, Server, repeat

    if browser is None:
        with sync_playwright() as playwright:
            launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                return in_browser(site, repeats, overlay, launched)
            finally:
                launched.close()

    def load() -> dict:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.goto(server.url + "practices/index.html", wait_until="load")
        page.wait_for_timeout(500)  # what the page loads after its load event too
        figures = page.evaluate(LOADED)
        context.close()
        return figures

    server = Server(site, type("Handler", (_OverlayHandler,), {"overlay": overlay}))
    try:
        out = {
            "load": repeat(repeats, load),
            "filters": repeat(repeats, lambda: filters(browser, server.url)),
        }
    finally:
        server.close()
    for figures in out.values():
        figures.pop("runs")
    return out


def swapped(site: Path, own: Path, root: Path) -> dict[str, bytes]:
    """The page 1 and list data of the site (built from the handbook `own`) as another
    handbook's (`root`) would be: its article in the site's page around it (MkDocs puts
    the same around it at any size)."""
    from site_builder.outputs import practice_list

    def article(handbook) -> str:
        return all_practices.all_practices_pages(PageContext(handbook, urls.Urls()))[0].page().html

    built = (site / "practices/index.html").read_text("utf-8")
    mine = article(load_handbook(own))
    assert built.count(mine) == 1, f"{site} is not {own} built"
    other = load_handbook(root)
    return {
        "/practices/index.html": built.replace(mine, article(other)).encode("utf-8"),
        "/" + practice_list.NAME: practice_list.script(other).encode("utf-8"),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("handbooks", nargs="*", type=Path, help="handbook folders")
    parser.add_argument("--site", type=Path, help="a built site of the (one) handbook")
    parser.add_argument("--browser", type=int, default=0, metavar="N", help="time N tabs")
    parser.add_argument(
        "--as", dest="other", type=Path, help="in the browser, page 1 and the list of this handbook"
    )
    args = parser.parse_args(argv)
    if args.site and len(args.handbooks) > 1:
        parser.error("--site goes with one handbook (or none: then only --browser)")
    if args.other and not (args.site and args.browser and args.handbooks):
        parser.error("--as goes with --browser, --site and the site's own handbook")
    print(f"# code: {CODE}")
    for root in args.handbooks:
        print(json.dumps({"handbook": str(root), **measure(root, args.site)}))
    # the browser sees only the built site: any tree's code can time any site
    if args.site and args.browser:
        overlay = swapped(args.site, args.handbooks[0], args.other) if args.other else {}
        figures = in_browser(args.site, args.browser, overlay)
        print(json.dumps({"site": str(args.site), "as": str(args.other), **figures}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
