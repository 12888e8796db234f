"""The one Jinja environment for the templates in site_builder/render/templates/: the site's
generated pages and the print document of the PDF alike. Autoescaped, strict about
undefined names; its globals are the helpers the templates share (the facets, the
vocabularies and the links come with each page's context)."""

from __future__ import annotations

from functools import lru_cache

import jinja2

from site_builder.core import urls
from site_builder.core.countries import COUNTRIES

_NUMBER_WORDS = dict(
    enumerate(["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"])
)


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("site_builder.render", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
        auto_reload=False,  # package files: read once, not looked at again per page
    )
    env.globals.update(
        country_name=lambda code: COUNTRIES.get(code, code),
        number_word=lambda n: _NUMBER_WORDS.get(n, str(n)),
        number=lambda n: f"{n:,}",  # 5,000: as filters.js writes numbers (toLocaleString)
        urls=urls,  # the site's addresses: href(urls.ALL_PRACTICES)
        practice_src=urls.practice_src,
        recommendation_src=urls.recommendation_src,
    )
    return env


def render(template: str, **context) -> str:
    return environment().get_template(template).render(**context)
