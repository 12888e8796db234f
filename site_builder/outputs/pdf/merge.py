"""handbook.pdf put together from the PDFs of its parts (handbook_typst's units), with qpdf.

Each part is a tagged PDF of its own. The merge keeps what makes the whole one
accessible document rather than a stack of files:

- **one structure tree**: each part's Document element becomes a Part of one Document,
  in reading order, with the parent tree's keys (``/StructParents``, ``/StructParent``)
  moved so that they do not collide;
- **links between parts**: a part links to another with a ``hb:<anchor>`` URI; the
  merge turns each into a link to the named destination ``<anchor>``, and names the
  place of every bookmarked heading;
- **bookmarks**, from the parts' headings (parts, chapters and recommendations,
  practices), and **page labels**: the front matter i, ii, …, the body 1, 2, …;
- **page numbers** on the body's pages, stamped from a Typst document of numbered
  empty pages and marked as pagination artefacts, so that they stay outside the
  structure tree;
- the front matter's **metadata** (title, language, XMP), declaring PDF/UA-1
  (``pdfuaid:part``), and a file identifier made from the content, so that the same
  parts give the same bytes.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, cast

import pikepdf
from pikepdf import Array, Dictionary, Name, Object, Pdf, String

from site_builder.outputs.pdf.typst_sources import LABEL_GREY, SCHEME, Heading


@dataclass(frozen=True)
class Part:
    """A compiled part: its PDF and its bookmarked headings, in the order Typst wrote them."""

    name: str
    pdf: bytes
    headings: tuple[Heading, ...]


@dataclass(frozen=True)
class Place:
    page: int  # 0-based, within the body (the parts after the front matter)
    top: float  # the heading's top, in PDF points from the page's bottom


class MergeError(Exception):
    """A part's bookmarks are not its headings: the merge cannot place its anchors."""


def _bookmarks(pdf: Pdf) -> Iterator[tuple[str, tuple[int, int], float]]:
    """Every bookmark in document order: its title, its page and its top."""
    with pdf.open_outline() as outline:
        stack = list(reversed(outline.root))
        while stack:
            item = stack.pop()
            dest = item.destination
            if isinstance(dest, (Array, list)) and len(dest) >= 4:
                top = float(dest[3]) if dest[3] is not None else 0.0
                yield item.title, dest[0].objgen, top
            stack.extend(reversed(item.children))


class Merger:
    """The whole PDF, put together part by part: :meth:`add` each part of the body in
    order (while the next are compiled), then :meth:`finish` with the front matter,
    which goes first, and the page numbers of the body's first pages."""

    def __init__(self) -> None:
        self.out = Pdf.new()
        self.where: dict[str, Place] = {}  # each bookmarked heading's place, by anchor
        self.headings: list[Heading] = []  # the body's bookmarked headings, in order
        self.pages = 0  # the body's pages so far
        self._sources: list[Pdf] = []
        self._sections: list[Dictionary] = []
        self._parent_tree: list[tuple[int, Object]] = []
        self._role_map = Dictionary()
        self._next_key = 0

    def add(self, part: Part) -> None:
        source = Pdf.open(io.BytesIO(part.pdf))
        self._sources.append(source)
        self._place(part, source)
        self._take(source)
        self.pages += len(source.pages)
        self.headings += part.headings

    def _place(self, part: Part, source: Pdf) -> None:
        index: dict[Any, int] = {page.objgen: i for i, page in enumerate(source.pages)}
        marks = list(_bookmarks(source))
        if len(marks) != len(part.headings):
            raise MergeError(
                f"{part.name}: {len(marks)} bookmarks for {len(part.headings)} headings"
            )
        for heading, (title, page, top) in zip(part.headings, marks, strict=True):
            if title.strip() != heading.title.strip():
                raise MergeError(f"{part.name}: bookmark {title!r} for {heading.title!r}")
            self.where[heading.anchor] = Place(self.pages + index[page], top)

    def _take(self, source: Pdf, *, first: bool = False) -> None:
        """The source's pages and structure elements, after the others' (or before)."""
        self._next_key = _renumber_keys(source, self._next_key, self._parent_tree, self._role_map)
        if first:
            for i, page in enumerate(source.pages):
                self.out.pages.insert(i, page)
            self._sections.insert(0, _structure(self.out, source))
        else:
            self.out.pages.extend(source.pages)
            self._sections.append(_structure(self.out, source))

    def finish(self, front: bytes, numbers: bytes) -> bytes:
        out = self.out
        source = Pdf.open(io.BytesIO(front))
        self._sources.append(source)
        self._take(source, first=True)
        front_pages = len(source.pages)
        pages = [page.obj for page in out.pages]
        root = out.make_indirect(Dictionary(Type=Name.StructTreeRoot, RoleMap=self._role_map))
        document = out.make_indirect(
            Dictionary(Type=Name.StructElem, S=Name.Document, P=root, K=Array(self._sections))
        )
        for section in self._sections:
            section.P = document
        root.K = document
        nums = [
            item
            for k, v in sorted(self._parent_tree, key=lambda kv: kv[0])
            for item in (k, out.copy_foreign(v))
        ]
        root.ParentTree = out.make_indirect(Dictionary(Nums=Array(nums)))
        root.ParentTreeNextKey = self._next_key
        out.Root.StructTreeRoot = root
        _link_between_parts(pages)
        body = pages[front_pages:]
        _name_places(out, body, self.where)
        _bookmark(out, body, self.headings, self.where)
        _stamp_numbers(out, body, numbers)
        _describe(out, source, front_pages)
        buffer = io.BytesIO()
        out.save(
            buffer,
            deterministic_id=True,
            object_stream_mode=pikepdf.ObjectStreamMode.generate,
            compress_streams=True,
        )
        return buffer.getvalue()

    def close(self) -> None:
        for source in self._sources:
            source.close()
        self.out.close()


