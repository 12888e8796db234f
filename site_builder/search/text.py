"""Words to index terms, the same way in Python (build, CLI) and in the browser.

The browser's worker (site_builder/render/assets/search/worker.js) repeats
these rules in JavaScript; tests/test_search_site.py checks both agree.

- words: lower case, accents folded (Türkiye = Turkiye), split at white space
  and hyphens, punctuation trimmed, a possessive 's dropped;
- American -ize/-yze spellings become British -ise/-yse, the handbook's own
  (a reader typing "digitalization" finds "digitalisation");
- a -ship ending goes, which Porter's stemmer keeps: partnership = partner,
  leadership = leader, membership = member;
- English stop words are skipped;
- terms are Porter stems exactly as lunr.js 2.3.9 computes them. lunr.py's
  stemmer turns a final y into i after a vowel too ("key" -> "kei", lunr.js:
  "key"), so the browser would miss such words: the rule is redone here.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache

from lunr.stemmer import PorterStemmer
from lunr.stop_word_filter import WORDS as STOP_WORDS

_SEPARATOR = re.compile(r"[\s\-]+")
_TRIM = re.compile(r"^[\W_]+|[\W_]+$")
_POSSESSIVE = re.compile(r"['’]s$")
_IZE = re.compile(r"^([a-z]{3,})iz(e|es|ed|ing|ation|ations|er|ers|able)$")
_YZE = re.compile(r"^([a-z]{2,})yz(e|es|ed|ing|er|ers)$")
_SHIP = re.compile(r"^([a-z]{4,})ships?$")
_ACCENTS = re.compile(r"[\u0300-\u036f]")


def fold(text: str) -> str:
    """Lower case without accents."""
    text = text.lower()
    return text if text.isascii() else _ACCENTS.sub("", unicodedata.normalize("NFKD", text))


@lru_cache(maxsize=200_000)
def _clean(word: str) -> str:
    word = _TRIM.sub("", word)
    word = _POSSESSIVE.sub("", word).replace("'", "").replace("’", "")
    return _SHIP.sub(r"\1", _YZE.sub(r"\1ys\2", _IZE.sub(r"\1is\2", word)))


def words(text: str) -> list[str]:
    """The normalised words of a text, stop words included, empty ones left out."""
    return [w for w in map(_clean, _SEPARATOR.split(fold(text))) if w]


class _LunrJsPorter(PorterStemmer):
    b: str  # the word being stemmed (lunr.py sets it in stem())

    def step1c(self) -> None:
        """lunr.js: a final y becomes i only after a consonant (dry -> dri, key -> key)."""
        if self.ends("y") and self.k - self.k0 >= 2 and self.b[self.k - 1] not in "aeiou":
            self.b = self.b[: self.k] + "i" + self.b[self.k + 1 :]


_PORTER = _LunrJsPorter()


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    return _PORTER.stem(word)


def term(word: str) -> str | None:
    """The index term of one word, None for a stop word or nothing."""
    return _term(fold(word))


@lru_cache(maxsize=200_000)
def _term(folded: str) -> str | None:
    word = _clean(folded)
    if not word or word in STOP_WORDS:
        return None
    return stem(word)


def terms(text: str) -> list[str]:
    """The index terms of a text, in order, repeated as often as their words."""
    return [t for t in map(_term, _SEPARATOR.split(fold(text))) if t]


def term_counts(text: str) -> Counter[str]:
    """The index terms of a text and how often each occurs (Counter(terms(text)))."""
    counts: Counter[str] = Counter()
    for word, times in Counter(_SEPARATOR.split(fold(text))).items():
        found = _term(word)
        if found:
            counts[found] += times
    return counts
