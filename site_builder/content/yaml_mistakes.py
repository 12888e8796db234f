"""What went wrong in front matter that YAML cannot read, said in an editor's words.

Two readers of a broken front matter, used only once PyYAML has refused it:

* `layout_mistakes` reads the lines the way an editor lays them out (`key: value`, the
  fields under a key indented alike, `- item`) and names each mistake at its own line:
  a field indented more or less than its neighbours, a field name without its colon.
  PyYAML notices such mistakes later, or words them as its grammar sees them.
* `plain_words` turns whatever PyYAML (libyaml or its Python twin) said into a sentence
  with a hint; no wording of the parser's reaches an editor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

Mistake = tuple[int, int, str, str | None]  # line and column (from 0), message, hint

_KEY_LINE = re.compile(r"^( *)([A-Za-z_][\w-]*)[ ]*:(?:[ ]+(.*?))?[ ]*$")
_ITEM_LINE = re.compile(r"^( *)- ")
_WORDS_LINE = re.compile(r"^( *)([A-Za-z_][\w-]*)[ ]+([^:#]+)$")  # `region Oslo`
_BLOCK_SCALAR = re.compile(r"^[|>][-+0-9]*$")


@dataclass
class _Field:
    indent: int
    key: str
    holds_value: bool  # `key: value` on its line: nothing may be nested under it
    children: int | None = None  # the indentation of the fields under it, once seen


def _spaces(count: int) -> str:
    return f"{count} space" + ("" if count == 1 else "s")


def layout_mistakes(lines: list[str]) -> list[Mistake]:
    """The layout mistakes among `lines` (the front matter), each at its line; lines
    inside a block scalar (`|`, `>`) are text, not layout."""
    mistakes: list[Mistake] = []
    top = _Field(-1, "", holds_value=False, children=0)  # the front matter itself
    open_fields: list[_Field] = [top]  # the fields that hold this line, outermost first
    text_from: int | None = None  # a block scalar's lines are more indented than its key
    for number, line in enumerate(lines):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        indent = len(line) - len(line.lstrip(" "))
        if text_from is not None and indent > text_from:
            continue
        text_from = None
        while len(open_fields) > 1 and open_fields[-1].indent >= indent:
            open_fields.pop()
        holder = open_fields[-1]
        key = _KEY_LINE.match(line)
        if key is None:
            mistake = _not_a_field(line, number, indent, holder)
            if mistake:
                mistakes.append(mistake)
            continue
        name, value = key.group(2), key.group(3) or ""
        if holder.holds_value:  # under `key: value`: YAML reads it as part of the value
            mistakes.append(_indented(name, number, indent, open_fields[-2], holder.indent))
            continue
        if holder.children is not None and holder.children != indent:
            mistakes.append(_indented(name, number, indent, holder, holder.children))
            continue
        holder.children = indent
        after = _after_closing(value)
        if after is not None:
            mistakes.append((number, key.start(3) + after[0], *after[1:]))
        holds = bool(value) and not value.startswith("#")
        if _BLOCK_SCALAR.match(value):
            holds, text_from = False, indent
        open_fields.append(_Field(indent, name, holds))
    return mistakes


_CLOSED_VALUE = re.compile(r"""^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|\[[^\[\]]*\])[ ]*(?=[^ #])""")


def _after_closing(value: str) -> tuple[int, str, str] | None:
    """Text after a value's closing quotation mark or `]`: (its column in the value,
    message, hint)."""
    closed = _CLOSED_VALUE.match(value)
    if closed is None:
        return None
    mark = closed.group(1)[-1]
    return (
        closed.end(),
        f"there is text after the closing `{mark}` of this value",
        "put the whole value inside the quotation marks"
        if mark != "]"
        else "put every item inside the brackets, separated by commas",
    )


def _indented(name: str, number: int, indent: int, parent: _Field, expected: int) -> Mistake:
    """`name:` at `indent` where the other fields under `parent` stand at `expected`."""
    if not parent.key:
        message = (
            f"`{name}:` is indented by {_spaces(indent)}; "
            "the fields of a practice start at the beginning of the line"
        )
        hint = f"remove the spaces before `{name}:`"
    else:
        message = (
            f"`{name}:` is indented by {_spaces(indent)}; "
            f"the fields under `{parent.key}:` are indented by {expected}"
        )
        hint = (
            f"indent `{name}:` by {_spaces(expected)}, like the other fields under `{parent.key}:`"
        )
    return (number, indent, message, hint)


def _not_a_field(line: str, number: int, indent: int, holder: _Field) -> Mistake | None:
    """A line where a field belongs that is not `key: value` (nor a list item)."""
    if _ITEM_LINE.match(line):
        return None
    words = _WORDS_LINE.match(line)
    if words is None or (holder.holds_value and indent > holder.indent):
        return None  # or the value of the field above, going on over another line
    name, rest = words.group(2), words.group(3).strip()
    return (number, indent, f"`{name}` has no `:` after it", f"write the field as `{name}: {rest}`")


# -- PyYAML's errors, in plain words ----------------------------------------------------

# What PyYAML said (libyaml's words or its Python twin's), tried in order against the
# error's problem and context; the first that matches gives the sentence and its hint.
PLAIN_WORDS: tuple[tuple[str, str, str | None], ...] = (
    (
        r"tab character|found character '\\t'",
        "a tab character is not allowed here",
        "indent with spaces",
    ),
    (
        r"mapping values are not allowed|could not find expected ':'|found unexpected ':'",
        "this line has a `: ` that YAML reads as the start of a field",
        "put text containing `: ` in double quotes, or start each field on its own line",
    ),
    (
        r"did not find expected key|expected <block end>|mapping keys are not allowed"
        r"|did not find expected '-' indicator|sequence entries are not allowed"
        r"|block sequence entries are not allowed",
        "this line is not indented like the fields around it",
        "indent the fields under one key by the same number of spaces, "
        "and list items with `- ` under their key",
    ),
    (
        r"undefined alias|found alias|anchor|undefined tag|unknown tag|non-specific tag"
        r"|while scanning a tag|while parsing a tag|expected '!'|tag URI|tag handle",
        "YAML anchors, aliases and tags are not allowed",
        "write each value out in full, without `&`, `*` or `!`",
    ),
    (
        r"unknown escape character|escape sequence|Unicode character escape",
        "a backslash `\\` in double quotes starts an escape that YAML does not know",
        "write `\\\\` for a backslash, or use single quotes",
    ),
    (
        r"cannot start any token|unexpected non-alphabetical character"
        r"|expected alphabetic or numeric character",
        "a value cannot start with this character",
        "put the value in double quotes",
    ),
    (
        r"block scalar|indentation indicator|chomping",
        "the text after `|` or `>` is not laid out as YAML expects",
        "indent each line of the text more than its field, or write the text in double quotes",
    ),
    (
        r"document|directive|%YAML|%TAG|STREAM|single document",
        "the front matter holds a line that YAML reads as the start or end of a "
        "document (`---`, `...` or `%`)",
        "put text starting with `---`, `...` or `%` in double quotes",
    ),
    (
        r"control characters|UTF-8|UTF-16|surrogate|invalid Unicode|special characters",
        "the front matter holds a character that is not allowed (a control character, "
        "or bytes that are not UTF-8)",
        "save the file as UTF-8 and remove the invisible character",
    ),
    (
        r"flow (sequence|mapping)|expected ',' or|did not find expected ','",
        "a list in `[` `]` or a group in `{` `}` is not written as YAML expects",
        "write a list as `[first, second]`, or put text containing `[`, `{` or `,` "
        "in double quotes",
    ),
    (
        r"quoted scalar",
        "a quoted text is not closed where YAML expects",
        'end the text with the same quotation mark, and write a quotation mark inside it as `\\"`',
    ),
    (
        r"node content|end of stream",
        "a field's value is missing or cut short here",
        "write the value after `key: `, or put it in double quotes",
    ),
)
_FALLBACK = (
    "the front matter cannot be read from this line on",
    "check this line's indentation and quotation marks against CONTRIBUTING.md",
)


def plain_words(problem: str | None, context: str | None) -> tuple[str, str | None]:
    """A sentence and a hint for what PyYAML said; never PyYAML's own words."""
    said = f"{problem or ''} | {context or ''}"
    for pattern, message, hint in PLAIN_WORDS:
        if re.search(pattern, said):
            return message, hint
    return _FALLBACK
