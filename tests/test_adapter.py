"""The adapter (site_builder/mkdocs_pipeline.py): the one module that knows MkDocs."""

from __future__ import annotations

import ast
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError

from site_builder import mkdocs_pipeline, pdf
from site_builder.mkdocs_pipeline import THEME, Pipeline
from site_builder.validate import load_handbook
from tests.conftest import make_corpus

ADAPTER = Path(mkdocs_pipeline.__file__)
PACKAGE = ADAPTER.parent          # site_builder/ (a namespace package: no __init__.py)


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
    found = {path.relative_to(PACKAGE).as_posix(): sorted(imported(path) & {"mkdocs", "material"})
             for path in modules if path != ADAPTER}
    assert {name: names for name, names in found.items() if names} == {}
    assert "mkdocs" in imported(ADAPTER)


def test_the_import_check_sees_imports_inside_functions(tmp_path):
    module = tmp_path / "sneaky.py"
    module.write_text("def f():\n    from mkdocs.structure import pages\n"
                      "    import material.plugins as p\n    from . import mkdocs\n")
    assert imported(module) == {"mkdocs", "material"}


def theme(custom_dir: str | None) -> SimpleNamespace:
    dirs = [*([custom_dir] if custom_dir else []), "/material/templates", "/mkdocs/templates"]
    return SimpleNamespace(theme=SimpleNamespace(custom_dir=custom_dir, dirs=dirs))


def test_the_handbooks_templates_come_before_the_themes_and_after_a_custom_dir():
    plain = theme(None)
    Pipeline._add_templates(plain)
    assert plain.theme.dirs == [str(THEME), "/material/templates", "/mkdocs/templates"]
    custom = theme("/site/overrides")
    Pipeline._add_templates(custom)
    Pipeline._add_templates(custom)  # once, however often the config is handed over
    assert custom.theme.dirs == ["/site/overrides", str(THEME), "/material/templates",
                                 "/mkdocs/templates"]
    assert sorted(p.relative_to(THEME).as_posix() for p in THEME.rglob("*.html")) == [
        "main.html", "partials/search.html"]


def test_a_missing_weasyprint_is_the_pdfs_own_error_and_the_adapter_makes_it_mkdocs(
        tmp_path, monkeypatch):
    handbook = load_handbook(make_corpus(tmp_path / "handbook"))
    monkeypatch.setitem(sys.modules, "weasyprint", None)   # its import fails
    with pytest.raises(pdf.Unavailable, match="needs WeasyPrint"):
        pdf.make(handbook, "Test", tmp_path)

    pipeline = Pipeline()
    pipeline.handbook, pipeline.final_site_dir = handbook, tmp_path / "site"
    staging = tmp_path / "staging"
    staging.mkdir()
    config = SimpleNamespace(site_dir=str(staging), docs_dir=str(tmp_path / "handbook/docs"),
                             site_name="Test", extra={"handbook": {"offline_zip": False}})
    with pytest.raises(PluginError, match="needs WeasyPrint") as raised:
        pipeline.on_post_build(config)
    assert raised.value.__cause__ is None and not pipeline.final_site_dir.exists()
