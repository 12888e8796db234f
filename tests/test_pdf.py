"""handbook.pdf, read back with pypdf: what a reader sees when they print the handbook.

The cover comes first, then contents whose page numbers are right, the recommendations,
every practice starting on its own page with its facts, and an index by country and by
ecosystem. The contents are numbered i, ii, …; from the recommendations on, pages are
numbered 1, 2, …, which is what the contents and the indexes give. Looked at as images
while it was made (pdftoppm); checked here as text, as structure and as bytes.
"""

from __future__ import annotations

import io
import itertools
import re
from pathlib import Path

import pytest

from site_builder.content.validate import load_handbook
from site_builder.core.countries import COUNTRIES
from site_builder.outputs.pdf import handbook_pdf
from tests.helpers.projects import PROJECT, VOCABULARIES

ECOSYSTEMS = VOCABULARIES.ecosystems.labels

pypdf = pytest.importorskip("pypdf", reason="pypdf is in the test extra")

pytestmark = pytest.mark.slow


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def loose(text: str) -> str:
    """A pattern for `text` wherever lines break in it, even inside "sector/ international"."""
    return r"\s*".join(re.escape(c) for c in re.sub(r"\s+", "", text))


def has(text: str, part: str) -> bool:
    return re.search(loose(part), text) is not None


@pytest.fixture(scope="module")
def handbook():
    return load_handbook(PROJECT)


@pytest.fixture(scope="module")
def pages(built_site: Path) -> list[str]:
    reader = pypdf.PdfReader(built_site / handbook_pdf.NAME)
    return [flat(page.extract_text()) for page in reader.pages]


@pytest.fixture(scope="module")
def front(pages) -> int:
    """How many pages come before page 1: the cover and the contents."""
    return next(i for i, text in enumerate(pages) if text.startswith("Policy recommendations"))


@pytest.fixture(scope="module")
def contents(pages, front) -> str:
    """The contents pages, between the cover and the first part."""
    return " ".join(pages[1:front])


@pytest.fixture(scope="module")
def numbered(pages, front) -> dict[int, str]:
    """The body's pages by the number printed on them."""
    return {n: pages[front + n - 1] for n in range(1, len(pages) - front + 1)}


def listed_page(text: str, title: str) -> int:
    found = re.search(loose(title) + r" ?[. ]* (\d+)\b", text)
    assert found, f"{title!r} is not listed with a page number"
    return int(found.group(1))


def test_the_cover_comes_first(pages, handbook):
    assert pages[0].startswith(
        "GOOD PRACTICES OF EUROPEAN CLUSTER ORGANISATIONS Cluster Good-Practice Handbook"
    )
    assert f"{len(handbook.practices)} good practices from " in pages[0]
    assert pages[1].startswith("Contents")


def test_the_cover_and_the_home_page_give_the_same_figures(pages, handbook, built_site):
    """Cross-sectoral is no industrial ecosystem: neither the cover nor the home page counts it."""
    countries = len({p.country for p in handbook.practices})
    ecosystems = {e for p in handbook.practices for e in p.ecosystems} - {"cross-sectoral"}
    lead = (
        f"{len(handbook.practices)} good practices from {countries} countries "
        f"in {len(ecosystems)} industrial ecosystems"
    )
    home = flat(re.sub(r"<[^>]+>", "", (built_site / "index.html").read_text(encoding="utf-8")))
    assert lead in pages[0]
    assert lead in home


def test_the_contents_give_the_page_each_practice_starts_on(numbered, contents, handbook):
    for p in handbook.practices:
        start = numbered[listed_page(contents, p.title)]
        title = re.search(loose(p.title), start)
        facts = re.search(loose(f"Facts Organisation {p.organisation}"), start)
        assert title and facts and title.start() < facts.start(), p.id


def test_each_practice_starts_a_page_with_its_facts(pages, handbook):
    starts = [text for text in pages if "Facts Organisation " in text]
    assert len(starts) == len(handbook.practices)
    for text in starts:
        assert text.count("Facts Organisation ") == 1
        assert re.search(r" Country [^()]+ \([A-Z]{2}\)", text)
        assert " Cluster role " in text and " Source " in text


def test_the_recommendations_come_before_the_practices(numbered, contents, handbook):
    first_practice = min(listed_page(contents, p.title) for p in handbook.practices)
    for r in handbook.recommendations:
        page = listed_page(contents, f"{r.number} {r.title}")
        assert page < first_practice
        assert has(numbered[page] + " " + numbered[page + 1], f"{r.number} {r.title}")


