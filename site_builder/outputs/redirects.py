"""A renamed practice keeps its old addresses: one small redirect page per former id.

A practice whose front matter says ``former_ids: [old-id]`` gets, at the address its
page had as ``old-id`` (``practices/old-id.html``, or ``practices/old-id/`` with
directory URLs), a standalone HTML page: a meta refresh to the practice's page, a
visible link to it (JavaScript off, or a browser that ignores the refresh), a
``rel=canonical`` and ``noindex`` for search engines, a language and a title. Its links
are relative file paths (``urls.Urls.dest``), so the redirect also works from
``file://``, where a link to a folder would open no page.

The validator (rules.check_across) refuses a former id that another page holds: a
practice's id, another practice's former id, or a name the site's own pages use under
``practices/`` (:func:`reserved`); the adapter refuses, as a last guard, a redirect
whose file another file of the build already is (:func:`files`).
"""

from __future__ import annotations

import posixpath
from html import escape

from site_builder.core.model import ContentError, Handbook, Location, Problem
from site_builder.core.urls import Urls, practice_src

FOLDER = posixpath.dirname(practice_src("x"))  # "practices"


def page(title: str, target_src: str, old_src: str, urls: Urls) -> str:
    """The redirect page written at old_src's address, to the page target_src."""
    start = posixpath.dirname(urls.dest(old_src)) or "."
    link = escape(posixpath.relpath(urls.dest(target_src), start))
    # the page's address: absolute where the site knows where it is published
    canonical = escape(urls.address(target_src, old_src))
    name = escape(title)
    return (
        "<!doctype html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>Moved: {name}</title>\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="robots" content="noindex">\n'
        f'<link rel="canonical" href="{canonical}">\n'
        f'<meta http-equiv="refresh" content="0; url={link}">\n'
        "</head>\n<body>\n"
        f'<main><h1>This practice has moved</h1>\n<p><a href="{link}">{name}</a> '
        "is now at a new address. Please update your link or bookmark.</p></main>\n"
        "</body>\n</html>\n"
    )


def files(handbook: Handbook, urls: Urls, taken: frozenset[str] = frozenset()) -> dict[str, str]:
    """Output path -> redirect page, for every former id of every practice. `taken` are
    the output paths of the build's other files: a redirect never replaces one."""
    out: dict[str, str] = {}
    clashes = []
    for p in handbook.practices:
        for former in p.former_ids:
            old = practice_src(former)
            dest = urls.dest(old)
            if dest in taken or dest in out:
                clashes.append(
                    Problem(
                        Location(p.path),
                        f"the former id `{former}` would replace {dest}, which the site has",
                        field="former_ids",
                        hint="remove it from `former_ids`",
                    )
                )
                continue
            out[dest] = page(p.title, practice_src(p.id), old, urls)
    if clashes:
        raise ContentError(clashes)
    return dict(sorted(out.items()))
