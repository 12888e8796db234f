"""The preview's problems banner: a script every preview page loads, made anew with each
build, so that a slip and its fix cost a save and no page is rendered again for them."""

from __future__ import annotations

import json

import pytest

from site_builder.core.model import Location, Problem
from site_builder.render.problems_page import banner, banner_script

SLIP = Problem(
    Location("practices/x.md", 5, 10),
    "`XZ` is not an ISO 3166-1 country code",
    field="country",
    hint="use the two-letter code",
)
HOSTILE = Problem(Location("practices/</script><script>alert(1)</script>.md", 1, 1), "<b>bold</b>")


def test_the_script_carries_the_banner_and_nothing_when_all_is_valid() -> None:
    assert "The preview is incomplete" in banner_script([SLIP])
    assert json.dumps(banner([SLIP])).replace("</", "<\\/") in banner_script([SLIP])
    assert "hb-problem-banner" not in banner_script([])


def test_no_text_of_a_problem_can_end_the_script() -> None:
    assert "</" not in banner_script([HOSTILE])


@pytest.mark.browser
def test_a_reader_of_the_preview_sees_the_banner_above_the_page_and_no_script_runs(page) -> None:
    page.set_content("<body><article><h1>A practice</h1></article></body>")
    page.evaluate(
        "() => { window.alerted = false; window.alert = () => { window.alerted = true; }; }"
    )
    page.add_script_tag(content=banner_script([SLIP, HOSTILE]))
    banner_box = page.locator("article > .hb-problem-banner")
    assert banner_box.is_visible() and banner_box.get_attribute("role") == "alert"
    assert "practices/x.md:5:10" in banner_box.inner_text()
    assert "<b>bold</b>" in banner_box.inner_text()  # shown as text, not markup
    assert page.evaluate("window.alerted") is False
    assert page.locator("article > *").first.get_attribute("class").endswith("hb-problem-banner")


@pytest.mark.browser
def test_once_the_content_is_valid_the_preview_shows_no_banner(page) -> None:
    page.set_content("<body><article><h1>A practice</h1></article></body>")
    page.add_script_tag(content=banner_script([]))
    assert page.locator(".hb-problem-banner").count() == 0