def test_each_body_page_shows_its_number_and_the_labels_agree(built_site, numbered):
    reader = pypdf.PdfReader(built_site / handbook_pdf.NAME)
    front = len(reader.pages) - len(numbered)
    assert [reader.page_labels[i] for i in range(front)] == ["i", "ii", "iii", "iv"][:front]
    for n, text in numbered.items():
        assert reader.page_labels[front + n - 1] == str(n)
        assert text.endswith(f" {n}") or text == str(n), (n, text[-40:])


def test_the_index_lists_every_country_and_ecosystem_with_pages(numbered, contents, handbook):
    by_country = listed_page(contents, "Index by country")
    by_ecosystem = listed_page(contents, "Index by industrial ecosystem")
    last = max(numbered)
    country_index = " ".join(numbered[n] for n in range(by_country, by_ecosystem))
    ecosystem_index = " ".join(numbered[n] for n in range(by_ecosystem, last + 1))
    for p in handbook.practices:
        assert has(country_index, COUNTRIES[p.country])
        assert all(has(ecosystem_index, ECOSYSTEMS[e]) for e in p.ecosystems)
        assert listed_page(country_index, p.title) == listed_page(contents, p.title)
        assert listed_page(ecosystem_index, p.title) == listed_page(contents, p.title)


def test_bookmarks_follow_the_parts(built_site):
    outline = pypdf.PdfReader(built_site / handbook_pdf.NAME).outline
    titles = [item.title for item in outline if not isinstance(item, list)]
    assert titles == [
        "Policy recommendations",
        "Good practices",
        "Index by country",
        "Index by industrial ecosystem",
    ]


# -- what goes into the print document --------------------------------------------------


HOSTILE = [
    # what an editor may write, and what the PDF must show of it
    ("<script>alert(1)</script> Plain words", "Plain words"),
    ('Typst code: #read("/etc/passwd") and #import "x.typ": *', '#read("/etc/passwd")'),
    (
        "Typst markup: $x^2$ @ref ~ a // not a comment",
        "Typst markup: $x^2$ @ref ~ a // not a comment",
    ),
    ('Brackets ] [ and quotes " \\ and a backslash \\" end', 'quotes "'),
    ('`#eval("1+1")` in code', '#eval("1+1")'),
]


@pytest.mark.parametrize(("markdown", "shown"), HOSTILE)
def test_editors_markdown_is_shown_as_text_and_never_run(handbook, markdown, shown):
    """Editors' Markdown reaches Typst as the site's sanitised HTML, each text a string:
    whatever it holds is printed as it is, not run as Typst, and reads no file."""
    import dataclasses

    practice = handbook.practices[0]
    evil = dataclasses.replace(
        practice,
        sections=(dataclasses.replace(practice.sections[0], markdown=markdown),)
        + practice.sections[1:],
    )
    small = dataclasses.replace(handbook, practices=(evil,), recommendations=())
    reader = pypdf.PdfReader(io.BytesIO(handbook_pdf.make(small, "Test", timestamp=0)))
    text = flat(" ".join(page.extract_text() for page in reader.pages))
    assert flat(shown) in text
    assert "alert(1)" not in text and "root:" not in text


def test_a_failing_compilation_says_so_and_writes_no_pdf(tmp_path, handbook, monkeypatch):
    import typst

    def failing(source: str, timestamp: int, tagged: bool) -> bytes:
        raise typst.TypstError("out of memory")

    monkeypatch.setattr(handbook_pdf, "compile_pdf", failing)
    with pytest.raises(
        handbook_pdf.Unavailable, match=r"could not be made \(TypstError: out of memory"
    ):
        handbook_pdf.write(handbook, "Test", tmp_path)
    assert not (tmp_path / handbook_pdf.NAME).exists()


