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
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

try:  # libyaml's parser is several times faster; the result is the same.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

KeyPath = tuple[str | int, ...]

_INT = re.compile(r"[-+]?[0-9]+")
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
    """Parse YAML text whose first line is line ``first_line`` of the file."""
    result = FrontMatter(data=None)
    offset = first_line - 1
    deep = _nested_past_the_parser(text)
    if deep:  # refused before PyYAML sees it: its limits and their wording are its own
        result.errors.append((deep[0] + 1 + offset, deep[1] + 1, *_TOO_DEEP))
        return result
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        if exc.context in _LIBRARY_TOO_DEEP and exc.problem_mark:  # what the scan missed
            at = exc.problem_mark
            result.errors.append((at.line + 1 + offset, at.column + 1, *_TOO_DEEP))
            return result
        opened = _UNCLOSED.get(exc.context or "")
        mark = (exc.context_mark if opened else None) or exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1 + offset, mark.column + 1) if mark else (first_line, 1)
        quote = None if opened else _open_quote(text, mark.line if mark else 0)
        if quote:  # the quote swallowed the lines up to the next one: mend it where it opened
            opened = _UNCLOSED["while scanning a quoted scalar"]
            line, col = quote[0] + 1 + offset, quote[1] + 1
        message, hint = opened or (_explain_yaml_error(exc), None)
        result.errors.append((line, col, message, hint))
        return result
    except RecursionError:  # the pure-Python composer, on nesting that the scan missed
        result.errors.append((first_line, 1, *_TOO_DEEP))
        return result
    except yaml.YAMLError as exc:  # errors without a position, e.g. bad encoding
        result.errors.append((first_line, 1, f"the front matter is not valid YAML: {exc}", None))
        return result
    if node is None:
        result.data = {}
        return result
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
        return result
    # the walker records why it refuses; an unsafe document yields no values at all
    with contextlib.suppress(_Refused):
        result.data = _Walker(result, offset).value(node, ())
    return result


def _at(node: yaml.Node, offset: int) -> tuple[int, int]:
    return node.start_mark.line + 1 + offset, node.start_mark.column + 1


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


class _Refused(Exception):
    """Stops the walk at the first unsafe construct: one message, no expansion."""


class _Walker:
    """Turns composed nodes into plain values, recording positions and problems."""

    def __init__(self, result: FrontMatter, offset: int):
        self.result = result
        self.offset = offset
        self.seen: set[int] = set()

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
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.value(item, path + (i,)) for i, item in enumerate(node.value)]
        assert isinstance(node, yaml.ScalarNode)
        return scalar(node)

    def mapping(self, node: yaml.MappingNode, path: KeyPath) -> dict[str, Any] | None:
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if id(key_node) in self.seen or key_node.tag == "tag:yaml.org,2002:merge":
                self.refuse(key_node, "YAML anchors, aliases and merge keys (`<<`) are not allowed")
            if not isinstance(key_node, yaml.ScalarNode):
                self.refuse(key_node, "a key must be a plain word, such as `title`")
            key = str(key_node.value)
            key_path = path + (key,)
            line, col = _at(key_node, self.offset)
            if key in out:
                first = self.result.key_lines[key_path][0]
                self.result.errors.append(
                    (
                        line,
                        col,
                        f"`{key}` is given twice (first on line {first})",
                        "keep one of them",
                    )
                )
                continue
            self.result.key_lines[key_path] = (line, col)
            out[key] = self.value(value_node, key_path)
        return out


def scalar(node: yaml.ScalarNode) -> Any:
    """Resolve a scalar the way an editor means it (see the module docstring)."""
    text = node.value
    if node.style:  # quoted or block scalar: always text (plain is None or '')
        return text
    if _INT.fullmatch(text):
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


def _explain_yaml_error(exc: yaml.MarkedYAMLError) -> str:
    problem = exc.problem or str(exc)
    if "found character '\\t'" in problem:
        return "a tab character is not allowed here: indent with spaces"
    if "could not find expected ':'" in problem or "mapping values are not allowed" in problem:
        return (
            "the front matter is not valid YAML: each line must be `key: value`; "
            "put text containing `: ` in double quotes"
        )
    if (
        "found undefined alias" in problem
        or "found unknown tag" in problem
        or "found alias" in problem
    ):
        return "YAML anchors, aliases and tags are not allowed"
    return f"the front matter is not valid YAML: {problem}"
