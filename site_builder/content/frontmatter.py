"""Strict YAML front matter: values with the line of every key, never a crash.

The loader reads YAML as editors mean it, not as YAML 1.1 would:

* plain scalars become text unless they are whole numbers, ``true``/``false``
  or ``null``; so ``country: NO`` is Norway, ``on``/``yes`` stay words and a
  date stays the text it was written as;
* anchors, aliases ("billion laughs") and tags (``!!python/object``) are
  refused before any value is built;
* values nested deeper than ``MAX_DEPTH`` are refused with one message of ours,
  however deep they go and whatever the YAML library itself says about them;
* duplicate keys, which PyYAML accepts silently, are reported.
"""

from __future__ import annotations

import contextlib
import functools
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from site_builder.content import yaml_mistakes

try:  # libyaml's parser is several times faster; the result is the same.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

KeyPath = tuple[str | int, ...]

_INT = re.compile(r"[-+]?[0-9]+")
_INT_START = frozenset("-+0123456789")
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
_NULL = {"", "~", "null", "Null", "NULL"}
# Tags the parser gives to untagged nodes; anything else was written by hand.
_IMPLICIT_TAGS = {
    "tag:yaml.org,2002:" + name
    for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq", "value")
}


@dataclass
class FrontMatter:
    """Parsed front matter: the values and where each key and value stands."""

    data: dict[str, Any] | None
    key_lines: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)
    value_lines: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)
    errors: list[tuple[int, int, str, str | None]] = field(default_factory=list)
    # top-level fields YAML could not read: their values are unknown, not missing
    unreadable: frozenset[str] = frozenset()

    def position(self, path: KeyPath, *, key: bool = False) -> tuple[int, int]:
        """The line and column of a key (or its value), else of its nearest parent."""
        table = self.key_lines if key else self.value_lines
        while path:
            if path in table:
                return table[path]
            if path in self.key_lines:
                return self.key_lines[path]
            path = path[:-1]
        return (0, 1)


def parse(text: str, first_line: int) -> FrontMatter:
    """Parse YAML text whose first line is line ``first_line`` of the file.

    Front matter that YAML cannot read is read again field by field (each top-level
    `key:` with the lines under it), so that one slip hides nothing else: every field
    that can be read gets its value, and each one that cannot is told at the line of its
    mistake (`unreadable` names them, so that no one reports them missing)."""
    result = FrontMatter(data=None)
    if not _read(text, first_line - 1, result):
        _recover(text, first_line - 1, result)
    return result


def _read(text: str, offset: int, result: FrontMatter) -> bool:
    """Read `text` into `result`; False when YAML could not read it at all (its problem is
    in result.errors), True when it could (the walker may still have refused a value)."""
    deep = _nested_past_the_parser(text)
    if deep:  # refused before PyYAML sees it: its limits and their wording are its own
        result.errors.append((deep[0] + 1 + offset, deep[1] + 1, *_TOO_DEEP))
        return True
    try:
        node = yaml.compose(text, Loader=_quick(_Loader))
    except yaml.MarkedYAMLError as exc:
        if exc.context in _LIBRARY_TOO_DEEP and exc.problem_mark:  # what the scan missed
            at = exc.problem_mark
            result.errors.append((at.line + 1 + offset, at.column + 1, *_TOO_DEEP))
            return True
        result.errors.append(_yaml_problem(exc, text, offset))
        return False
    except RecursionError:  # the pure-Python composer, on nesting that the scan missed
        result.errors.append((offset + 1, 1, *_TOO_DEEP))
        return True
    except yaml.YAMLError:  # errors without a position, e.g. bad encoding
        result.errors.append((offset + 1, 1, *yaml_mistakes.plain_words("UTF-8", None)))
        return False
    if node is None:
        result.data = {}
        return True
    if not isinstance(node, yaml.MappingNode):
        line, col = _at(node, offset)
        result.errors.append(
            (
                line,
                col,
                "the front matter must be fields, one `key: value` per line",
                "a practice starts with `id: …`, `title: …`; see CONTRIBUTING.md",
            )
        )
        return False
    # the walker records why it refuses; an unsafe document yields no values at all
    with contextlib.suppress(_Refused):
        result.data = _Walker(result, offset).value(node, ())
    return True


def _yaml_problem(
    exc: yaml.MarkedYAMLError, text: str, offset: int
) -> tuple[int, int, str, str | None]:
    """Where to mend what PyYAML refused, and how, in plain words."""
    opened = _UNCLOSED.get(exc.context or "")
    mark = (exc.context_mark if opened else None) or exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1 + offset, mark.column + 1) if mark else (offset + 1, 1)
    quote = None if opened else _open_quote(text, mark.line if mark else 0)
    if quote:  # the quote swallowed the lines up to the next one: mend it where it opened
        opened = _UNCLOSED["while scanning a quoted scalar"]
        line, col = quote[0] + 1 + offset, quote[1] + 1
    bracket = None if opened else _open_bracket(text, mark.line if mark else 0)
    if bracket:  # a list or group left open: mend it where it opened
        opened = _UNCLOSED[bracket[2]]
        line, col = bracket[0] + 1 + offset, bracket[1] + 1
    message, hint = opened or yaml_mistakes.plain_words(exc.problem, exc.context)
    return line, col, message, hint


