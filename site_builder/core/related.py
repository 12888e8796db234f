"""Related practices: 3 to 5 per practice, by what they share; deterministic."""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from itertools import chain
from typing import TYPE_CHECKING

from site_builder.core.model import Practice

if TYPE_CHECKING:
    from site_builder.core.vocab import Vocabularies

# What a shared value is worth: a shared specific ecosystem says most about what a
# reader would want next; a cross-cutting value (the vocabularies' `cross_cutting: true`,
# such as "cross-sectoral") alone says little.
WEIGHTS = {"ecosystem": 3, "theme": 2, "country": 2, "helix": 1}
CROSS_CUTTING = 1
MINIMUM, MAXIMUM = 3, 5

Feature = tuple[str, str]  # (kind, value): ("ecosystem", "health")


def cross_cutting(vocabularies: Vocabularies) -> frozenset[Feature]:
    """The features whose value is a cross-cutting term of its vocabulary."""
    kinds = (
        ("ecosystem", vocabularies.ecosystems),
        ("theme", vocabularies.themes),
        ("helix", vocabularies.helix),
    )
    return frozenset((kind, slug) for kind, terms in kinds for slug in terms.cross_cutting)


def _features(practice: Practice) -> list[tuple[str, str]]:
    features = [("ecosystem", e) for e in practice.ecosystems]
    features += [("theme", t) for t in practice.themes]
    features += [("helix", h) for h in practice.helix]
    features.append(("country", practice.country))
    return features


def _weight(feature: Feature, cross: frozenset[Feature]) -> int:
    return CROSS_CUTTING if feature in cross else WEIGHTS[feature[0]]


class Known:
    """What related_practices found last time, to find it again after an edit: the best
    practices (by id) of each set of telling features with the score they needed, and the
    holders, titles and cross-cutting features they were scored from. A set is scored
    again when one of its features changed holders, or when a practice whose title changed
    (titles break ties between equal scores) scores at least what the set's best needed;
    every set, when the vocabularies make other values cross-cutting."""

    def __init__(self) -> None:
        self.best: dict[tuple, tuple[list[str], int]] = {}
        self.holders: dict[tuple[str, str], list[str]] = {}
        self.titles: dict[str, tuple[str, str]] = {}
        self.cross: frozenset[Feature] = frozenset()
        self.scored = 0  # sets of features scored by the last call, for tests


def related_practices(
    practices: tuple[Practice, ...], vocabularies: Vocabularies, known: Known | None = None
) -> dict[str, list[Practice]]:
    """For every practice, the most related others: best score first, then by title.

    Scores come from an inverted index of features, so the work grows with the
    number of shared features rather than with the square of the corpus; a
    feature shared by a large share of the corpus (a helix role everybody has)
    is ignored when the corpus is large, as it separates nothing. Practices
    with the same telling features get the same scores, so each such set of
    features is scored once, and (given what was `known`) only when it changed.
    """
    known = known or Known()
    cross = cross_cutting(vocabularies)
    holders: dict[tuple[str, str], list[int]] = defaultdict(list)
    features = [_features(p) for p in practices]
    for index, feats in enumerate(features):
        for feature in feats:
            holders[feature].append(index)
    ids = [p.id for p in practices]
    titles = {p.id: (p.title.casefold(), p.id) for p in practices}
    by_id = {p.id: index for index, p in enumerate(practices)}
    held = {f: [ids[i] for i in members] for f, members in holders.items()}
    retitled = {i for i, t in titles.items() if known.titles.get(i, t) != t}
    changed = {f for f in held.keys() | known.holders.keys() if held.get(f) != known.holders.get(f)}
    retitled_features = [set(features[by_id[i]]) for i in retitled if i in by_id]
    crowded = max(50, len(practices) // 4)
    order = sorted(range(len(practices)), key=lambda i: titles[ids[i]])
    rank = [0] * len(practices)
    for position, index in enumerate(order):
        rank[index] = position
    best_of = {
        t: (best, floor)
        for t, (best, floor) in (known.best if known.cross == cross else {}).items()
        if not changed.intersection(t)
        and all(_score(t, fs, cross) < floor for fs in retitled_features)
    }
    known.scored = 0
    result: dict[str, list[Practice]] = {}
    for index, feats in enumerate(features):
        telling = tuple(f for f in feats if len(holders[f]) <= crowded)
        if telling not in best_of:
            found, floor = _best(telling, holders, rank, MAXIMUM + 1, cross)
            best_of[telling] = ([ids[o] for o in found], floor)
            known.scored += 1
        best = [by_id[o] for o in best_of[telling][0] if o != ids[index]][:MAXIMUM]
        if len(best) < MINIMUM:  # fill up with the next practices by title
            fill = [o for o in order if o != index and o not in best]
            best += fill[: MINIMUM - len(best)]
        result[practices[index].id] = [practices[o] for o in best]
    known.best, known.holders, known.titles, known.cross = best_of, held, titles, cross
    return result


def _best(
    features: tuple, holders: dict, rank: list[int], count: int, cross: frozenset[Feature]
) -> tuple[list[int], int]:
    """The `count` best-scored holders of these features, by score, then by title; and
    the lowest score among them that a holder needs (0: every holder is among them)."""
    scores = Counter(
        chain.from_iterable(holders[f] for f in features for _ in range(_weight(f, cross)))
    )
    floor = 0
    if len(scores) > count:  # only those scoring at least the count-th best score
        floor = heapq.nlargest(count, scores.values())[-1]
        candidates = [o for o, score in scores.items() if score >= floor]
    else:
        candidates = list(scores)
    return heapq.nsmallest(count, candidates, key=lambda o: (-scores[o], rank[o])), floor


def _score(features: tuple, of: set, cross: frozenset[Feature]) -> int:
    return sum(_weight(f, cross) for f in features if f in of)
