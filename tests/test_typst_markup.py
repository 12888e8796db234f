"""Sanitised HTML to Typst: every tag the sanitiser keeps becomes Typst that compiles and
shows the text, and nothing in the text is read as Typst."""

from __future__ import annotations

import re

import pytest

from site_builder.content.markdown_safe import render
from site_builder.outputs.pdf.typst_markup import inline_typst, text, to_typst

typst = pytest.importorskip("typst", reason="typst is in the pdf extra")
pypdf = pytest.importorskip("pypdf", reason="pypdf is in the test extra")


def shown(markup: str) -> str:
    """The text of the PDF that Typst makes of `markup`."""
    import io

    data = typst.compile(
        ("= Practice\n\n== Section\n\n" + markup).encode(),
        timestamp=0,
        font_paths=[],
        ignore_system_fonts=True,
    )
    reader = pypdf.PdfReader(io.BytesIO(data))
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in reader.pages)).strip()


FRAGMENTS = [
    # (the editor's Markdown, a text the PDF shows)
    ("Costs **fell** by *5 %* and ~~rose~~", "Costs fell by 5 % and"),
    ("- one\n- two\n    - nested", "nested"),
    ("3. third\n4. fourth", "3. third"),
    ("| Country | Count |\n|---|---|\n| Spain | 3 |", "Spain 3"),
    ("> quoted words", "quoted words"),
    ("```\n#set page(width: 1cm)\n```", "#set page(width: 1cm)"),
    ("Term\n:   its definition", "its definition"),
    ("A [link](https://example.org) and <mailto:a@b.eu>", "A link and"),
    ("Footnote[^1].\n\n[^1]: The note.", "The note."),
    ("### A heading\n\n###### Six levels down", "Six levels down"),
    ("line one  \nline two", "line two"),
    ("H~2~O, x^2^ and <sub>a</sub><sup>b</sup>", "a"),
    ("![a chart](chart.png)", "[Image: a chart]"),
    ('Quotes " and backslash \\\\ and #hash [x] $y$ @z <w>', 'Quotes " and backslash'),
]


@pytest.mark.parametrize(("markdown", "text"), FRAGMENTS, ids=[f[1][:20] for f in FRAGMENTS])
def test_each_kind_of_markdown_compiles_and_shows_its_text(markdown, text):
    assert text in shown(to_typst(render(markdown), heading_level=2))


@pytest.mark.parametrize(
    "value", ["plain", 'a "quote"', "back\\slash", '#read("/etc/passwd")', "][ ) #x.y"]
)
def test_a_string_literal_holds_any_text_exactly(value):
    assert shown(text(value)) == f"Practice Section {value}"


def test_editors_headings_never_skip_a_level():
    markup = to_typst("<h3>a</h3><h6>b</h6><h4>c</h4>", heading_level=4)
    assert re.findall(r"level: (\d)", markup) == ["5", "6", "6"]


def test_inline_html_stays_one_paragraph():
    assert "\n" not in inline_typst("<p>one <em>two</em></p>")