def _open_bracket(text: str, last_line: int) -> tuple[int, int, str] | None:
    """The first `[` or `{`, up to the line PyYAML complained about, that its line does
    not close: (line, column, the context PyYAML names it by), counted from 0."""
    for number, line in enumerate(text.split("\n")[: last_line + 1]):
        depth: list[int] = []
        for token in _FLOW_TOKEN.finditer(line):
            if token.group() in ("[", "{"):
                depth.append(token.start())
            elif token.group() in ("]", "}") and depth:
                depth.pop()
        if depth:
            kind = "sequence" if line[depth[0]] == "[" else "mapping"
            return number, depth[0], f"while parsing a flow {kind}"
    return None


def _recover(text: str, offset: int, result: FrontMatter) -> None:
    """Front matter YAML could not read, read again one top-level field at a time: the
    fields that can be read keep their values; each mistake is told at its own line (the
    layout's reading first, PyYAML's where the layout looks right)."""
    lines = text.split("\n")
    layout = yaml_mistakes.layout_mistakes(lines)
    whole_problem = result.errors.pop()
    data: dict[str, Any] = {}
    unreadable: set[str] = set()
    told = 0
    for start, end in _fields(lines):
        part = FrontMatter(data=None)
        readable = _read("\n".join(lines[start:end]), offset + start, part)
        if readable:
            result.errors += part.errors
        else:
            mistakes = [m for m in layout if start <= m[0] < end]
            unreadable.add(re.match(r"\s*([^\s:]*)", lines[start]).group(1))  # type: ignore[union-attr]
            told += 1
            result.errors += [(n + 1 + offset, c + 1, m, h) for n, c, m, h in mistakes]
            if not mistakes:
                result.errors += part.errors
            continue
        for key, value in (part.data or {}).items():
            if key in data:
                first = result.key_lines[(key,)][0]
                line, col = part.key_lines[(key,)]
                result.errors.append(
                    (
                        line,
                        col,
                        f"`{key}` is given twice (first on line {first})",
                        "keep one of them",
                    )
                )
                continue
            data[key] = value
            result.key_lines.update(p for p in part.key_lines.items() if p[0][0] == key)
            result.value_lines.update(p for p in part.value_lines.items() if p[0][:1] == (key,))
    if not told:  # no one field shows the mistake: what PyYAML said of the whole
        result.errors.append(whole_problem)
    if not data and not result.key_lines:  # nothing could be read: no values to check
        return
    result.data = data
    result.unreadable = frozenset(unreadable)


def _given_twice(key: str, first: int) -> tuple[str, str]:
    return f"`{key}` is given twice (first on line {first})", "keep one of them"


def _fields(lines: list[str]) -> list[tuple[int, int]]:
    """The top-level fields as ranges of lines: each starts at a line that starts at the
    beginning (not a comment, not a list item) and runs to the next one."""
    starts = [
        n
        for n, line in enumerate(lines)
        if line[:1] not in ("", " ", "#", "-") and not line.startswith("- ")
    ]
    if not starts:
        return [(0, len(lines))]
    starts[0] = 0  # what comes before the first field belongs to it
    return list(zip(starts, [*starts[1:], len(lines)], strict=True))


def _at(node: yaml.Node, offset: int) -> tuple[int, int]:
    return node.start_mark.line + 1 + offset, node.start_mark.column + 1


_STR, _SEQ, _MAP, _MERGE = ("tag:yaml.org,2002:" + name for name in ("str", "seq", "map", "merge"))
_MERGE_KEY = re.compile(r"^(?:<<)$")  # PyYAML's own resolver for it


