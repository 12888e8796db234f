"""The values an option names (a country, a vocabulary's term), read the same way by every
command (`new`, `search`, `from-issue`): one parser each, the validator's words and its
"did you mean", and help that lists what may be written and what it means."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from site_builder.content.messages import did_you_mean
from site_builder.core import countries
from site_builder.core.vocab import Vocabulary

COUNTRY_HELP = (
    "the country's two-letter ISO 3166-1 code, such as IT, DE or NO (UK is read as GB); "
    "a name in an EU language or a three-letter code gets a 'did you mean'"
)


def country(value: str) -> str:
    """A code in any case, or UK for GB; anything else is refused with the validator's
    words and its "did you mean" (a name in any EU language, an alpha-3 code)."""
    found = countries.parse_country(value)
    if found and found.written_as in ("code", "alias"):
        return found.code
    hint = countries.did_you_mean(value) or "such as IT for Italy or NO for Norway"
    raise argparse.ArgumentTypeError(
        f"{value!r} is not a two-letter ISO 3166-1 country code ({hint})"
    )


def term(vocabulary: Vocabulary | None) -> Callable[[str], str]:
    """A term of the vocabulary, in any case; an unknown one gets a "did you mean"."""

    def parse(value: str) -> str:
        if vocabulary is None:
            return value
        slug = value.strip().lower()
        if slug in vocabulary:
            return slug
        hint = did_you_mean(slug, list(vocabulary)) or f"allowed: {', '.join(vocabulary)}"
        raise argparse.ArgumentTypeError(
            f"unknown {vocabulary.singular.lower()} {value!r} ({hint})"
        )

    return parse


def terms_help(vocabulary: Vocabulary | None, what: str = "") -> str:
    """Help that lists each term and what it means (`%` escaped for argparse)."""
    if vocabulary is None:
        return what
    listed = "; ".join(f"{slug}: {label}" for slug, label in vocabulary.labels.items())
    return f"{what + ', ' if what else ''}one of: {listed}".replace("%", "%%")
