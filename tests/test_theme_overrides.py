"""The templates of the handbook's theme folder that shadow mkdocs-material's, kept in step with
the pinned Material.

Each is Material's file with a small change (its header says which and why). When an upgrade
of mkdocs-material changes the original, the sha256 recorded here no longer matches and the test
fails: copy the new original over ours, make the change again (CHANGES says what it is),
and record the new sha256.
"""

from __future__ import annotations

import hashlib
import re
from importlib.metadata import version
from pathlib import Path

import material
import pytest

from site_builder.adapter.templates import THEME

MATERIAL = Path(material.__file__).parent / "templates"
PINNED = "9.8.2"  # the mkdocs-material whose originals are recorded below

# The sha256 of the pinned Material's original of each template that ours shadows.
ORIGINALS = {
    "base.html": "a919e32d2225e09ecbdeb8076ca6ce9ca0836329760bf7871a04172569b77842",
    # Material's extension point (`{% extends "base.html" %}`): ours extends base.html too
    "main.html": "9948b55a7bc979c35825df99baba9e6971fca4eb298dea3cdde61e990a2de5e0",
    "partials/nav-item.html": "89895208f22d68ce405a4bcb6649b9150eba5bbb04663a6cb3f93f02daf1d2f7",
    "partials/search.html": "bfd556535abcddb99396ab2a7e3acc2ebcd3f36756007d3969396caa4126be30",
    "partials/toc.html": "fde48f583563364b0e0e6865a5ab1e7060ec1826161f69f5cbee653e621b0f84",
}

# What each copy changes, for valid HTML (tests/test_html_conformance.py): Material's text,
# ours, and how often. The copy is the original with these replacements, and its own header.
CHANGES = {
    "base.html": [
        (
            ' type="checkbox" id="__drawer" autocomplete="off">',
            ' type="checkbox" id="__drawer">',
            1,
        ),
        (
            ' type="checkbox" id="__search" autocomplete="off">',
            ' type="checkbox" id="__search">',
            1,
        ),
    ],
    "partials/nav-item.html": [
        (
            ' tabindex="{{ tabindex }}">',
            '{% if tabindex %} tabindex="{{ tabindex }}"{% endif %}>',
            2,
        )
    ],
    "partials/toc.html": [
        (
            '<label class="md-nav__title" for="__toc">',
            '<label class="md-nav__title"{% if page in nav.pages %} for="__toc"{% endif %}>',
            1,
        )
    ],
}
HEADER = re.compile(r"\A\{#-.*?-#\}\n", re.S)  # a template's opening comment


def shadowing() -> list[str]:
    """The templates of our theme that have a namesake in Material's."""
    ours = (p.relative_to(THEME).as_posix() for p in THEME.rglob("*.html"))
    return sorted(name for name in ours if (MATERIAL / name).is_file())


def test_every_template_that_shadows_materials_has_its_original_recorded():
    assert shadowing() == sorted(ORIGINALS)


@pytest.mark.parametrize("name", sorted(ORIGINALS))
def test_materials_original_is_the_one_our_copy_was_made_from(name):
    digest = hashlib.sha256((MATERIAL / name).read_bytes()).hexdigest()
    assert digest == ORIGINALS[name], (
        f"mkdocs-material {version('mkdocs-material')} changed its {name} (recorded from "
        f"{PINNED}): carry the change over into {THEME / name}, then record {digest}"
    )


@pytest.mark.parametrize("name", sorted(CHANGES))
def test_our_copy_is_the_original_with_its_changes_alone(name):
    original = HEADER.sub("", (MATERIAL / name).read_text(encoding="utf-8"), count=1)
    ours = (THEME / name).read_text(encoding="utf-8")
    header = HEADER.match(ours)
    assert header and f"Material's {name} (mkdocs-material {PINNED})" in header.group(0)
    for before, after, count in CHANGES[name]:
        assert original.count(before) == count, before
        original = original.replace(before, after)
    assert ours[header.end() :] == original
