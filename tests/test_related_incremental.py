"""The related practices found again after an edit are those a fresh search finds, and
only the sets of features the edit touched are scored again."""

from __future__ import annotations

import dataclasses
import random

import pytest

from site_builder.content.validate import load_handbook
from site_builder.core.related import Known, cross_cutting, related_practices

from .helpers.projects import PROJECT, VOCABULARIES

PRACTICES = load_handbook(PROJECT).practices


def ids(result: dict) -> dict[str, list[str]]:
    return {key: [p.id for p in found] for key, found in result.items()}


def edited(practices: tuple, index: int, **changes) -> tuple:
    return tuple(
        dataclasses.replace(p, **changes) if i == index else p for i, p in enumerate(practices)
    )


EDITS = {
    "a title": lambda ps: edited(ps, 3, title="Aaa, now first by title"),
    "an ecosystem": lambda ps: edited(ps, 5, ecosystems=("digital", "health")),
    "a country": lambda ps: edited(ps, 7, country="MT"),
    "a helix role": lambda ps: edited(ps, 9, helix=("government",)),
    "a theme": lambda ps: edited(ps, 11, themes=()),
    "a practice removed": lambda ps: ps[:20] + ps[21:],
    "a practice added": lambda ps: (
        ps + (dataclasses.replace(ps[0], id="zz-copy", title="Zz copy"),)
    ),
}


@pytest.mark.parametrize("edit", EDITS, ids=list(EDITS))
def test_after_an_edit_the_related_practices_are_found_as_afresh(edit: str) -> None:
    known = Known()
    related_practices(PRACTICES, VOCABULARIES, known)
    everything = known.scored
    after = EDITS[edit](PRACTICES)
    assert ids(related_practices(after, VOCABULARIES, known)) == ids(
        related_practices(after, VOCABULARIES)
    )
    assert known.scored < everything  # the untouched sets were not scored again


def test_edits_in_a_row_stay_as_afresh_and_nothing_changed_scores_nothing() -> None:
    known, practices = Known(), PRACTICES
    related_practices(practices, VOCABULARIES, known)
    for edit in EDITS.values():
        practices = edit(practices)
        assert ids(related_practices(practices, VOCABULARIES, known)) == ids(
            related_practices(practices, VOCABULARIES)
        )
    related_practices(practices, VOCABULARIES, known)
    assert known.scored == 0


def test_many_random_edits_of_a_larger_handbook_stay_as_afresh() -> None:
    rng = random.Random(20261201)
    countries = sorted({p.country for p in PRACTICES})
    ecosystems = sorted({e for p in PRACTICES for e in p.ecosystems})
    practices = tuple(
        dataclasses.replace(p, id=f"{p.id}-{n}", title=f"{rng.choice('ABC')} {p.title} {n}")
        for n in range(6)
        for p in PRACTICES
    )
    known = Known()
    related_practices(practices, VOCABULARIES, known)
    for _ in range(40):
        index = rng.randrange(len(practices))
        change = rng.choice(["title", "country", "ecosystems"])
        value = {
            "title": f"{rng.choice('ABCZ')} retitled {rng.random():.6f}",
            "country": rng.choice(countries),
            "ecosystems": tuple(rng.sample(ecosystems, rng.randint(1, 3))),
        }[change]
        practices = edited(practices, index, **{change: value})
        assert ids(related_practices(practices, VOCABULARIES, known)) == ids(
            related_practices(practices, VOCABULARIES)
        )


def test_the_cross_cutting_values_are_the_vocabularies_and_other_ones_score_all_again() -> None:
    assert cross_cutting(VOCABULARIES) == {("ecosystem", "cross-sectoral")}
    terms = tuple(
        dataclasses.replace(t, cross_cutting=False) for t in VOCABULARIES.ecosystems.terms
    )
    plain = dataclasses.replace(
        VOCABULARIES, ecosystems=dataclasses.replace(VOCABULARIES.ecosystems, terms=terms)
    )
    assert cross_cutting(plain) == frozenset()
    known = Known()
    related_practices(PRACTICES, VOCABULARIES, known)
    everything = known.scored
    assert ids(related_practices(PRACTICES, plain, known)) == ids(
        related_practices(PRACTICES, plain)
    )
    assert known.scored == everything
