"""Clean the artefacts left by extracting text from a PDF.

Text copied out of a PDF keeps the page layout, not the document's structure:
a paragraph is cut in two by a page break (with blank lines, a running header
or a logo in between), words are hyphenated at line ends, list bullets come out
as odd characters, and whitespace is scattered about.  The functions here undo
that, and only that: they never change the words of the text.
"""

from __future__ import annotations

import re

# A paragraph ending in one of these is complete; anything else may go on.
TERMINAL = (".", "!", "?", ":", ";", ")", "]", '"', "\u201d", "\u2019", "\u00bb", "\u2026", "*")

# Words a sentence cannot end with: a paragraph ending in one goes on in the next.
CONTINUING_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "in",
        "on",
        "to",
        "for",
        "and",
        "or",
        "nor",
        "with",
        "by",
        "from",
        "at",
        "as",
        "such",
        "between",
        "including",
        "where",
        "which",
        "that",
        "than",
        "into",
        "about",
        "via",
        "under",
        "over",
        "these",
        "those",
        "their",
        "its",
        "our",
        "your",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
        "will",
        "would",
        "can",
        "could",
        "should",
        "may",
        "might",
        "who",
        "whom",
        "whose",
        "while",
        "when",
        "if",
        "both",
        "either",
        "neither",
        "not",
        "but",
        "also",
        "within",
        "without",
        "through",
        "toward",
        "towards",
        "among",
        "amongst",
        "per",
        "each",
        "every",
        "other",
        "this",
    ]
)

_BULLET = re.compile(r"^(\s*)(?:[-*+\u2022\u25cf\u25aa\u25e6\u2013\uf0b7])\s+(?:\.{2,}\s*)?")
_ORDERED = re.compile(r"^\s*\d{1,2}[.)]\s")
_AUTOLINK = re.compile(r"<(https?://[^>\s]+)>")
_HYPHEN_BREAK = re.compile(r"([a-z\u00df-\u00ff])-\n([a-z\u00df-\u00ff])")
_INNER_SPACES = re.compile(r"(?<=\S) {2,}(?=\S)")
_INVISIBLE = str.maketrans(
    {
        "\u00a0": " ",
        "\u2007": " ",
        "\u202f": " ",
        "\u200b": None,
        "\ufeff": None,
        "\u00ad": None,
        "\t": " ",
    }
)


def normalise_whitespace(text: str) -> str:
    """Unix line ends, no invisible characters, no trailing or doubled spaces."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_INVISIBLE)
    lines = [_INNER_SPACES.sub(" ", line.rstrip()) for line in text.split("\n")]
    return "\n".join("" if not line.strip() else line for line in lines)


def paragraphs(text: str) -> list[str]:
    """The blocks of text between blank lines."""
    return [block.strip("\n") for block in re.split(r"\n\s*\n", text) if block.strip()]


def is_list_item(line: str) -> bool:
    return bool(_BULLET.match(line) or _ORDERED.match(line))


def normalise_list_line(line: str) -> str:
    """One Markdown bullet, `- item`; an indented bullet becomes a nested `  - item`."""
    match = _BULLET.match(line)
    if not match:
        return line.strip() if _ORDERED.match(line) else line
    indent = "  " if match.group(1) else ""
    return f"{indent}- {line[match.end() :].strip()}"


def unwrap(paragraph: str) -> str:
    """Join the lines of a paragraph; list items stay one a line."""
    out: list[str] = []
    for line in paragraph.split("\n"):
        line = line.strip() if not _BULLET.match(line) else line
        if out and not is_list_item(line):
            out[-1] = _join(out[-1], line.strip())
        else:
            out.append(normalise_list_line(line))
    return "\n".join(out)


def _join(before: str, after: str) -> str:
    """Two pieces of one sentence, de-hyphenated where a word was split."""
    if not before:
        return after
    if not after:
        return before
    head, newline, last = before.rpartition("\n")
    joined = _HYPHEN_BREAK.sub(r"\1\2", f"{last}\n{after}").replace("\n", " ")
    return head + newline + joined


def goes_on(before: str, after: str) -> bool:
    """Whether paragraph `after` is the rest of the sentence that `before` leaves open."""
    last_line = before.rstrip().split("\n")[-1]
    first = after.lstrip()
    if not last_line or not first or is_list_item(first) or last_line.endswith(TERMINAL):
        return False
    last_word = re.sub(r"\W+$", "", last_line.split()[-1]).lower()
    return first[0].islower() or first[0] == "(" or last_word in CONTINUING_WORDS


def join_broken_paragraphs(blocks: list[str]) -> list[str]:
    """Glue back the paragraphs (and list items) that a page break cut in two."""
    out: list[str] = []
    for block in blocks:
        if out and goes_on(out[-1], block):
            first, _, rest = block.partition("\n")
            out[-1] = _join(out[-1], first.strip())
            if rest:
                out[-1] += "\n" + rest
        else:
            out.append(block)
    return out


def fix_inline(text: str) -> str:
    """Autolinks become ordinary Markdown links (no angle brackets in the text)."""
    return _AUTOLINK.sub(lambda m: f"[{m.group(1)}]({m.group(1)})", text)


def to_markdown(blocks: list[str]) -> str:
    """Paragraphs apart by a blank line; consecutive list items form one tight list."""
    out = ""
    for block in blocks:
        if out:
            both_lists = is_list_item(block) and is_list_item(out.rsplit("\n", 1)[-1].strip())
            out += "\n" if both_lists else "\n\n"
        out += block
    return out


def clean_text(text: str, drop=lambda block: False) -> str:
    """The whole clean-up: whitespace, paragraphs, lists, page breaks, links.

    `drop` is asked about every paragraph before the page breaks are mended, so
    that a running header or a logo standing between two halves of a sentence
    goes first and the halves can then be joined.
    """
    blocks = [unwrap(block) for block in paragraphs(normalise_whitespace(text))]
    blocks = [block for block in blocks if not drop(block)]
    blocks = join_broken_paragraphs(blocks)
    return fix_inline(to_markdown(blocks))
