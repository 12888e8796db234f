"""The adapter (site_builder/mkdocs_pipeline.py): the one module that knows MkDocs."""

from __future__ import annotations

from types import SimpleNamespace

from site_builder.mkdocs_pipeline import THEME, Pipeline


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