def test_mkdocs_yml_switches_the_pdf_and_the_zip_off(edited_site: Path):
    """A copy of the real handbook whose mkdocs.yml says `pdf: false` and `offline_zip:
    false` (sites.edited_handbook, through without_downloads)."""
    config = (PROJECT / "mkdocs.yml").read_text()
    assert "offline_zip: true" in config and "pdf: true" in config
    assert (edited_site.parent / "mkdocs.yml").read_text() == config.replace(
        "offline_zip: true", "offline_zip: false"
    ).replace("pdf: true", "pdf: false")
    assert not (edited_site / handbook_pdf.NAME).exists()
    assert not (edited_site / "handbook-offline.zip").exists()
    home = (edited_site / "index.html").read_text()
    assert handbook_pdf.NAME not in home and "handbook-offline.zip" not in home
    assert (edited_site / "search" / "search_index.json").exists()


def test_the_home_page_links_both_downloads(built_site):
    home = (built_site / "index.html").read_text()
    assert f'href="{handbook_pdf.NAME}"' in home and 'href="handbook-offline.zip"' in home
    assert (built_site / handbook_pdf.NAME).read_bytes().startswith(b"%PDF-")


# -- tagged, reproducible, and made again only where the content changed ----------------


def structure(path: Path) -> list[tuple[str, int]]:
    """The structure tree's elements in reading order: (type, depth)."""
    import pikepdf

    with pikepdf.open(path) as document:
        root = document.Root.StructTreeRoot
        found: list[tuple[str, int]] = []
        stack = [(root.K, 0)]
        while stack:
            node, depth = stack.pop()
            if isinstance(node, pikepdf.Array):
                stack.extend((kid, depth) for kid in reversed(list(node)))
            elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
                found.append((str(node.S)[1:], depth))
                if "/K" in node:
                    stack.append((node.K, depth + 1))
        return found


def test_the_pdf_is_tagged_with_its_language_title_and_structure(built_site, handbook):
    import pikepdf

    with pikepdf.open(built_site / handbook_pdf.NAME) as document:
        assert document.Root.MarkInfo.Marked is True
        assert str(document.Root.Lang) == "en-GB"
        assert document.Root.ViewerPreferences.DisplayDocTitle is True
        assert str(document.docinfo.Title) == "Cluster Good-Practice Handbook"
        with document.open_metadata() as xmp:
            assert xmp.get("dc:title") == "Cluster Good-Practice Handbook"
            assert xmp.get("pdfuaid:part") == "1"  # PDF/UA-1, declared by the merge
            assert xmp.get("{http://ns.adobe.com/xap/1.0/t/pg/}NPages") == str(len(document.pages))
        keys = [int(page.obj.StructParents) for page in document.pages]
        assert len(set(keys)) == len(keys)  # one parent-tree entry per page, none shared
    elements = structure(built_site / handbook_pdf.NAME)
    kinds = [kind for kind, _ in elements]
    assert kinds[0] == "Document" and kinds.count("Document") == 1
    assert kinds.count("H3") == len(handbook.practices)  # each practice's title
    for kind in ("H1", "H2", "H4", "P", "L", "LI", "Table", "TR", "TD", "Link"):
        assert kind in kinds, kind
    # headings never skip a level in reading order (PDF/UA's rule)
    levels = [int(kind[1]) for kind in kinds if re.fullmatch(r"H[1-6]", kind)]
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels))


def test_links_between_parts_go_to_the_right_page(built_site, handbook, front):
    """The contents, the indexes and "Illustrated by" link to a practice's first page."""
    reader = pypdf.PdfReader(built_site / handbook_pdf.NAME)
    starts = {}
    for i, page in enumerate(reader.pages):
        text = flat(page.extract_text())
        for p in handbook.practices:
            if p.id not in starts and re.match(loose(p.title) + r"\s*Facts", text):
                starts[p.id] = i
    named = reader.named_destinations
    for p in handbook.practices:
        destination = named[f"p-{p.id}"]
        assert reader.get_destination_page_number(destination) == starts[p.id], p.id
    links = [
        annot.get_object()
        for page in reader.pages
        for annot in page.get("/Annots", [])
        if annot.get_object().get("/Subtype") == "/Link"
    ]
    internal = [a for a in links if "/Dest" in a]
    assert len(internal) > 2 * len(handbook.practices)
    assert all(str(a["/Dest"]) in named for a in internal)
    assert not any(str(a.get("/A", {}).get("/URI", "")).startswith("hb:") for a in links)


