"""Which of a package's modules each module imports, read from the source (nothing is run).

Every import statement counts, at the top of a module or inside a function: `from . import
x`, `from .x import y`, `from ..x import y`, `import site_builder.x`. `from .x import y`
imports the package `x` as well as `y`, and so is an edge to each that is a module of the
package. Imports under `if TYPE_CHECKING:` are counted only when asked for: they never run
(tests/test_imports.py leaves them out to find cycles that run), but they still name
another stage's module (tests/test_architecture.py counts them).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "site_builder"
TYPE_CHECKING_TESTS = ("TYPE_CHECKING", "typing.TYPE_CHECKING")


def module_name(path: Path, package: Path) -> str:
    parts = (package.name, *path.relative_to(package).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(path: Path, name: str, modules: set[str], *, type_checking: bool = False) -> set[str]:
    """The package's modules that the module `name` (in file `path`) imports; with
    `type_checking`, those imported under `if TYPE_CHECKING:` too."""
    return names(path, name, type_checking=type_checking) & modules - {name}


def names(path: Path, name: str, *, type_checking: bool = False) -> set[str]:
    """Every dotted name the module `name` (in file `path`) imports, relative imports
    made absolute: `from .x import y` gives `<package>.x` and `<package>.x.y`."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    for node in _nodes(tree, type_checking):
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


def _nodes(node: ast.AST, type_checking: bool) -> Iterator[ast.AST]:
    """Every node below `node`; without `type_checking`, not the bodies of
    `if TYPE_CHECKING:` (their `else:` still runs, so it is walked)."""
    for child in ast.iter_child_nodes(node):
        test = child.test if isinstance(child, ast.If) else None
        if (
            not type_checking
            and isinstance(test, (ast.Name, ast.Attribute))
            and ast.unparse(test) in TYPE_CHECKING_TESTS
        ):
            yield from (n for other in child.orelse for n in (other, *_nodes(other, False)))
            continue
        yield child
        yield from _nodes(child, type_checking)


def graph(package: Path = PACKAGE, *, type_checking: bool = False) -> dict[str, set[str]]:
    """Module name -> the package's modules it imports, for every module of `package`."""
    files = {module_name(path, package): path for path in sorted(package.rglob("*.py"))}
    return {
        name: imported(path, name, set(files), type_checking=type_checking)
        for name, path in files.items()
    }
