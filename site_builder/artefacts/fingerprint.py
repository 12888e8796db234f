"""Digests, and the one fingerprint of code: what every key of a kept result is made of.

A result kept under a key made of its inputs must also be keyed by the code that makes it,
or a change of that code would leave old results in place. `fingerprint(module, ...)` is
that code's version: the sha256 of the module's source and of every module of
site_builder it imports, directly or through others, wherever the import stands (at the
top, inside a function, or for type checking only), read from their syntax trees, with
the packages they stand in; the Python version; the versions of the libraries named; and
every file of the folders named (templates). Nothing lists the modules by hand: a new
import is in the fingerprint of every module that reaches it.

`imported` is also what tests/test_imports.py reads the package's imports with.
"""

from __future__ import annotations

import ast
import hashlib
import json
import sys
from collections.abc import Collection, Iterator
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

PACKAGE = Path(__file__).resolve().parents[1]  # site_builder/


def digest(*parts: Any) -> str:
    """sha256 of JSON-able parts, unambiguous (JSON quotes and separates every string)."""
    text = json.dumps(parts, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def file_digest(path: Path | str) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def folder_digest(folder: Path) -> str:
    """Every file under `folder`: its relative path and the sha256 of its bytes."""
    return digest(
        [
            [path.relative_to(folder).as_posix(), file_digest(path)]
            for path in sorted(folder.rglob("*"))
            if path.is_file()
        ]
    )


@cache
def fingerprint(
    *modules: str, libraries: tuple[str, ...] = (), folders: tuple[Path, ...] = ()
) -> str:
    """The version of the code of `modules` (dotted names in site_builder): their source
    and that of every module of site_builder they import, the libraries' versions and the
    folders' files. Once per process."""
    files = _files(PACKAGE)
    reached = closure(modules, _imports)
    return digest(
        f"{sys.version_info.major}.{sys.version_info.minor}",
        [[name, file_digest(files[name])] for name in sorted(reached)],
        [[name, metadata.version(name)] for name in libraries],
        [folder_digest(folder) for folder in folders],
    )


def closure(roots: Collection[str], imports) -> set[str]:
    """`roots` and every module they import (`imports(name)`), directly or not, with the
    packages each stands in (importing a module runs its packages' __init__ first)."""
    found: set[str] = set()
    waiting = list(roots)
    while waiting:
        name = waiting.pop()
        if name in found:
            continue
        found.add(name)
        waiting.extend(imports(name))
        waiting.extend(_packages(name))
    return found


def _packages(name: str) -> Iterator[str]:
    parts = name.split(".")
    return (".".join(parts[:n]) for n in range(1, len(parts)))


@cache
def _files(package: Path) -> dict[str, Path]:
    return module_files(package)


@cache
def _imports(name: str) -> frozenset[str]:
    files = _files(PACKAGE)
    return frozenset(imported(files[name], name, files))


def module_files(package: Path = PACKAGE) -> dict[str, Path]:
    """Every module of `package` by its dotted name, packages by their __init__.py."""
    return {module_name(path, package): path for path in sorted(package.rglob("*.py"))}


def module_name(path: Path, package: Path) -> str:
    parts = (package.name, *path.relative_to(package).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(path: Path, name: str, modules: Collection[str]) -> set[str]:
    """Which of `modules` the module `name` (in file `path`) imports."""
    return {module for module in imported_names(path, name) if module in modules} - {name}


def imported_names(path: Path, name: str) -> set[str]:
    """Every dotted name the module `name` (in file `path`) imports: every `import` and
    `from … import` in it, at the top, in a function or under TYPE_CHECKING, a relative
    one resolved (`from . import x`, `from .x import y`, `from ..x import y`); `from .x
    import y` gives `<package>.x` and `<package>.x.y`."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_bytes(), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                base = ".".join(
                    parts[: len(parts) - node.level + 1] + ([node.module] if node.module else [])
                )
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found
