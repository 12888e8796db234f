"""The adapter (site_builder/adapter/): the one package that knows MkDocs."""

from __future__ import annotations

import ast
import logging
import os
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError

from site_builder.adapter import events
from site_builder.adapter.context_pages import SiteSource
from site_builder.adapter.events import Adapter
from site_builder.adapter.kept_pages import BUILD_LOG
from site_builder.adapter.settings_from_config import settings_from
from site_builder.adapter.templates import THEME, add_templates
from site_builder.build.pipeline import Build, Pages
from site_builder.build.settings import Settings
from site_builder.cli.search import context_pages
from site_builder.content.validate import load_handbook
from site_builder.core.model import Handbook
from site_builder.outputs.pdf import handbook_pdf
from site_builder.search import cache
from site_builder.search.documents import html_sections, page_document
from site_builder.search.query import Searcher
from tests.helpers.in_memory import site_searcher
from tests.helpers.projects import PROJECT, VOCABULARIES, content_copy, make_corpus
from tests.helpers.search_queries import ROLE_TITLE, pages_of

ADAPTER = Path(events.__file__)
PACKAGE = ADAPTER.parents[1]  # site_builder/ (the package); the adapter is its adapter/


def imported(path: Path) -> set[str]:
    """The top-level names of every absolute import in a module, inside functions too."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_only_the_adapter_imports_mkdocs_or_material():
    modules = sorted(PACKAGE.rglob("*.py"))
    assert ADAPTER in modules and len(modules) > 20
    found = {
        path.relative_to(PACKAGE).as_posix(): sorted(imported(path) & {"mkdocs", "material"})
        for path in modules
        if not path.is_relative_to(ADAPTER.parent)
    }
    assert {name: names for name, names in found.items() if names} == {}
    assert "mkdocs" in imported(ADAPTER)


def test_the_import_check_sees_imports_inside_functions(tmp_path):
    module = tmp_path / "sneaky.py"
    module.write_text(
        "def f():\n    from mkdocs.structure import pages\n"
        "    import material.plugins as p\n    from . import mkdocs\n"
    )
    assert imported(module) == {"mkdocs", "material"}


def theme(custom_dir: str | None) -> SimpleNamespace:
    dirs = [*([custom_dir] if custom_dir else []), "/material/templates", "/mkdocs/templates"]
    return SimpleNamespace(theme=SimpleNamespace(custom_dir=custom_dir, dirs=dirs))


def test_the_handbooks_templates_come_before_the_themes_and_after_a_custom_dir():
    plain = theme(None)
    add_templates(plain)
    assert plain.theme.dirs == [str(THEME), "/material/templates", "/mkdocs/templates"]
    custom = theme("/site/overrides")
    add_templates(custom)
    add_templates(custom)  # once, however often the config is handed over
    assert custom.theme.dirs == [
        "/site/overrides",
        str(THEME),
        "/material/templates",
        "/mkdocs/templates",
    ]
    assert sorted(p.relative_to(THEME).as_posix() for p in THEME.rglob("*.html")) == [
        "base.html",  # material's, made valid HTML (tests/test_theme_overrides.py)
        "handbook-kept.html",  # a kept page's: nothing (site_builder/build/kept.py)
        "main.html",
        "partials/nav-item.html",
        "partials/search.html",
        "partials/toc.html",
    ]


def test_a_missing_typst_is_the_pdfs_own_error_and_the_adapter_makes_it_mkdocs(
    tmp_path, monkeypatch
):
    handbook = load_handbook(make_corpus(tmp_path / "handbook"))
    monkeypatch.setitem(sys.modules, "typst", None)  # its import fails
    with pytest.raises(handbook_pdf.Unavailable, match="needs typst and pikepdf"):
        handbook_pdf.make(handbook, "Test")

    root = tmp_path / "handbook"
    settings = Settings(root, root / "docs", tmp_path / "site", "Test", offline_zip=False)
    adapter = Adapter()
    adapter.build = build = Build(adapter.pipeline, settings, handbook)
    build.stage()
    assert build.staged is not None and build.staged.folder.is_dir()
    config = SimpleNamespace(site_dir=str(build.staged.folder))
    with pytest.raises(PluginError, match="needs typst and pikepdf") as raised:
        adapter.on_post_build(config)
    assert raised.value.__cause__ is None and not settings.site_dir.exists()
    adapter.on_build_error(raised.value)  # as MkDocs calls it: the staging thrown away
    assert not build.staged.folder.exists() and not settings.site_dir.exists()


def test_mkdocs_yml_becomes_the_builds_settings(monkeypatch):
    monkeypatch.setenv("HANDBOOK_SITE_URL", "https://example.org/handbook/")
    monkeypatch.setenv("HANDBOOK_REPOSITORY", "https://github.com/o/handbook")
    config = load_config(str(PROJECT / "mkdocs.yml"))
    assert settings_from(config, 1_765_000_000) == Settings(
        root=PROJECT,
        docs_dir=PROJECT / "docs",
        site_dir=PROJECT / "site",
        site_name="Cluster Good-Practice Handbook",
        description="Open, reviewable good practices of European cluster organisations",
        language="en",
        site_url="https://example.org/handbook/",
        directory_urls=False,
        publisher="Cluster Good-Practice Handbook editors",
        repository="https://github.com/o/handbook",
        pdf=True,
        offline_zip=True,
        built=1_765_000_000,
    )
    config["extra"] = {"handbook": {"pdf": False}}
    leaner = settings_from(config, 0)
    assert (leaner.pdf, leaner.offline_zip, leaner.publisher, leaner.repository) == (
        False,
        True,
        "Cluster Good-Practice Handbook",  # the site's name, without a publisher
        None,
    )
    assert leaner.day == "1970-01-01"


def test_the_adapter_writes_no_environment_variable_and_adds_no_filter_per_construction(
    tmp_path, monkeypatch
):
    """The build's date is in its settings, read from the caller's SOURCE_DATE_EPOCH or
    the content; the logging filter that hides "Page skipped" of kept pages is added
    once per MkDocs command (on_startup) and removed at its end."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    root = make_corpus(tmp_path / "handbook")
    (root / "docs").mkdir()
    (root / "mkdocs.yml").write_text("site_name: Test\n")
    for path in root.rglob("*"):
        os.utime(path, (1_700_000_000, 1_700_000_000))
    build_log = logging.getLogger(BUILD_LOG)
    filters = list(build_log.filters)
    adapter, other = Adapter(), Adapter()
    assert build_log.filters == filters
    adapter.on_startup("serve")
    adapter.on_startup("serve")
    assert build_log.filters == [*filters, adapter.quiet]
    try:
        adapter.on_config(load_config(str(root / "mkdocs.yml")))
        assert "SOURCE_DATE_EPOCH" not in os.environ
        assert adapter.build is not None and adapter.build.settings.built == 1_700_000_000
        assert adapter.build.edition.built == 1_700_000_000
    finally:
        adapter.on_shutdown()
    assert build_log.filters == filters and other.build is None


