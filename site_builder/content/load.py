"""Read content files into documents: front matter with line numbers, and the body.

Reading never raises on content: whatever is wrong with a file becomes a
:class:`~site_builder.core.model.Problem` on its document, and every file is read.
"""

from __future__ import annotations

import errno
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from site_builder.content import frontmatter
from site_builder.core import project
from site_builder.core.model import Location, Problem, Source, relative

if TYPE_CHECKING:
    from site_builder.content.body import Block

MAX_FILE_BYTES = 1_000_000
BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class Document:
    """One content file: as read (its front matter, its body and what was wrong in reading
    it), or as checked on its own (rules.check_document makes a new Document with the
    problems its rules found too, and the body cut at its headings). Never changed after."""

    path: str
    kind: str  # "practice" or "recommendation"
    stem: str
    meta: frontmatter.FrontMatter | None = None
    body: str = ""
    body_line: int = 1
    problems: tuple[Problem, ...] = ()
    blocks: tuple[Block, ...] | None = None  # the body cut at its headings, once checked

    @property
    def data(self) -> dict[str, Any] | None:
        return self.meta.data if self.meta else None

    def at(self, line: int, col: int = 1) -> Location:
        return _at(self.path, line, col)

    def where(self, path: tuple, *, key: bool = False) -> Location:
        """Location of a front-matter key or value, by its key path."""
        if self.meta is None:
            return self.at(1)
        line, col = self.meta.position(path, key=key)
        return self.at(line or 2, col)


def _at(path: str, line: int, col: int = 1) -> Location:
    return Location(path, max(line, 1), max(col, 1))


class Signature(NamedTuple):
    """What stat says of a file, to tell cheaply that it may have changed."""

    size: int
    mtime_ns: int
    inode: int


@dataclass(frozen=True)
class FileBytes:
    """One file as read: its bytes and signature, or why its bytes were not read."""

    raw: bytes | None
    signature: Signature | None = None
    refusal: tuple[str, str | None] | None = None  # (message, hint) when raw is None


def read_file(path: str | Path, inside: str | Path | None = None) -> FileBytes:
    """The bytes of a file with the signature of what was read: one open, one fstat, and
    reads until the end (os-level: a Python file object costs more than a small file).
    With `inside` (the handbook's folder), a symbolic link to a file outside it is not
    read: a link could publish any file of the machine that builds the site."""
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0)
    try:
        try:
            fd = os.open(path, flags | (os.O_NOFOLLOW if inside is not None else 0))
        except OSError as exc:
            if exc.errno != errno.ELOOP or inside is None:
                raise
            target = os.path.realpath(path)  # the link, and any link it leads to, followed
            if os.path.commonpath([target, os.path.realpath(inside)]) != os.path.realpath(inside):
                return FileBytes(None, None, _outside(target))
            fd = os.open(path, flags)
        try:
            st = os.fstat(fd)
            signature = Signature(st.st_size, st.st_mtime_ns, st.st_ino)
            if st.st_size > MAX_FILE_BYTES:
                return FileBytes(None, signature, _too_large(st.st_size))
            parts = [os.read(fd, st.st_size + 1)]
            while parts[-1]:  # the file may have grown since fstat
                parts.append(os.read(fd, 1 << 16))
        finally:
            os.close(fd)
    except OSError as exc:  # a folder named x.md opens, and fails to read
        return _unread(path, exc)
    return FileBytes(parts[0] if len(parts) == 2 else b"".join(parts), signature)


def _unread(path: str | Path, error: OSError) -> FileBytes:
    """Why a file could not be opened, told as a stat and then a read would tell it (a
    folder named x.md over the size limit is too large before it is a folder)."""
    try:
        size = os.stat(path).st_size
    except OSError as exc:
        error = exc
    else:
        if size > MAX_FILE_BYTES:
            return FileBytes(None, None, _too_large(size))
    return FileBytes(None, None, (f"the file cannot be read: {error.strerror}", None))


def _outside(target: str) -> tuple[str, str]:
    return (
        f"the file is a symbolic link to {target}, outside the handbook's folder",
        "put the text itself in this file: links out of the handbook are not read",
    )


