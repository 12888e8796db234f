"""Read content files into documents: front matter with line numbers, and the body.

Reading never raises on content: whatever is wrong with a file becomes a
:class:`~site_builder.model.Problem` on its document, and every file is read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import frontmatter
from .model import Location, Problem, Source, relative

MAX_FILE_BYTES = 1_000_000
BOM = b"\xef\xbb\xbf"


@dataclass
class Document:
    """One content file as read: front matter, body and what was wrong with it."""

    path: str
    kind: str  # "practice" or "recommendation"
    stem: str
    meta: frontmatter.FrontMatter | None = None
    body: str = ""
    body_line: int = 1
    problems: list[Problem] = field(default_factory=list)
    blocks: list | None = None  # the body cut at its headings, once checked

    @property
    def data(self) -> dict[str, Any] | None:
        return self.meta.data if self.meta else None

    def at(self, line: int, col: int = 1) -> Location:
        return Location(self.path, max(line, 1), max(col, 1))

    def where(self, path: tuple, *, key: bool = False) -> Location:
        """Location of a front-matter key or value, by its key path."""
        if self.meta is None:
            return self.at(1)
        line, col = self.meta.position(path, key=key)
        return self.at(line or 2, col)

    def problem(
        self, location: Location, message: str, *, field: str | None = None, hint: str | None = None
    ) -> None:
        self.problems.append(Problem(location, message, field, hint))


def read_document(path: Path, kind: str, root: Path | None = None) -> Document:
    doc = Document(path=_shown(path, root), kind=kind, stem=path.stem)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            doc.problem(
                doc.at(1),
                f"the file is {size:,} bytes; the limit is 1 MB",
                hint="split it or remove embedded data",
            )
            return doc
        raw = path.read_bytes()
    except OSError as exc:
        doc.problem(doc.at(1), f"the file cannot be read: {exc.strerror}")
        return doc
    text = _decode(raw, doc)
    if text is not None:
        _split(text, doc)
    return doc


def _shown(path: Path, root: Path | None) -> str:
    """relative(path, root), without resolving symlinks when the path is plainly under root
    (resolving costs a system call per path component, for every file)."""
    if root is not None:
        try:
            return path.relative_to(root).as_posix()
        except ValueError:
            pass
    return relative(path, root)


def _decode(raw: bytes, doc: Document) -> str | None:
    if not raw.strip():
        doc.problem(
            doc.at(1),
            "the file is empty",
            hint="start from `handbook new` or the example in CONTRIBUTING.md",
        )
        return None
    if raw.startswith(BOM):
        doc.problem(
            doc.at(1),
            "the file starts with a byte-order mark (BOM)",
            hint="save it as UTF-8 without BOM",
        )
        raw = raw[len(BOM) :]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        doc.problem(
            doc.at(line, col),
            f"the file is not valid UTF-8 (byte 0x{raw[exc.start]:02x})",
            hint="save it with the UTF-8 encoding",
        )
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _split(text: str, doc: Document) -> None:
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        doc.problem(
            doc.at(1),
            "the file must start with front matter: a line `---`, "
            "the fields, and another line `---`",
            field=None,
        )
        return
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if end is None:
        doc.problem(
            doc.at(1),
            "the front matter is not closed",
            hint="add a line `---` after the last field",
        )
        return
    tabs = [
        (i + 1, line.index("\t") + 1)
        for i, line in enumerate(lines[1:end], start=1)
        if "\t" in line
    ]
    for line, col in tabs:
        doc.problem(
            doc.at(line, col),
            "a tab character in the front matter",
            hint="use spaces to indent; YAML does not allow tabs",
        )
    doc.body = "\n".join(lines[end + 1 :])
    doc.body_line = end + 2
    if tabs:
        return
    doc.meta = frontmatter.parse("\n".join(lines[1:end]), first_line=2)
    for line, col, message, hint in doc.meta.errors:
        doc.problem(doc.at(line, col), message, hint=hint)


def stray_files(root: Path) -> list[Problem]:
    """Files in practices/ or recommendations/ that would be passed over: in a subfolder,
    or not ending in `.md`. Hidden files (.gitkeep) are left alone."""
    problems = []
    for name in ("practices", "recommendations"):
        folder = root / name
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            inside = path.relative_to(folder).parts
            if path.is_dir() or any(part.startswith(".") for part in inside):
                continue
            if len(inside) == 1 and path.suffix == ".md":
                continue
            why = (
                "it is in a subfolder"
                if len(inside) > 1
                else f"its name ends in `{path.suffix or path.name}`, not `.md`"
            )
            problems.append(
                Problem(
                    Location(_shown(path, root)),
                    f"this file is not read: {why}",
                    hint=f"each {name[:-1]} is one file directly in {name}/, named `<id>.md`",
                )
            )
    return problems


def content_files(root: Path, paths: list[Path] | None = None) -> list[tuple[Path, str]]:
    """The content files to read, in sorted order, with their kind.

    With ``paths`` (files or folders named by the editor) only those are read;
    a file's kind comes from the folder it is in.
    """
    folders = {"practices": "practice", "recommendations": "recommendation"}
    if not paths:
        paths = [root / name for name in folders]
    found: dict[Path, str] = {}
    for path in paths:
        if path.is_dir():
            kind = folders.get(path.name) or folders.get(path.resolve().name, "practice")
            candidates = sorted(path.glob("*.md"))
        else:
            kind = folders.get(path.parent.name) or folders.get(
                path.resolve().parent.name, "practice"
            )
            candidates = [path]
        for candidate in candidates:
            found.setdefault(candidate, kind)
    return sorted(found.items(), key=lambda item: (item[1], item[0].name))


def read_sources(root: Path) -> tuple[dict[str, Source], list[Problem]]:
    """The sources register, ``sources.yml``: key -> Source."""
    path = root / "sources.yml"
    shown = relative(path, root)
    if not path.exists():
        return {}, [Problem(Location(shown), "the sources register sources.yml is missing")]
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return {}, [
            Problem(
                Location(shown),
                f"sources.yml cannot be read: {exc}",
                hint="save it with the UTF-8 encoding",
            )
        ]
    parsed = frontmatter.parse(text, first_line=1)  # strict: no aliases, tags or twin keys
    if parsed.errors:
        return {}, [
            Problem(Location(shown, line, col), message, hint=hint)
            for line, col, message, hint in parsed.errors
        ]
    data = parsed.data or {}
    if not isinstance(data, dict):
        return {}, [Problem(Location(shown), "sources.yml must map each source key to its details")]
    sources, problems = {}, []
    for key, entry in data.items():
        if not isinstance(entry, dict) or not isinstance(entry.get("title"), str):
            problems.append(Problem(Location(shown), f"source `{key}` needs at least a `title`"))
            continue
        year = entry.get("year")
        sources[str(key)] = Source(
            key=str(key),
            title=entry["title"],
            publisher=entry.get("publisher"),
            year=year if isinstance(year, int) else None,
            url=entry.get("url"),
            description=entry.get("description"),
        )
    return sources, problems