def skipped(src_uri: str) -> logging.LogRecord:
    """What MkDocs logs of a page whose template wrote nothing."""
    message = "Page skipped: '%s'. Generated empty output."
    return logging.LogRecord(BUILD_LOG, logging.INFO, __file__, 1, message, (src_uri,), None)


def test_mkdocs_says_page_skipped_only_of_pages_not_kept(tmp_path):
    adapter = Adapter()
    assert adapter.quiet.filter(skipped("roles/x.md"))  # no build: nothing is kept
    settings = Settings(tmp_path, tmp_path / "docs", tmp_path / "site")
    adapter.build = Build(adapter.pipeline, settings, Handbook((), (), {}, VOCABULARIES))
    adapter.build.pages = Pages(kept={"roles/x.md": "roles/x.html"})
    assert not adapter.quiet.filter(skipped("roles/x.md"))
    assert adapter.quiet.filter(skipped("roles/y.md"))
    assert adapter.quiet.filter(logging.makeLogRecord({"msg": "Building documentation"}))


# -- context pages: the search indexes the pages MkDocs holds ---------------------------


def test_the_configurations_text_is_the_same_in_every_process():
    """The site's key (what decides whether a build can keep the previous one's pages)
    reads the configuration: it must not depend on the process's string hashes."""
    import subprocess

    script = (
        "from mkdocs.config import load_config\n"
        "from site_builder.adapter.site_key import settings_text\n"
        f"print(settings_text(load_config({str(PROJECT / 'mkdocs.yml')!r})))\n"
    )
    texts = {
        subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
        ).stdout
        for seed in range(6)
    }
    assert len(texts) == 1
    assert "sitemap.xml" in texts.pop()


