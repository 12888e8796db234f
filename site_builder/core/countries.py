"""Countries: the ISO 3166-1 codes the handbook accepts, and one reader for what people write.

`COUNTRIES` maps each ISO 3166-1 alpha-2 code to its English name as the site
shows it: pycountry's common name where it gives one, else its name.  It is
pycountry's table written out as code (core/country_table.py, by
``python -m site_builder.core.make_country_table``), so that importing this module
reads nothing: importing pycountry alone takes about 50 ms (most of it
importlib.metadata, for its version), which every `handbook` command would pay.
A test keeps the table equal to pycountry's.

`parse_country` reads a country as editors, issue forms and sources write it:
a code in any case, a code people use that ISO does not (UK, EL), a name, or
"AT - Austria".  Names are pycountry's English names, official and common, and
their translations in the languages of the EU, the EEA and the candidate
countries (pycountry's gettext catalogues, maintained upstream in iso-codes),
plus the few in OTHER_NAMES.  They are read only when a text is not a code,
once, and the catalogues only when the English names do not know the text.
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from collections.abc import Iterable
from typing import NamedTuple

from site_builder.core.country_table import ALPHA_3, COUNTRIES

# Codes that people write but ISO 3166-1 does not use, with the code meant.
NON_ISO_ALIASES: dict[str, str] = {"UK": "GB", "EL": "GR"}

# Names that pycountry lacks, with the code meant: English names people still write
# (older, shorter or informal ones, and the United Kingdom's four nations), and
# self-names its catalogues lack.  pycountry gives Holland, Russia, USA and Vatican
# only as other languages' names; English names should not depend on those.
OTHER_NAMES: dict[str, str] = {
    "turkey": "TR",
    "holland": "NL",
    "russia": "RU",
    "macedonia": "MK",
    "usa": "US",
    "vatican": "VA",
    "vatican city": "VA",
    "great britain": "GB",
    "britain": "GB",
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
    "northern ireland": "GB",
    "ελλάς": "GR",
    "lëtzebuerg": "LU",
    "shqipëria": "AL",
    # pycountry's Czech catalogue gives Slovakia's own official name to the Gambia too
    "slovenská republika": "SK",
}

# The languages whose country names are read: the official languages of the EU, of
# the EEA and of the candidate countries, and Spain's co-official ones (pycountry's
# catalogue names; Norwegian comes as Bokmål and Nynorsk, Serbian in both scripts).
LANGUAGES = (
    "bg",
    "cs",
    "da",
    "de",
    "el",
    "es",
    "et",
    "fi",
    "fr",
    "ga",
    "hr",
    "hu",
    "it",
    "lt",
    "lv",
    "mt",
    "nl",
    "pl",
    "pt",
    "ro",
    "sk",
    "sl",
    "sv",
    "is",
    "nb_NO",
    "nn",
    "sq",
    "bs",
    "mk",
    "sr",
    "sr@latin",
    "ka",
    "tr",
    "uk",
    "ca",
    "eu",
    "gl",
)

_CODE_AND_NAME = re.compile(r"([A-Za-z]{2})\s*[-\u2013\u2014:]\s*(\S.*)")


class Country(NamedTuple):
    code: str  # the ISO 3166-1 alpha-2 code, a key of COUNTRIES
    name: str  # its English name as the site shows it
    # "code" (any case), "alias" (UK), "alpha-3" (DEU), "name", or "code and name"
    written_as: str


def parse_country(text: str) -> Country | None:
    """The country `text` names, or None: `IT`, `it`, `UK`, `Italy`, `Italia`,
    `Ελλάδα`, `IT - Italy`.  Names are compared without regard to case, spacing,
    a leading "the", and accents (when that is not ambiguous).  In `AT - Austria`
    the code decides, but a name of another country makes it None."""
    written = " ".join(text.split())
    code = written.upper()
    if code in COUNTRIES:
        return Country(code, COUNTRIES[code], "code")
    if code in NON_ISO_ALIASES:
        code = NON_ISO_ALIASES[code]
        return Country(code, COUNTRIES[code], "alias")
    if code in ALPHA_3:
        code = ALPHA_3[code]
        return Country(code, COUNTRIES[code], "alpha-3")
    if (both := _CODE_AND_NAME.fullmatch(written)) and (head := parse_country(both[1])):
        return (
            head._replace(written_as="code and name")
            if _lookup(both[2]) in (None, head.code)
            else None
        )
    named = _lookup(written)
    return Country(named, COUNTRIES[named], "name") if named else None


def code_for(text: str) -> str | None:
    """The code of the country `text` names, as parse_country reads it, or None."""
    country = parse_country(text)
    return country.code if country else None


def did_you_mean(text: str) -> str | None:
    """The one hint for a country written otherwise than as its code, wherever it is
    written (a file, `handbook new`, `handbook search`, the issue form): `DEU`,
    `Deutschland`, `Allemagne` and `Germny` all get "did you mean `DE` (Germany)?"."""
    code = code_for(text) or suggest(text)
    return f"did you mean `{code}` ({COUNTRIES[code]})?" if code else None


def alpha_3(code: str) -> str | None:
    """A country's ISO 3166-1 alpha-3 code (the EU's country table uses them)."""
    return _ALPHA_3_OF.get(code)


_ALPHA_3_OF = {two: three for three, two in ALPHA_3.items()}


def suggest(text: str) -> str | None:
    """The code of the country whose name is nearest to `text`, when one is near.

    Stricter than messages.did_you_mean, since a wrong country is worse than no
    suggestion: English names need a ratio of 0.75 (accents counted: folded, they
    match more regions), other languages' names 0.9 without accents, since their
    ten thousand names would otherwise take regions for countries (Moravia for
    Moldavia, Lapland for Åland).  Two letters are a code, not a misspelt
    name, and get no suggestion."""
    both = _CODE_AND_NAME.fullmatch(" ".join(text.split()))
    key = _key(both[2] if both else text)
    if len(key) < 3:
        return None
    for names, cutoff, near in ((_english_names(), 0.75, key), (_folded_names(), 0.9, _fold(key))):
        if close := difflib.get_close_matches(near, list(names), n=1, cutoff=cutoff):
            return names[close[0]]
    return None


# The name tables, each built once, on first need ---------------------------------------


def _key(name: str) -> str:
    """A name as compared: composed, one space between words, case-folded, one kind
    of apostrophe, without a leading "the" (The Netherlands, the Czech Republic)."""
    name = unicodedata.normalize("NFC", name).replace("\u2019", "'")
    key = " ".join(name.split()).casefold()
    return key.removeprefix("the ")


def _fold(key: str) -> str:
    """A key without accents: Österreich as osterreich, Ελλάδα as ελλαδα."""
    return "".join(c for c in unicodedata.normalize("NFKD", key) if not unicodedata.combining(c))


def _lookup(name: str) -> str | None:
    key = _key(name)
    for names in (_own_names, _english_names, _all_names):
        if code := names().get(key):
            return code
    return _folded_names().get(_fold(key))


def _unambiguous(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Name → code, leaving out a name given to more than one country."""
    codes: dict[str, set[str]] = {}
    for name, code in pairs:
        codes.setdefault(name, set()).add(code)
    return {name: found.pop() for name, found in codes.items() if len(found) == 1}


