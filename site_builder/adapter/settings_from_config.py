"""MkDocs' configuration in, the build's settings out (site_builder/build/settings.py).

The handbook's own options are under ``extra: handbook:`` in mkdocs.yml:

    publisher     who publishes the handbook (the data catalogue's publisher), else the
                  site's name
    repository    https://github.com/owner/name (the publish workflow sets it; not
                  repo_url: Material would then ask api.github.com for the stars)
    pdf           false leaves handbook.pdf out
    offline_zip   false leaves the offline ZIP out
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from site_builder.build.settings import Settings


def project_root(config: MkDocsConfig) -> Path:
    """The handbook's folder: mkdocs.yml's."""
    return Path(config.config_file_path).parent


def settings_from(config: MkDocsConfig, built: int) -> Settings:
    """The build's settings from MkDocs' validated configuration; `built` is the build's
    date (settings.build_date)."""
    handbook: dict = dict(config.extra or {}).get("handbook") or {}
    language = config.theme.get("language") if config.theme else None
    return Settings(
        root=project_root(config),
        docs_dir=Path(config.docs_dir),
        site_dir=Path(config.site_dir),
        site_name=config.site_name,
        description=config.site_description or "",
        language=str(language or "en"),
        site_url=config.site_url or None,
        directory_urls=config.use_directory_urls,
        publisher=str(handbook.get("publisher") or config.site_name),
        repository=handbook.get("repository") or None,
        pdf=bool(handbook.get("pdf", True)),
        offline_zip=bool(handbook.get("offline_zip", True)),
        built=built,
    )