def _too_large(size: int) -> tuple[str, str]:
    return f"the file is {size:,} bytes; the limit is 1 MB", "split it or remove embedded data"


def parse_document(read: FileBytes, shown: str, kind: str, stem: str) -> Document:
    """A document of what was read: its front matter and body, or what was wrong."""
    problems: list[Problem] = []
    if read.raw is None:
        message, hint = read.refusal or ("the file cannot be read", None)
        problems.append(Problem(_at(shown, 1), message, hint=hint))
        return Document(shown, kind, stem, problems=tuple(problems))
    text = _decode(read.raw, shown, problems)
    if text is None:
        return Document(shown, kind, stem, problems=tuple(problems))
    meta, body, body_line = _split(text, shown, problems)
    return Document(shown, kind, stem, meta, body, body_line, tuple(problems))


def shown(path: str | Path, root: Path | None) -> str:
    """relative(path, root), without resolving symlinks when the path is plainly under root
    (resolving costs a system call per path component, for every file); told from the
    strings when they allow it, as pathlib's relative_to costs more than reading. A path
    given as a string is one as str(Path) writes it."""
    if root is not None:
        whole, base = str(path), str(root)
        if whole.startswith(base) and whole[len(base) : len(base) + 1] == os.sep and base != ".":
            return whole[len(base) + 1 :].replace(os.sep, "/")
        path = Path(path)
        try:
            return path.relative_to(root).as_posix()
        except ValueError:
            pass
    return relative(Path(path), root)


def _decode(raw: bytes, path: str, problems: list[Problem]) -> str | None:
    if not raw or raw.isspace():  # as `not raw.strip()`, without copying the file
        problems.append(
            Problem(
                _at(path, 1),
                "the file is empty",
                hint="start from `handbook new` or the example in CONTRIBUTING.md",
            )
        )
        return None
    if raw.startswith(BOM):
        problems.append(
            Problem(
                _at(path, 1),
                "the file starts with a byte-order mark (BOM)",
                hint="save it as UTF-8 without BOM",
            )
        )
        raw = raw[len(BOM) :]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        problems.append(
            Problem(
                _at(path, line, col),
                f"the file is not valid UTF-8 (byte 0x{raw[exc.start]:02x})",
                hint="save it with the UTF-8 encoding",
            )
        )
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


# The line that closes the front matter: `---` or `...`, then only white space (as rstrip()
# strips it: re's \s is str.isspace()), found by re in C rather than line by line.
_CLOSING = re.compile(r"^(?:---|\.\.\.)[^\S\n]*$", re.M)


def _split(
    text: str, path: str, problems: list[Problem]
) -> tuple[frontmatter.FrontMatter | None, str, int]:
    """The front matter (None when it cannot be parsed), the body and its first line."""
    first = text.find("\n")
    if (text if first < 0 else text[:first]).rstrip() != "---":
        problems.append(
            Problem(
                _at(path, 1),
                "the file must start with front matter: a line `---`, "
                "the fields, and another line `---`",
            )
        )
        return None, "", 1
    closing = _CLOSING.search(text, first + 1) if first >= 0 else None
    if closing is None:
        problems.append(
            Problem(
                _at(path, 1),
                "the front matter is not closed",
                hint="add a line `---` after the last field",
            )
        )
        return None, "", 1
    front = text[first + 1 : max(closing.start() - 1, first + 1)]
    end = text.count("\n", 0, closing.start())  # the closing line's index
    tabs = (
        [
            (i + 1, line.index("\t") + 1)
            for i, line in enumerate(front.split("\n"), start=1)
            if "\t" in line
        ]
        if "\t" in front
        else []
    )
    for line, col in tabs:
        problems.append(
            Problem(
                _at(path, line, col),
                "a tab character in the front matter",
                hint="use spaces to indent; YAML does not allow tabs",
            )
        )
    body, body_line = text[closing.end() + 1 :], end + 2
    if tabs:
        return None, body, body_line
    meta = frontmatter.parse(front, first_line=2)
    for line, col, message, hint in meta.errors:
        problems.append(Problem(_at(path, line, col), message, hint=hint))
    return meta, body, body_line


