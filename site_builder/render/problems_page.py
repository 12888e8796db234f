"""What `mkdocs serve` shows instead of crashing when a saved file is invalid."""

from __future__ import annotations

import json
from html import escape

from site_builder.core.model import Problem
from site_builder.core.project import CONTENT
from site_builder.core.urls import PROBLEMS
from site_builder.render.pages.framework import GeneratedPage


def _items(problems: list[Problem]) -> str:
    return "".join(
        f"<li><code>{escape(str(p.location))}</code>: {escape(p.text)}</li>" for p in problems
    )


def problems_page(problems: list[Problem]) -> GeneratedPage:
    files = sorted({p.location.path for p in problems})
    html = (
        '<h1 id="top">Problems in the content</h1>'
        f"<p>{len(problems)} problem(s) in {len(files)} file(s). These files are left "
        "out of the preview until they are fixed; save again to re-check.</p>"
        f'<ul class="hb-problems">{_items(problems)}</ul>'
    )
    return GeneratedPage(PROBLEMS, "Problems in the content", html)


def banner(problems: list[Problem]) -> str:
    """A notice at the top of every preview page while something is invalid."""
    return (
        '<div class="admonition failure hb-problem-banner" role="alert">'
        '<p class="admonition-title">The preview is incomplete: '
        f"{len(problems)} problem(s) in the content</p>"
        f'<ul class="hb-problems">{_items(problems[:10])}</ul></div>'
    )


BANNER_SCRIPT = "assets/handbook/problems.js"  # every preview page loads it (theme/main.html)


def banner_script(problems: list[Problem]) -> str:
    """The script every preview page loads: it shows the banner while the content has
    problems, and nothing once it has none. The pages stay as they were rendered, so a
    slip and its fix cost a save, not every page rendered again."""
    html = banner(problems) if problems else ""
    text = json.dumps(html).replace("</", "<\\/")  # no `</script>` ends it early
    return (
        "/* The problems in the content, above every page of the preview (mkdocs serve) */\n"
        f"(function () {{ var html = {text};\n"
        '  var at = document.querySelector("article") || document.body;\n'
        '  if (html) { at.insertAdjacentHTML("afterbegin", html); }\n'
        "}());\n"
    )


def invalid_file_pages(problems: list[Problem]) -> list[GeneratedPage]:
    """At an invalid file's own address, its messages: what the editor just saved."""
    by_path: dict[str, list[Problem]] = {}
    for p in problems:
        if p.location.path.startswith(tuple(f"{folder}/" for folder in CONTENT)):
            by_path.setdefault(p.location.path, []).append(p)
    return [
        GeneratedPage(
            path,
            f"Problems in {path}",
            f'<h1 id="top">Problems in <code>{escape(path)}</code></h1>'
            f'<ul class="hb-problems">{_items(found)}</ul>',
        )
        for path, found in sorted(by_path.items())
    ]
