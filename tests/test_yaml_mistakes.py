"""Front matter YAML cannot read: every mistake at its own line, in an editor's words.

Each input below makes PyYAML (libyaml, as the handbook runs it) raise a different kind of
error; whatever it raises, the editor reads a sentence of ours with a hint, never the
parser's wording, and the fields around the mistake are still read.
"""

from __future__ import annotations

import pytest

from site_builder.content import frontmatter, yaml_mistakes

# What libyaml and PyYAML say: none of it may reach an editor.
PARSER_WORDING = (
    "did not find expected",
    "could not find expected",
    "mapping values are not allowed",
    "mapping keys are not allowed",
    "sequence entries are not allowed",
    "while scanning",
    "while parsing",
    "found character",
    "found unexpected",
    "found undefined",
    "found unknown",
    "<block end>",
    "<document start>",
    "in this context",
    "cannot start any token",
    "node content",
    "end of stream",
    "not valid YAML",
)

BROKEN = {
    "a colon in a value": "title: Network: of Veneto\n",
    "a field without its colon": "region Oslo\n",
    "indented by one space": "contact:\n  name: M\n email: m@x.org\n",
    "a list then a field at its level": "helix:\n  - industry\n  region: x\n",
    "a character no value starts with": "title: @home\n",
    "a backquote": "title: `x`\n",
    "an undefined tag handle": "title: !x!y z\n",
    "an unknown escape": 'title: "a\\qb"\n',
    "an unclosed quote": 'title: "abc\n',
    "an unclosed single quote": "title: 'abc\n",
    "text after a closing quote": 'title: "a" b\n',
    "a list not closed": "ecosystems: [health, digital\n",
    "a list closed twice": "ecosystems: [health]]\n",
    "a group not closed": "contact: {name: M\n",
    "a comma in the wrong place": "ecosystems: [health,, x: y]\n",
    "an empty alias": "title: *\n",
    "an empty anchor": "title: &\n",
    "a block scalar indented by 0": "summary: |0\n  text\n",
    "a block scalar with a word": "summary: |x\n  text\n",
    "a control character": "title: a\x07b\n",
    "a tab": "contact:\n\tname: M\n",
    "a directive": "%FOO bar\ntitle: x\n",
    "a second document": "title: x\n---\nregion: y\n",
    "a document end": "title: x\n...\nregion: y\n",
    "a question mark key": "? a\n? b\n: c\n- d\n",
    "a value starting with a dash": "title: - x\n  y: z\n",
    "a key in a list item line": "helix: [a, b\nregion: c]\n",
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_whatever_yaml_refuses_is_told_in_plain_words(name: str) -> None:
    text = "id: ribes\n" + BROKEN[name] + "source: eca-2025\n"
    read = frontmatter.parse(text, first_line=2)
    if read.errors == [] and read.data is not None:
        pytest.skip(f"{name}: PyYAML reads it (nothing to tell)")
    assert read.errors, name
    for line, col, message, hint in read.errors:
        said = f"{message} {hint or ''}"
        assert not [w for w in PARSER_WORDING if w.lower() in said.lower()], said
        assert 2 <= line <= 2 + text.count("\n") and col >= 1
        assert hint, message


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_the_fields_around_a_mistake_are_still_read(name: str) -> None:
    text = "id: ribes\n" + BROKEN[name] + "source: eca-2025\n"
    read = frontmatter.parse(text, first_line=2)
    if not read.errors:
        pytest.skip(f"{name}: PyYAML reads it")
    if read.data is not None and read.unreadable:
        assert read.data.get("id") == "ribes" or "id" in read.unreadable
        assert read.data.get("source") == "eca-2025" or "source" in read.unreadable


def test_every_kind_of_parser_error_has_words_of_its_own() -> None:
    """Each row of the table names something PyYAML says, and no two rows say the same."""
    messages = [message for _, message, _ in yaml_mistakes.PLAIN_WORDS]
    assert len(messages) == len(set(messages))
    for problem in ("did not find expected key", "found unknown escape character", "x"):
        message, hint = yaml_mistakes.plain_words(problem, None)
        assert message and hint and problem not in message


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (
            ["period:", "  start: 2016", "    end: 2019"],
            [
                (
                    2,
                    4,
                    "`end:` is indented by 4 spaces; the fields under `period:` are indented by 2",
                )
            ],
        ),
        (
            ["title: x", "  region: y"],
            [
                (
                    1,
                    2,
                    "`region:` is indented by 2 spaces; the fields of a practice start at the beginning of the line",
                )
            ],
        ),
        (
            ["contact:", "  name: M", " email: e"],
            [
                (
                    2,
                    1,
                    "`email:` is indented by 1 space; the fields under `contact:` are indented by 2",
                )
            ],
        ),
        (["id: x", "region Oslo"], [(1, 0, "`region` has no `:` after it")]),
        (["summary: |", "  region Oslo", "    deeper: text"], []),
        (["region: Veneto", "  and Friuli"], []),
        (["helix:", "- industry", "- academia", "region: x"], []),
    ],
)
def test_layout_mistakes_are_named_at_their_line(lines, expected) -> None:
    found = [(line, col, message) for line, col, message, _ in yaml_mistakes.layout_mistakes(lines)]
    assert found == expected