def md_names(folder: Path) -> list[str]:
    """The names that `folder.glob("*.md")` finds, sorted; one listing, no Path objects."""
    try:
        return sorted(name for name in os.listdir(folder) if name.endswith(".md"))
    except OSError:
        return []


def stray_files(root: Path) -> list[Problem]:
    """Files in practices/ or recommendations/ that would be passed over: in a subfolder,
    or not ending in `.md`. Hidden files (.gitkeep) are left alone."""
    problems: list[Problem] = []
    for name in project.CONTENT:
        folder = root / name
        if folder.is_dir():
            found: list[tuple[tuple[str, ...], Problem]] = []
            _strays(root, folder, name, (), found)
            problems += [problem for _, problem in sorted(found, key=lambda item: item[0])]
    return problems


def _strays(
    root: Path, folder: Path, name: str, inside: tuple[str, ...], found: list[tuple]
) -> None:
    """The strays under one folder, as `rglob` would walk it: hidden entries and whatever
    is under them passed over, symbolic links to folders not followed; each with where it
    is inside the content folder, the order rglob's paths sort in."""
    try:
        with os.scandir(folder) as listing:
            entries = list(listing)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if _is_dir(entry):
            if not entry.is_symlink():
                _strays(root, folder / entry.name, name, (*inside, entry.name), found)
            continue
        if not inside and entry.name.endswith(".md"):  # not hidden: its suffix is .md
            continue
        path = folder / entry.name
        why = (
            "it is in a subfolder"
            if inside
            else f"its name ends in `{path.suffix or path.name}`, not `.md`"
        )
        problem = Problem(
            Location(shown(path, root)),
            f"this file is not read: {why}",
            hint=f"each {name[:-1]} is one file directly in {name}/, named `<id>.md`",
        )
        found.append(((*inside, entry.name), problem))


def _is_dir(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def stem(path: str) -> str:
    """PurePath(path).stem, without making the path (written as str(Path) writes it)."""
    name = os.path.basename(path)
    dot = name.rfind(".")
    return name[:dot] if 0 < dot < len(name) - 1 else name


def practice_stems(root: Path) -> set[str]:
    """The stems of practices/*.md: the ids a recommendation may cite."""
    return {stem(name) for name in md_names(root / project.PRACTICES)}


def content_files(root: Path, paths: list[Path] | None = None) -> list[tuple[Path, str]]:
    """The content files to read, in sorted order, with their kind.

    With ``paths`` (files or folders named by the editor) only those are read;
    a file's kind comes from the folder it is in.
    """
    return [(Path(path), kind) for path, kind in listed(root, paths)]


def listed(root: Path, paths: list[Path] | None = None) -> list[tuple[str, str]]:
    """content_files, each path as its string (as str(Path) writes it): a Checker that
    only looks at the stat of thousands of files needs no Path object for them."""
    folders = project.CONTENT
    if not paths:
        paths = [root / name for name in folders]
    found: dict[str, tuple[str, str]] = {}  # path -> (name, kind)
    for path in paths:
        if path.is_dir():
            kind = folders.get(path.name) or folders.get(path.resolve().name, "practice")
            folder = str(path)
            for name in md_names(path):
                child = name if folder == "." else os.path.join(folder, name)
                found.setdefault(child, (name, kind))
        else:
            kind = folders.get(path.parent.name) or folders.get(
                path.resolve().parent.name, "practice"
            )
            found.setdefault(str(path), (path.name, kind))
    ordered = sorted(found.items(), key=lambda item: (item[1][1], item[1][0]))
    return [(path, kind) for path, (_, kind) in ordered]


def read_sources(root: Path) -> tuple[dict[str, Source], list[Problem]]:
    """The sources register, ``sources.yml``: key -> Source."""
    path = root / project.SOURCES
    shown = relative(path, root)
    if not path.exists():
        return {}, [Problem(Location(shown), f"the sources register {project.SOURCES} is missing")]
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return {}, [
            Problem(
                Location(shown),
                f"{project.SOURCES} cannot be read: {exc}",
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
        return {}, [
            Problem(Location(shown), f"{project.SOURCES} must map each source key to its details")
        ]
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
            licence=entry["licence"] if isinstance(entry.get("licence"), str) else None,
        )
    return sources, problems