def test_two_builds_give_the_same_bytes_and_a_changed_practice_redoes_one_part(tmp_path, handbook):
    import dataclasses

    first = handbook_pdf.Compiler(1_700_000_000, tmp_path / "cache")
    made = handbook_pdf.make(handbook, "Test", timestamp=1_700_000_000, compiler=first)
    again = handbook_pdf.Compiler(1_700_000_000, tmp_path / "cache")
    assert handbook_pdf.make(handbook, "Test", timestamp=1_700_000_000, compiler=again) == made
    assert again.compiled == 0  # every part read from the cache
    assert handbook_pdf.make(handbook, "Test", timestamp=1_700_000_000) == made  # and without one

    practice = handbook.practices[-1]
    edited = dataclasses.replace(
        handbook,
        practices=handbook.practices[:-1]
        + (dataclasses.replace(practice, organisation=practice.organisation + " (renamed)"),),
    )
    after = handbook_pdf.Compiler(1_700_000_000, tmp_path / "cache")
    changed = handbook_pdf.make(edited, "Test", timestamp=1_700_000_000, compiler=after)
    # its chapter's part, then the indexes, the page numbers and the front matter
    assert after.compiled <= 4
    assert changed == handbook_pdf.make(edited, "Test", timestamp=1_700_000_000)
    assert "(renamed)" in flat(
        " ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(changed)).pages)
    )
    after.prune()
    assert len(list((tmp_path / "cache").glob("*.pdf"))) == len(after.used)


class _EveryPageOne:
    """A page map where everything is on page 1 (the check reads no page numbers)."""

    def of(self, anchor: str) -> int:
        return 1


EVERY_PAGE_ONE = _EveryPageOne()


def test_every_part_passes_typsts_pdf_ua_1_checks(handbook):
    """Typst checks PDF/UA-1's rules as it compiles (headings in order, a title and a
    language, alternative texts, table headers, link texts). The parts compile apart,
    and a part of a chapter begins below a level-1 heading that another part holds: for
    the check, such a part gets headings of the levels above its first one."""
    import typst

    from site_builder.artefacts.store import ArtefactStore
    from site_builder.outputs.pdf import typst_sources

    day = (2026, 1, 1)
    units = [typst_sources.recommendations(handbook, "Test", day)]
    units += typst_sources.chapters(handbook, "Test", day, ArtefactStore(), size=20)
    units.append(typst_sources.indexes(handbook, "Test", day, EVERY_PAGE_ONE, 1))
    headings = [h for u in units for h in u.headings]
    units.append(typst_sources.front(handbook, "Test", day, headings, EVERY_PAGE_ONE))
    assert len(units) > 4
    for unit in units:
        first = int(re.search(r"#heading\(level: (\d)", unit.source)[1])
        above = "".join(f"#heading(level: {n})[Part]\n" for n in range(1, first))
        head, marker, rest = unit.source.partition("#let entry(")
        source = head + marker + rest.replace("\n\n", "\n\n" + above, 1) if above else unit.source
        typst.compile(
            source.encode(),
            pdf_standards=["ua-1"],
            timestamp=0,
            font_paths=[],
            ignore_system_fonts=True,
        )


def test_the_merged_pdf_passes_qpdfs_check(built_site: Path) -> None:
    """`qpdf --check`, through pikepdf, which is built on qpdf's library: check_pdf_syntax
    follows qpdf's own check (QPDFJob::doCheck) step by step: the cross-reference table, the
    document structures, every stream decoded, every page's content parsed."""
    import pikepdf

    tool = f"pikepdf {pikepdf.__version__} with libqpdf {pikepdf.__libqpdf_version__}"
    with pikepdf.open(built_site / handbook_pdf.NAME) as document:
        assert len(document.pages) > 100, tool
        assert document.check_pdf_syntax() == [], tool


def test_qpdfs_check_finds_a_damaged_stream_in_a_copy(built_site: Path, tmp_path: Path) -> None:
    """The check has teeth: 16 bytes zeroed inside a compressed stream are found."""
    import pikepdf

    data = (built_site / handbook_pdf.NAME).read_bytes()
    start = next(  # the middle of the first compressed stream of some length
        (begin.end() + end) // 2
        for begin in re.finditer(rb"(?<!end)stream\r?\n", data)
        if b"/FlateDecode" in data[data.rfind(b" obj", 0, begin.start()) : begin.start()]
        and (end := data.index(b"endstream", begin.end())) - begin.end() > 200
    )
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes(data[:start] + bytes(16) + data[start + 16 :])
    with pikepdf.open(damaged) as document:
        problems = document.check_pdf_syntax()
    assert problems and all(p.startswith(("WARNING: ", "ERROR: ")) for p in problems)