@functools.cache
def _own_names() -> dict[str, str]:
    """The names shown and OTHER_NAMES: no need to load pycountry."""
    return {_key(name): code for code, name in COUNTRIES.items()} | {
        _key(name): code for name, code in OTHER_NAMES.items()
    }


@functools.cache
def _iso_names() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(code, pycountry's English names for it: name, official name, common name)."""
    import pycountry  # here, not at the top: see the module's docstring

    return tuple(
        (
            c.alpha_2,
            tuple(
                name
                for field in ("name", "official_name", "common_name")
                if (name := getattr(c, field, None))
            ),
        )
        for c in pycountry.countries
        if c.alpha_2 in COUNTRIES
    )


@functools.cache
def _english_names() -> dict[str, str]:
    """pycountry's English names (Czech Republic, Republic of Moldova) and ours."""
    return (
        _unambiguous((_key(name), code) for code, names in _iso_names() for name in names)
        | _own_names()
    )


@functools.cache
def _all_names() -> dict[str, str]:
    """The English names and their translations in LANGUAGES; English wins a clash."""
    import gettext

    import pycountry

    pairs = []
    for language in LANGUAGES:
        catalogue = gettext.translation(
            "iso3166-1", pycountry.LOCALES_DIR, languages=[language], fallback=True
        )
        pairs += [
            (_key(catalogue.gettext(name)), code) for code, names in _iso_names() for name in names
        ]
    return _unambiguous(pairs) | _english_names()


@functools.cache
def _folded_names() -> dict[str, str]:
    return _unambiguous((_fold(key), code) for key, code in _all_names().items())