def _renumber_keys(
    source: Pdf, offset: int, parent_tree: list[tuple[int, Object]], role_map: Dictionary
) -> int:
    """Move the source's parent-tree keys up by `offset` (on its pages, annotations and
    parent tree, whose entries go to `parent_tree`); returns the next free key."""
    tree = source.Root.get("/StructTreeRoot")
    if tree is None:
        return offset
    for name, value in tree.get("/RoleMap", Dictionary()).items():
        role_map[name] = value
    if offset:
        for page in source.pages:
            obj = page.obj
            if "/StructParents" in obj:
                obj.StructParents = int(obj.StructParents) + offset
            for annot in obj.get("/Annots", ()):
                if "/StructParent" in annot:
                    annot.StructParent = int(annot.StructParent) + offset
    parent_tree.extend((int(k) + offset, v) for k, v in pikepdf.NumberTree(tree.ParentTree).items())
    return offset + int(tree.get("/ParentTreeNextKey", 0))


def _structure(out: Pdf, source: Pdf) -> Dictionary:
    """The source's Document element, copied into `out` as a Part of the whole."""
    tree = source.Root.StructTreeRoot
    document = tree.K[0] if isinstance(tree.K, Array) else tree.K
    del document["/P"]  # copied alone, not its old root
    document.S = Name.Part
    _row_headers(cast(Dictionary, document))
    return cast(Dictionary, out.copy_foreign(document))


def _kids(element: Dictionary) -> list[Dictionary]:
    """An element's child elements (not its marked-content references)."""
    kids = element.get("/K", Array())
    kids = kids if isinstance(kids, Array) else Array([kids])
    return [k for k in kids if isinstance(k, Dictionary) and "/S" in k]


def _grey(cell: Dictionary) -> bool:
    """Whether the cell is drawn in a facts table's label grey (Typst writes it as a
    Layout attribute)."""
    attributes = cell.get("/A", Array())
    attributes = attributes if isinstance(attributes, Array) else Array([attributes])
    grey = LABEL_GREY / 255
    return any(
        isinstance(a, Dictionary)
        and a.get("/O") == Name.Layout
        and [round(float(c), 4) for c in a.get("/BackgroundColor", ())] == [round(grey, 4)] * 3
        for a in attributes
    )


def _row_headers(document: Dictionary) -> None:
    """A facts table's labels as row headers (TH, scope Row): Typst tags them TD, as its
    row headers (pdf.header-cell) need a feature the typst package does not enable. A
    facts table is one of two-cell rows whose first cells are in the label grey."""
    stack = [document]
    while stack:
        element = stack.pop()
        kids = _kids(element)
        rows = [k for k in kids if k.S == Name.TR]
        cells = [_kids(row) for row in rows]
        if (
            str(element.S) == "/Table"
            and rows
            and all(len(c) == 2 and c[0].S == Name.TD and _grey(c[0]) for c in cells)
        ):
            for label, _ in cells:
                label.S = Name.TH
                attributes = label.A if isinstance(label.A, Array) else Array([label.A])
                for a in attributes:
                    if a.get("/O") == Name.Table:
                        a.Scope = Name.Row
                        del a["/Headers"]
            continue
        stack.extend(kids)


def _link_between_parts(pages: list) -> None:
    for page in pages:
        for annot in page.get("/Annots", ()):
            action = annot.get("/A")
            if action is None or action.get("/S") != Name.URI:
                continue
            uri = str(action.URI)
            if uri.startswith(SCHEME):
                del annot["/A"]
                annot.Dest = String(uri[len(SCHEME) :])


def _destination(body: list, place: Place) -> Array:
    """A place as a PDF destination: its page of the body, at the heading's top."""
    return Array([body[place.page], Name.XYZ, None, place.top, None])