def elements(document) -> list:
    """The structure tree's elements (dictionaries) in reading order."""
    import pikepdf

    found = []
    stack = [document.Root.StructTreeRoot.K]
    while stack:
        node = stack.pop()
        if isinstance(node, pikepdf.Array):
            stack.extend(reversed(list(node)))
        elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
            found.append(node)
            if "/K" in node:
                stack.append(node.K)
    return found


def test_a_facts_tables_labels_are_row_headers(handbook):
    """Each label of a practice's facts is a TH that heads its row (Typst tags it TD:
    the merge makes it a header); the values stay TD."""
    import dataclasses

    import pikepdf

    from site_builder.core.facets import facets_for
    from site_builder.outputs.facts import practice_facts

    small = dataclasses.replace(handbook, practices=handbook.practices[:3], recommendations=())
    facets = facets_for(handbook.vocabularies)
    rows = sum(
        len(practice_facts(p, handbook.sources.get(p.source), facets)) for p in small.practices
    )
    made = handbook_pdf.make(small, "Test", timestamp=0)
    with pikepdf.open(io.BytesIO(made)) as document:
        found = elements(document)
        headers = [e for e in found if e.S == pikepdf.Name.TH]
        assert len(headers) == rows > 0
        assert sum(e.S == pikepdf.Name.TD for e in found) == rows
        for th in headers:
            table = [a for a in th.A if a.get("/O") == pikepdf.Name.Table]
            assert [str(a.Scope) for a in table] == ["/Row"]


def structure_problems(document) -> list[str]:
    """What a reader of the structure tree would miss in `document`: a page whose content
    is not marked or has no parent-tree entry, a marked-content id that does not resolve
    to an element, an annotation outside the tree, a heading that skips a level."""
    import pikepdf

    problems = []
    tree = pikepdf.NumberTree(document.Root.StructTreeRoot.ParentTree)
    for n, page in enumerate(document.pages, 1):
        if "/StructParents" not in page.obj:
            problems.append(f"page {n}: no /StructParents")
            continue
        marked = tree.get(int(page.obj.StructParents))
        ids = [
            int(operands[1].MCID)
            for operands, operator in pikepdf.parse_content_stream(page)
            if str(operator) == "BDC"
            and isinstance(operands[1], pikepdf.Dictionary)
            and "/MCID" in operands[1]
        ]
        if not ids:
            problems.append(f"page {n}: no marked content")
        for mcid in ids:
            if marked is None or mcid >= len(marked) or "/S" not in marked[mcid]:
                problems.append(f"page {n}: MCID {mcid} is in no element")
        for annot in page.obj.get("/Annots", ()):
            element = tree.get(int(annot.StructParent)) if "/StructParent" in annot else None
            kids = [] if element is None else element.K
            kids = kids if isinstance(kids, pikepdf.Array) else [kids]
            if not any(isinstance(k, pikepdf.Dictionary) and k.get("/Obj") == annot for k in kids):
                problems.append(f"page {n}: a {annot.Subtype} annotation outside the tree")
    levels = [int(str(e.S)[2]) for e in elements(document) if re.fullmatch(r"/H[1-6]", str(e.S))]
    problems += [f"heading H{a} then H{b}" for a, b in itertools.pairwise(levels) if b > a + 1]
    return problems


def test_the_merged_structure_tree_covers_every_page_and_link(built_site: Path) -> None:
    """PDF/UA's structure rules, checked on the merged file: every page's content marked
    and in the tree, every link annotation in the tree, headings in order."""
    import pikepdf

    with pikepdf.open(built_site / handbook_pdf.NAME) as document:
        assert len(document.pages) > 100
        assert structure_problems(document) == []


def test_the_structure_check_finds_an_unmarked_page_and_a_stray_link(built_site, tmp_path):
    """The check has teeth: a page without its parent-tree key, and a link annotation
    whose key is taken away, are both found."""
    import pikepdf

    with pikepdf.open(built_site / handbook_pdf.NAME) as document:
        del document.pages[3].obj["/StructParents"]
        linked = next(p for p in document.pages if "/Annots" in p.obj)
        del linked.obj.Annots[0]["/StructParent"]
        problems = structure_problems(document)
    assert "page 4: no /StructParents" in problems
    assert any("annotation outside the tree" in p for p in problems)
