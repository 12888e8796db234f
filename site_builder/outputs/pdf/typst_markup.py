"""Sanitised HTML (markdown_safe's output) to Typst markup, for the handbook's PDF.

Only what the sanitiser lets through is read (markdown_safe.TAGS); anything else keeps
its text and loses its tag. Every piece of text becomes a Typst string literal,
``#"..."``, so nothing an editor writes is ever read as Typst markup or code: a string
literal escapes only ``\\`` and ``"``. Tags become calls of Typst's own elements
(``#strong[...]``, ``#link("...")[...]``, ``#list(...)``, ``#table(...)``), which
Typst tags in the PDF's structure tree (headings, lists, tables, links).

    >>> to_typst('<p>Costs <strong>fell</strong> by 5 #1 [sic]</p>')
    '#"Costs "#strong[#"fell"]#" by 5 #1 [sic]"\\n\\n'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

# Tags whose content is a block of its own: a paragraph break before and after. The
# first are read as their content's blocks; the others each become their own Typst block.
BLOCKS = frozenset({"p", "div", "figure", "figcaption", "dd", "dt", "caption"}) | frozenset(
    {"ul", "ol", "dl", "table", "blockquote", "pre", "hr", "h1", "h2", "h3", "h4", "h5", "h6"}
)
INLINE = {
    "strong": "strong",
    "b": "strong",
    "em": "emph",
    "i": "emph",
    "u": "underline",
    "ins": "underline",
    "s": "strike",
    "del": "strike",
    "sub": "sub",
    "sup": "super",
}
VOID = {"br", "hr", "img"}
_SPACE = re.compile(r"[ \t\r\n\f]+")


def string(text: str) -> str:
    """A Typst string literal holding `text` exactly."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + escaped.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t") + '"'


def text(value: str) -> str:
    """`value` as Typst markup that shows it as it is (nothing in it is markup)."""
    return "#" + string(value) if value else ""


@dataclass
class _Node:
    tag: str
    attrs: dict[str, str]
    children: list[_Node | str] = field(default_factory=list)