def test_a_pages_html_becomes_plain_text_sections_split_at_its_h2s():
    html = (
        '<h1 id="t">The title<a class="headerlink" href="#t">¶</a></h1>'
        "<p>Opening &amp; <strong>more</strong>.</p><ul><li>one</li><li>two</li></ul>"
        '<h2 id="a">First <em>part</em><a class="headerlink" href="#a">¶</a></h2>'
        '<p>Some\n   text</p><script>var hidden = "no"</script><h2>Empty</h2>'
    )
    assert html_sections(html) == (
        ("", "Opening & more.\none\ntwo"),
        ("First part", "Some text"),
        ("Empty", ""),
    )
    assert html_sections("<h2>Only</h2><p>x</p>") == (("Only", "x"),)
    doc = page_document("policy/r-d.md", "policy/r-d/", "R&amp;D\n policy", html)
    assert (doc.id, doc.location, doc.type, doc.title) == (
        "policy/r-d",
        "policy/r-d/",
        "page",
        "R&D policy",
    )


def test_a_tree_without_its_docs_folder_has_no_context_pages(tmp_path):
    root = make_corpus(tmp_path / "handbook")
    site = SiteSource(root)
    assert (site.problem, site.docs_dir) == (None, root / "docs")
    assert site.context_documents(load_handbook(root)) == []


def test_an_unreadable_mkdocs_yml_leaves_the_context_pages_out_and_says_why(tmp_path):
    root = make_corpus(tmp_path / "handbook")
    (root / "docs").mkdir()
    (root / "docs" / "about.md").write_text("# About\n\nText.\n")
    (root / "mkdocs.yml").write_text("site_name: test\ntheme:\n  name: no-such-theme\n")
    said: list[str] = []
    stored = cache.load(root, said.append, context_pages)
    assert any(
        m.startswith("mkdocs.yml: theme: Unrecognised theme name: 'no-such-theme'")
        and m.endswith("the context pages are left out of the index")
        for m in said
    ), said
    assert {doc["type"] for doc in Searcher(stored.index).documents()} == {
        "practice",
        "recommendation",
    }

    (root / "mkdocs.yml").write_text("site_name: test\n")  # fixed: indexed at once
    said.clear()
    stored = cache.load(root, said.append, context_pages)
    assert said == [
        f"the content changed since the search index was built: rebuilding it "
        f"in {root / cache.FOLDER}"
    ]
    assert [d["title"] for d in Searcher(stored.index).documents() if d["type"] == "page"] == [
        "About"
    ]


@pytest.mark.slow
def test_the_command_line_indexes_the_context_pages_the_site_does(built_site, tmp_path):
    """The role page is titled as the site titles it (not by its introduction's heading),
    and the command line's whole index, made without a build, is the site's."""
    stored = cache.load(content_copy(PROJECT, tmp_path / "handbook"), lambda _: None, context_pages)
    site_pages = pages_of(site_searcher(built_site))
    cli_pages = pages_of(Searcher(stored.index))
    for pages in (site_pages, cli_pages):
        role = next(d for d in pages if d["id"] == "roles/innovation-engagement")
        assert (role["title"], role["location"]) == (ROLE_TITLE, "roles/innovation-engagement.html")
        assert role["teaser"].startswith("Chapter 3.1 of the guidebook: Clusters play")
    assert len(site_pages) == len(list((PROJECT / "docs").rglob("*.md")))
    assert cli_pages == site_pages
    site_files = sorted((built_site / "search" / "index").iterdir())
    assert [p.read_bytes() for p in site_files] == [
        (stored.folder / "index" / p.name).read_bytes() for p in site_files
    ]  # the same files, byte for byte