@functools.cache
def _quick(loader: type) -> type:
    """The loader, with the resolver of untagged nodes cut down to what the walker reads.

    PyYAML asks its resolver, in Python, for the tag of every untagged node, trying the
    regular expressions of YAML 1.1's int, float, bool, null and timestamp on each plain
    scalar: a fifth of composing. The walker resolves scalars itself (`scalar`) and reads
    a tag only to refuse what was written by hand and merge keys (`<<`); tags written by
    hand never reach the resolver. So every untagged node gets the plain tag of its kind,
    which is in _IMPLICIT_TAGS as whatever PyYAML would have given, and `<<` the merge tag.
    """

    def resolve(self, kind: type, value: str | None, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode:
            plain = implicit[0] and value and value[0] == "<" and _MERGE_KEY.match(value)
            return _MERGE if plain else _STR
        return _SEQ if kind is yaml.SequenceNode else _MAP

    def nothing(self, *path: object) -> None:
        """Path resolvers: we register none, so there is nothing to descend or ascend."""

    methods = {"resolve": resolve, "descend_resolver": nothing, "ascend_resolver": nothing}
    return type(f"Quick{loader.__name__}", (loader,), methods)


# Unclosed quotes and brackets: PyYAML notices them lines later; the place to mend
# is where they were opened (the "context" of its error).
_UNCLOSED = {
    "while scanning a quoted scalar": (
        "this quotation mark is never closed",
        "end the text with the same quotation mark",
    ),
    "while parsing a flow sequence": (
        "this list, opened with `[`, is not closed with `]` on the same line",
        "write a list as `[first, second]`, or put text containing `[` in double quotes",
    ),
    "while parsing a flow mapping": (
        "this `{` is not closed with `}` on the same line",
        "write the values one per line, as in `contact:` then `  name: …`",
    ),
}
_QUOTED_VALUE = re.compile(r'^\s*(?:-\s+|[^\s:#"][^:#"]*:\s+(?:-\s+)?)(")')


def _open_quote(text: str, last_line: int) -> tuple[int, int] | None:
    """The first line, up to the one PyYAML complained about, whose value opens a double
    quote and never closes it on that line: (line, column), counted from 0."""
    for number, line in enumerate(text.split("\n")[: last_line + 1]):
        match = _QUOTED_VALUE.match(line)
        rest = line[match.end(1) :] if match else ""
        if match and '"' not in rest.replace('\\"', ""):
            return number, match.start(1)
    return None


MAX_DEPTH = 8  # a practice needs two levels (contact: name:); a bomb needs hundreds
_TOO_DEEP = (
    f"values are nested more than {MAX_DEPTH} levels deep",
    "a practice needs at most two levels, as in `contact:` then `  name: …`",
)

# Past MAX_DEPTH the walker refuses a value, but only if PyYAML could compose it first.
# PyYAML cannot follow nesting without limit: libyaml (PyYAML 6.0.4 and later) stops at
# 1,000 levels with its own "exceeded maximum nesting depth", and the pure-Python composer
# overflows the stack at a few hundred. So nesting that goes on past _PARSER_SAFE levels is
# refused by a scan of ours before PyYAML is called: far past what any practice needs, far
# short of where PyYAML gives up. The walker keeps reporting everything shallower.
_PARSER_SAFE = 64
# The library's own refusal, for what the scan's estimate missed (see _nested_past_the_parser).
_LIBRARY_TOO_DEEP = {"while increasing flow level", "while increasing block level"}
# In one line: a bracket; a quoted scalar or a comment, whose brackets are text. A quote
# not closed on its line runs to the line's end, so that each character is read once.
_FLOW_TOKEN = re.compile(r"""[\[\]{}]|"(?:[^"\\]|\\.)*"?|'(?:[^']|'')*'?|(?:^|(?<=\s))#.*""")
_BLOCK_INDENT = re.compile(r"( *)((?:- +)*)")  # indentation, then the `- ` of nested lists


def _nested_past_the_parser(text: str) -> tuple[int, int] | None:
    """Where nesting first went past MAX_DEPTH, if somewhere it goes on past _PARSER_SAFE
    levels: (line, column), counted from 0; else None.

    An estimate in linear time, independent of the YAML library, counted the way the walker
    counts (a top-level key's value is level 1): block levels by indentation (and by each
    `- ` of `- - item`), flow levels by `[`, `{` against `]`, `}` outside quotes and comments.
    It may be a level out either way, which only moves where past MAX_DEPTH is said to be;
    it also counts brackets in text, but no text opens 64 of them without closing them.
    """
    if _shallow(text):
        return None
    indents: list[int] = []  # the columns of the open block levels
    flow = 0
    past: tuple[int, int] | None = None  # the first place past MAX_DEPTH: the walker's too
    for number, line in enumerate(text.split("\n")):
        if flow == 0:  # a line in block context: its indentation tells its level
            spaces, dashes = _BLOCK_INDENT.match(line).groups()  # type: ignore[union-attr]
            rest = line[len(spaces) :]
            if not rest.strip() or rest.startswith("#"):
                continue
            column = len(spaces)
            while indents and indents[-1] > column:
                indents.pop()
            if not indents or indents[-1] < column:
                indents.append(column)
            indents += [column + dash.end() for dash in re.finditer(r"- +", dashes)]
            if len(indents) > MAX_DEPTH:
                past = past or (number, indents[MAX_DEPTH])
                if len(indents) > _PARSER_SAFE:
                    return past
        block = max(len(indents) - 1, 0)  # the levels that hold this line's key
        for token in _FLOW_TOKEN.finditer(line):
            if token.group() in ("[", "{"):
                flow += 1
                if block + flow > MAX_DEPTH:
                    past = past or (number, token.start())
                    if block + flow > _PARSER_SAFE:
                        return past
            elif token.group() in ("]", "}"):
                flow = max(flow - 1, 0)
    return None


def _shallow(text: str) -> bool:
    """True when the scan below cannot find nesting past _PARSER_SAFE, told in C time.

    The scan's open block levels are columns, strictly increasing from 0, each at most the
    width of some line's leading spaces and `- `; its flow levels are at most the number of
    `[` and `{` in the text. So they stay within _PARSER_SAFE while the widest such lead,
    plus one, plus the brackets, does. Every practice is far inside that.
    """
    room = _PARSER_SAFE - 1 - text.count("[") - text.count("{")
    return room > 0 and _lead(room).search(text) is None


@functools.cache
def _lead(width: int) -> re.Pattern[str]:
    """A line whose leading spaces and dashes are `width` or more characters wide."""
    return re.compile(f"^[ -]{{{width},}}", re.M)


class _Refused(Exception):
    """Stops the walk at the first unsafe construct: one message, no expansion."""


class _Walker:
    """Turns composed nodes into plain values, recording positions and problems.

    ``value`` is the whole rule, in the order the refusals are told; ``_value`` takes
    the common case, a node none of them applies to, with fewer steps (it runs for
    every node of every file), and hands any other node to ``value``.
    """

    def __init__(self, result: FrontMatter, offset: int):
        self.result = result
        self.offset = offset
        self.seen: set[int] = set()
        self._first_line = offset + 1
        self._values = result.value_lines
        self._keys = result.key_lines

    def refuse(self, node: yaml.Node, message: str, hint: str | None = None) -> None:
        line, col = _at(node, self.offset)
        self.result.errors.append((line, col, message, hint))
        raise _Refused

    def value(self, node: yaml.Node, path: KeyPath) -> Any:
        if id(node) in self.seen:
            self.refuse(
                node,
                "YAML anchors and aliases (`&name`, `*name`) are not allowed",
                "write each value out in full",
            )
        self.seen.add(id(node))
        if len(path) > MAX_DEPTH:
            self.refuse(node, *_TOO_DEEP)
        self.result.value_lines[path] = _at(node, self.offset)
        if node.tag not in _IMPLICIT_TAGS:
            self.refuse(
                node,
                f"YAML tags such as `{_short_tag(node.tag)}` are not allowed",
                "remove the tag and write a plain value",
            )
        return self._contents(node, path)

    def _value(self, node: yaml.Node, path: KeyPath) -> Any:
        seen = self.seen
        if id(node) in seen or len(path) > MAX_DEPTH or node.tag not in _IMPLICIT_TAGS:
            return self.value(node, path)
        seen.add(id(node))
        mark = node.start_mark
        self._values[path] = (mark.line + self._first_line, mark.column + 1)
        if isinstance(node, yaml.ScalarNode):  # most nodes: one call fewer
            return scalar(node)
        return self._contents(node, path)

    def _contents(self, node: yaml.Node, path: KeyPath) -> Any:
        if isinstance(node, yaml.ScalarNode):
            return scalar(node)
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, path)
        assert isinstance(node, yaml.SequenceNode)
        return [self._value(item, path + (i,)) for i, item in enumerate(node.value)]

    def mapping(self, node: yaml.MappingNode, path: KeyPath) -> dict[str, Any] | None:
        out: dict[str, Any] = {}
        keys, first_line = self._keys, self._first_line
        for key_node, value_node in node.value:
            if id(key_node) in self.seen or key_node.tag == _MERGE:
                self.refuse(key_node, "YAML anchors, aliases and merge keys (`<<`) are not allowed")
            if not isinstance(key_node, yaml.ScalarNode):
                self.refuse(key_node, "a key must be a plain word, such as `title`")
            key = str(key_node.value)
            key_path = path + (key,)
            mark = key_node.start_mark
            line, col = mark.line + first_line, mark.column + 1
            if key in out:
                first = keys[key_path][0]
                self.result.errors.append((line, col, *_given_twice(key, first)))
                continue
            keys[key_path] = (line, col)
            out[key] = self._value(value_node, key_path)
        return out


def scalar(node: yaml.ScalarNode) -> Any:
    """Resolve a scalar the way an editor means it (see the module docstring)."""
    text = node.value
    if node.style:  # quoted or block scalar: always text (plain is None or '')
        return text
    if text[:1] in _INT_START and _INT.fullmatch(text):
        return int(text)
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    if text in _NULL:
        return None
    return text


def _short_tag(tag: str) -> str:
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org") else tag