class _Tree(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = _Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(_Node(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse(html: str) -> _Node:
    tree = _Tree()
    tree.feed(html)
    tree.close()
    return tree.root


def to_typst(html: str, heading_level: int = 1) -> str:
    """Typst markup for a fragment of sanitised HTML that sits under a heading of
    `heading_level`: its own headings come below it, the shallowest one level down,
    and none more than one level below the one before (a PDF/UA rule)."""
    root = parse(html)
    levels = [int(n.tag[1]) for n in _walk(root) if re.fullmatch(r"h[1-6]", n.tag)]
    shift = heading_level + 1 - min(levels, default=heading_level + 1)
    _renumber(root, shift, heading_level)
    return _blocks(root.children)


def _walk(node: _Node):
    for child in node.children:
        if isinstance(child, _Node):
            yield child
            yield from _walk(child)


def _renumber(root: _Node, shift: int, floor: int) -> None:
    previous = floor
    for node in _walk(root):
        if re.fullmatch(r"h[1-6]", node.tag):
            level = max(floor + 1, min(int(node.tag[1]) + shift, previous + 1, 6))
            node.attrs["level"] = str(level)
            previous = level


def inline_typst(html: str) -> str:
    """Typst markup for inline HTML (a recommendation's point): no paragraph breaks."""
    return _inline(_trimmed(parse(html).children), pre=False)


def _blocks(children: list[_Node | str]) -> str:
    """Block content: runs of inline content become paragraphs, blocks stand alone."""
    out: list[str] = []
    run: list[_Node | str] = []

    def flush() -> None:
        markup = _inline(_trimmed(run), pre=False)
        if markup:
            out.append(markup + "\n\n")
        run.clear()

    for child in children:
        if isinstance(child, _Node) and _is_block(child):
            flush()
            out.append(_block(child))
        else:
            run.append(child)
    flush()
    return "".join(out)


def _trimmed(run: list[_Node | str]) -> list[_Node | str]:
    """A paragraph's content without the white space at its ends (HTML drops it too)."""
    items = list(run)
    while items and isinstance(items[0], str) and not items[0].strip():
        items.pop(0)
    while items and isinstance(items[-1], str) and not items[-1].strip():
        items.pop()
    if items and isinstance(items[0], str):
        items[0] = items[0].lstrip()
    if items and isinstance(items[-1], str):
        items[-1] = items[-1].rstrip()
    return items


def _is_block(node: _Node) -> bool:
    return node.tag in BLOCKS


def _block(node: _Node) -> str:
    tag = node.tag
    if tag in {"ul", "ol"}:
        items = [c for c in node.children if isinstance(c, _Node) and c.tag == "li"]
        args = [f"[{_item(item)}]" for item in items]
        if tag == "ol":
            start = node.attrs.get("start", "")
            head = f"start: {int(start)}, " if start.isdigit() else ""
            return f"#enum({head}{', '.join(args)})\n\n" if args else ""
        return f"#list({', '.join(args)})\n\n" if args else ""
    if tag == "dl":
        return _definitions(node)
    if tag == "table":
        return _table(node)
    if tag == "blockquote":
        return f"#quote(block: true)[{_blocks(node.children).strip()}]\n\n"
    if tag == "pre":
        return f"#raw({string(_plain(node))}, block: true)\n\n"
    if tag == "hr":
        return "#line(length: 100%, stroke: 0.5pt + gray)\n\n"
    if tag.startswith("h") and tag[1:].isdigit():
        level = node.attrs.get("level", tag[1:])
        body = _inline(_trimmed(node.children), pre=False)
        return f"#heading(level: {level}, outlined: false, bookmarked: false)[{body}]\n\n"
    if tag == "figcaption":
        return f"#emph[{_inline(node.children, pre=False).strip()}]\n\n"
    return _blocks(node.children)  # p, div, figure, dd, dt, caption


def _item(item: _Node) -> str:
    """A list item: its paragraphs, nested lists and all."""
    if any(isinstance(c, _Node) and _is_block(c) for c in item.children):
        return _blocks(item.children).strip()
    return _inline(_trimmed(item.children), pre=False)


def _definitions(node: _Node) -> str:
    out = []
    for child in node.children:
        if isinstance(child, _Node) and child.tag == "dt":
            out.append(f"#strong[{_inline(child.children, pre=False).strip()}]\n\n")
        elif isinstance(child, _Node) and child.tag == "dd":
            out.append(f"#pad(left: 1.5em)[{_blocks(child.children).strip()}]\n\n")
    return "".join(out)


def _table(node: _Node) -> str:
    """A table with its header rows marked as such (Typst tags them as header cells)."""
    header: list[list[_Node]] = []
    body: list[list[_Node]] = []
    caption = ""

    def rows(parent: _Node, into: list[list[_Node]] | None) -> None:
        for child in parent.children:
            if not isinstance(child, _Node):
                continue
            if child.tag == "caption":
                nonlocal caption
                caption = _inline(child.children, pre=False).strip()
            elif child.tag in {"thead", "tbody", "tfoot"}:
                rows(child, header if child.tag == "thead" else body)
            elif child.tag == "tr":
                cells = [
                    c for c in child.children if isinstance(c, _Node) and c.tag in {"th", "td"}
                ]
                all_th = bool(cells) and all(c.tag == "th" for c in cells)
                target = into if into is not None else (header if all_th and not body else body)
                target.append(cells)

    rows(node, None)
    width = max((sum(_span(c, "colspan") for c in row) for row in header + body), default=0)
    if not width:
        return ""

    def cell(c: _Node) -> str:
        spans = [
            f"{name}: {_span(c, attr)}"
            for name, attr in (("colspan", "colspan"), ("rowspan", "rowspan"))
            if _span(c, attr) > 1
        ]
        content = _item(c)
        return f"table.cell({', '.join(spans)})[{content}]" if spans else f"[{content}]"

    parts = []
    if header:
        parts.append("table.header(" + ", ".join(cell(c) for row in header for c in row) + ")")
    parts.extend(cell(c) for row in body for c in row)
    table = f"#table(columns: {width}, align: left, {', '.join(parts)})"
    if caption:
        return f"#figure(kind: table, caption: [{caption}], {table[1:]})\n\n"
    return table + "\n\n"


def _span(node: _Node, attr: str) -> int:
    value = node.attrs.get(attr, "1")
    return max(1, min(int(value), 50)) if value.isdigit() else 1


def _plain(node: _Node | str) -> str:
    if isinstance(node, str):
        return node
    return "".join(_plain(c) for c in node.children)


def _inline(children: list[_Node | str], *, pre: bool) -> str:
    out: list[str] = []
    for child in children:
        if isinstance(child, str):
            out.append(text(child if pre else _SPACE.sub(" ", child)))
            continue
        tag = child.tag
        if tag in INLINE:
            out.append(f"#{INLINE[tag]}[{_inline(child.children, pre=pre)}]")
        elif tag in {"code", "kbd"}:
            out.append(f"#raw({string(_plain(child))})")
        elif tag == "a":
            out.append(_link(child, pre))
        elif tag == "br":
            out.append("#linebreak()")
        elif tag == "img":
            alt = child.attrs.get("alt", "").strip()
            out.append(text(f"[Image: {alt}]" if alt else "[Image]"))
        elif _is_block(child):
            out.append(" " + _block(child).strip() + " ")
        else:  # abbr, span, and any tag the sanitiser would not let through
            out.append(_inline(child.children, pre=pre))
    return "".join(out)


def _link(node: _Node, pre: bool) -> str:
    """External links stay links; a link inside the page (a footnote) is its text."""
    href = node.attrs.get("href", "")
    body = _inline(node.children, pre=pre)
    if re.match(r"(https?|mailto):", href, re.I):
        return f"#link({string(href)})[{body}]"
    return body
