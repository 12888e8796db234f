"""The Markdown body: its sections, and what an editor may not write in it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from site_builder.content.messages import did_you_mean
from site_builder.core.sections import (
    GUIDANCE,
    PLACEHOLDERS,
    REQUIRED_SECTIONS,
    SECTION_BY_HEADING,
    SECTIONS,
)

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")

# Raw HTML that can run script, load other documents or restyle the page.
_DANGEROUS_TAG = re.compile(
    r"<\s*(script|iframe|frame|frameset|object|embed|applet|style|link|meta|base|form|"
    r"input|button|textarea|select|svg|math|template|noscript|portal)\b",
    re.I,
)
_EVENT_HANDLER = re.compile(r"<[^<>]*?\s(on[a-z]+)\s*=", re.I)  # [^<>]: linear time
_BAD_SCHEME = re.compile(
    r"(?:\]\(\s*<?|\]:\s*<?|<|(?:href|src|action|formaction|xlink:href)\s*=\s*[\"']?)"
    r"\s*((?:j\s*a\s*v\s*a\s*s\s*c\s*r\s*i\s*p\s*t|v\s*b\s*s\s*c\s*r\s*i\s*p\s*t|data)\s*:)",
    re.I,
)
_HTML_COMMENT = re.compile(r"<!--.*?(-->|$)", re.S)
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
# A cheap first look: a text without any of these cannot hold unsafe markup.
_MAYBE_UNSAFE = re.compile(r"<|script|data\s*:", re.I)
# The same look made cheaper for a whole body: a case-sensitive search of the lower-cased
# text. Every character that re.I matches to a letter of "script" or "data" lower-cases to
# that letter, except ſ (s), ı and İ (i): a text with one of those takes the slow look.
_LOWER_WORDS = re.compile(r"script|data\s*:")


def _may_be_unsafe(text: str) -> bool:
    """True wherever _MAYBE_UNSAFE.search(text) finds something (rarely elsewhere)."""
    if "<" in text:
        return True
    if "\u017f" in text or "\u0131" in text or "\u0130" in text:
        return _MAYBE_UNSAFE.search(text) is not None
    return _LOWER_WORDS.search(text.lower()) is not None


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    line: int


@dataclass(frozen=True)
class Block:
    heading: Heading | None
    lines: tuple[str, ...]

    @property
    def markdown(self) -> str:
        return "\n".join(self.lines).strip("\n")

    @property
    def head(self) -> Heading:
        """The heading of a block after the first: only the preamble has none."""
        assert self.heading is not None, "the preamble has no heading"
        return self.heading


def prose_lines(body: str) -> list[tuple[int, str, bool]]:
    """Each body line with its index and whether it lies inside a fenced code block."""
    out, fence = [], None
    for index, line in enumerate(body.split("\n")):
        match = _FENCE.match(line)
        if fence is None and match:
            fence = match.group(1)[0] * len(match.group(1))
            out.append((index, line, True))
        elif fence is not None:
            out.append((index, line, True))
            if line.strip().startswith(fence) and not line.strip().strip(fence[0]):
                fence = None
        else:
            out.append((index, line, False))
    return out


def split_blocks(body: str, first_line: int) -> list[Block]:
    """The body cut at each level-1 and level-2 heading (outside code blocks)."""
    blocks: list[Block] = []
    heading: Heading | None = None
    lines: list[str] = []
    for index, line, in_code in prose_lines(body):
        match = None if in_code else _ATX.match(line)
        if match and len(match.group(1)) <= 2:
            blocks.append(Block(heading, tuple(lines)))
            heading = Heading(
                len(match.group(1)), (match.group(2) or "").strip(), first_line + index
            )
            lines = []
        else:
            lines.append(line)
    blocks.append(Block(heading, tuple(lines)))
    return blocks


def section_problems(blocks: list[Block], last_line: int) -> list[tuple[int, str, str | None]]:
    """What is wrong with the sections of a practice: (line, message, hint)."""
    problems: list[tuple[int, str, str | None]] = []
    preamble = blocks[0]
    if preamble.markdown.strip():
        offset = next(i for i, text in enumerate(preamble.lines) if text.strip())
        line = (
            blocks[1].head.line - len(preamble.lines)
            if len(blocks) > 1
            else last_line - len(preamble.lines) + 1
        ) + offset
        problems.append(
            (line, "text before the first section", "start the body with `## Challenges`")
        )
    order = [slug for slug, _ in SECTIONS]
    seen: dict[str, int] = {}
    last_index = -1
    for block in blocks[1:]:
        head = block.head
        if head.level == 1:
            problems.append(
                (
                    head.line,
                    f"a level-1 heading `# {head.text}`: the title comes from the `title` field",
                    "use `## ` for the sections and `### ` inside them",
                )
            )
            continue
        slug = SECTION_BY_HEADING.get(head.text)
        if slug is None:
            headings = [h for _, h in SECTIONS]
            hint = did_you_mean(
                f"## {head.text}", [f"## {h}" for h in headings]
            ) or "allowed sections: " + ", ".join(f"`## {h}`" for h in headings)
            problems.append((head.line, f"unknown section `## {head.text}`", hint))
            continue
        if slug in seen:
            problems.append(
                (
                    head.line,
                    f"the section `## {head.text}` appears twice (first on line {seen[slug]})",
                    "merge the two into one",
                )
            )
            continue
        seen[slug] = head.line
        if order.index(slug) < last_index:
            after = SECTIONS[last_index][1]
            problems.append(
                (
                    head.line,
                    f"the section `## {head.text}` is out of order: it "
                    f"must come before `## {after}`",
                    "sections go in the order " + ", ".join(h for _, h in SECTIONS),
                )
            )
        last_index = max(last_index, order.index(slug))
        if not _HTML_COMMENT.sub("", block.markdown).strip():  # a comment alone shows nothing
            problems.append(
                (head.line, f"the section `## {head.text}` is empty", "write at least one sentence")
            )
    numbered = _numbered(blocks, last_line)
    for slug, heading in REQUIRED_SECTIONS:
        if slug not in seen:
            problems.append(
                _missing(heading, numbered)
                or (
                    _where_missing(slug, seen, last_line),
                    f"the required section `## {heading}` is missing",
                    None,
                )
            )
    return problems


def _words(text: str) -> str:
    return " ".join(text.split()).casefold()


def unfinished(blocks: list[Block]) -> list[tuple[int, str, str | None]]:
    """The template's questions and placeholders (core/sections.py) left in the sections:
    `handbook new` and the issue form write them for the editor to replace."""
    return [found for block in blocks[1:] for found in _unfinished(block)]


def _unfinished(block: Block) -> list[tuple[int, str, str | None]]:
    found: list[tuple[int, str, str | None]] = []
    head = block.head
    for index, line in enumerate(block.lines):
        words = _words(_HTML_COMMENT.sub("", line))
        if not words:
            continue
        question = next((q for q in GUIDANCE.values() if _words(q) in words), None)
        if question is not None:
            found.append(
                (
                    head.line + 1 + index,
                    f"the section `## {head.text}` still holds the template's question "
                    f"“{question}”",
                    "replace the question with what the practice did: "
                    "an unfinished practice is not published",
                )
            )
        elif words in PLACEHOLDERS:
            found.append(
                (
                    head.line + 1 + index,
                    f"the section `## {head.text}` still holds the placeholder `{line.strip()}`",
                    "write the section's text in its place",
                )
            )
    return found


def _numbered(blocks: list[Block], last_line: int) -> list[tuple[int, str]]:
    """Every line of the body with its line number in the file."""
    preamble, rest = blocks[0], blocks[1:]
    start = (rest[0].head.line if rest else last_line + 1) - len(preamble.lines)
    numbered = [(start + i, text) for i, text in enumerate(preamble.lines)]
    for block in rest:
        numbered += [(block.head.line + 1 + i, text) for i, text in enumerate(block.lines)]
    return numbered


_HEADING_LIKE = re.compile(r"^\s*(#*)\s*\**\s*(.*?)\s*\**\s*:?\s*\**\s*$")


def _missing(heading: str, numbered: list[tuple[int, str]]) -> tuple[int, str, str | None] | None:
    """A missing section whose heading stands on a line of its own without its `## `
    (or with another number of `#`): told at that line, with the fix."""
    for line, text in numbered:
        match = _HEADING_LIKE.match(text)
        if match and match.group(2).casefold() == heading.casefold():
            return (
                line,
                f"`{text.strip()}` looks like the heading of the required section "
                f"`## {heading}`, written without its `## `",
                f"write the line as `## {heading}`",
            )
    return None


def _where_missing(slug: str, seen: dict[str, int], last_line: int) -> int:
    later = [seen[s] for s, _ in SECTIONS[[x for x, _ in SECTIONS].index(slug) + 1 :] if s in seen]
    return min(later) if later else last_line


def unsafe_markup(text: str, first_line: int) -> list[tuple[int, int, str, str | None]]:
    """Raw HTML and links that could run script in a reader's browser."""
    found: list[tuple[int, int, str, str | None]] = []
    if not _may_be_unsafe(text):
        return found
    for index, line, in_code in prose_lines(text):
        if in_code or not _MAYBE_UNSAFE.search(line):
            continue
        visible = _CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line)
        for match in _DANGEROUS_TAG.finditer(visible):
            found.append(
                (
                    first_line + index,
                    match.start() + 1,
                    f"raw HTML `<{match.group(1).lower()}>` is not allowed",
                    "it could run code in readers' browsers; write plain Markdown",
                )
            )
        for match in _EVENT_HANDLER.finditer(visible):
            found.append(
                (
                    first_line + index,
                    match.start(1) + 1,
                    f"the HTML attribute `{match.group(1).lower()}=` is not allowed",
                    "event handlers run code in readers' browsers; write plain Markdown",
                )
            )
        for match in _BAD_SCHEME.finditer(visible):
            scheme = re.sub(r"\s", "", match.group(1)).lower()
            found.append(
                (
                    first_line + index,
                    match.start(1) + 1,
                    f"a link to `{scheme}` is not allowed",
                    "links must start with https://, http:// or mailto:",
                )
            )
    return found