def _name_places(out: Pdf, body: list, where: dict[str, Place]) -> None:
    names: list = []
    for anchor in sorted(where):
        names += [String(anchor), _destination(body, where[anchor])]
    out.Root.Names = Dictionary(Dests=out.make_indirect(Dictionary(Names=Array(names))))


def _bookmark(out: Pdf, body: list, headings: Sequence[Heading], where: dict[str, Place]) -> None:
    """The outline: parts, then their chapters and recommendations, then practices.
    Written as the dictionaries themselves (pikepdf's outline helper looks each page up
    again: seconds at 5,000 practices)."""
    top = out.make_indirect(Dictionary(Type=Name.Outlines))
    children: dict[int, list[Dictionary]] = {id(top): []}
    path: list[Dictionary] = [top]
    for heading in headings:
        del path[heading.level :]
        parent = path[-1]
        item = out.make_indirect(
            Dictionary(
                Title=String(heading.title),
                Parent=parent,
                Dest=_destination(body, where[heading.anchor]),
            )
        )
        children[id(parent)].append(item)
        children[id(item)] = []
        path.append(item)
    _link_items(top, children)
    out.Root.Outlines = top


def _link_items(node: Dictionary, children: dict[int, list[Dictionary]], depth: int = 0) -> int:
    """First, Last, Next, Prev and Count for `node`'s subtree; returns how many items
    of it a reader sees. The outline and the parts are open, the chapters closed."""
    kids = children[id(node)]
    if not kids:
        return 0
    visible = len(kids)
    for i, kid in enumerate(kids):
        if i:
            kid.Prev = kids[i - 1]
        if i + 1 < len(kids):
            kid.Next = kids[i + 1]
        visible += _link_items(kid, children, depth + 1)
    node.First, node.Last = kids[0], kids[-1]
    if depth >= 2:  # a chapter: closed, its practices counted negative
        node.Count = -len(kids)
        return 0
    node.Count = visible
    return visible


def _stamp_numbers(out: Pdf, body: list, numbers: bytes) -> None:
    """The first body pages get their numbers, each page of `numbers` (Typst's footer
    on an empty page) drawn as a pagination artefact with that PDF's font."""
    with Pdf.open(io.BytesIO(numbers)) as stamps:
        if len(stamps.pages) > len(body):
            raise MergeError(f"{len(stamps.pages)} page numbers for {len(body)} pages")
        # the stamps' fonts and colour spaces, under names no body page uses
        renamed: list[tuple[re.Pattern[bytes], bytes]] = []
        shared: dict[str, Dictionary] = {"/Font": Dictionary(), "/ColorSpace": Dictionary()}
        for kind, resources in shared.items():
            for i, (name, value) in enumerate(stamps.pages[0].obj.Resources.get(kind, {}).items()):
                ours = f"/HbPage{kind[1]}{i}"
                theirs = re.compile(re.escape(str(name).encode()) + rb"(?=[\s/\[(<])")
                renamed.append((theirs, ours.encode()))
                resources[ours] = out.copy_foreign(value)
        for page, stamp in zip(body, stamps.pages, strict=False):
            content: bytes = stamp.obj.Contents.read_bytes()
            for theirs, ours_name in renamed:
                content = theirs.sub(ours_name, content)
            resources = page.Resources
            for kind, values in shared.items():
                if kind not in resources:
                    resources[kind] = Dictionary()
                for name, value in values.items():
                    resources[kind][name] = value
            page_object = pikepdf.Page(page)
            page_object.contents_add(out.make_stream(b"q\n"), prepend=True)
            page_object.contents_add(
                out.make_stream(
                    b"Q\n/Artifact <</Type /Pagination /Subtype /Footer>> BDC\n"
                    + content
                    + b"\nEMC\n"
                )
            )


def _describe(out: Pdf, front: Pdf, front_pages: int) -> None:
    """The document's metadata and how a reader opens it."""
    out.Root.Metadata = out.copy_foreign(front.Root.Metadata)
    with out.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as xmp:
        # PDF/UA-1, which each part passes as Typst compiles it (its checks) and the
        # merged tree keeps (tests/test_pdf.py's structure check)
        xmp["pdfuaid:part"] = "1"
        xmp["{http://ns.adobe.com/xap/1.0/t/pg/}NPages"] = str(len(out.pages))
    if "/Lang" in front.Root:
        out.Root.Lang = front.Root.Lang
    out.Root.MarkInfo = Dictionary(Marked=True)
    out.Root.ViewerPreferences = Dictionary(DisplayDocTitle=True)
    out.Root.PageMode = Name.UseOutlines
    out.Root.PageLabels = Dictionary(
        Nums=Array([0, Dictionary(S=Name.r), front_pages, Dictionary(S=Name.D, St=1)])
    )
    info = out.make_indirect(Dictionary())
    for key, value in front.docinfo.items():
        info[key] = value
    out.trailer.Info = info
