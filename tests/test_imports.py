"""No import cycle among site_builder's modules: each stage imports only earlier ones.

Every import is counted, at the top of a module or inside a function (`from . import x`,
`from .x import y`, `from ..x import y`, `import site_builder.x`), since a cycle through
a function's import is a cycle all the same, only found later. Only imports under
`if TYPE_CHECKING:` are left out: they are never run, and exist to name a type without a
cycle.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "site_builder"


def module_name(path: Path, package: Path) -> str:
    parts = (package.name, *path.relative_to(package).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(path: Path, name: str, modules: set[str]) -> set[str]:
    """The package's modules that the module `name` (in file `path`) imports."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in _run_nodes(ast.parse(path.read_text(encoding="utf-8"), str(path))):
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
    return found & modules - {name}


def _run_nodes(node: ast.AST):
    """Every node below `node` except the bodies of `if TYPE_CHECKING:`."""
    for child in ast.iter_child_nodes(node):
        test = child.test if isinstance(child, ast.If) else None
        if isinstance(test, (ast.Name, ast.Attribute)) and ast.unparse(test) in (
            "TYPE_CHECKING",
            "typing.TYPE_CHECKING",
        ):
            yield from (n for other in child.orelse for n in (other, *_run_nodes(other)))
            continue
        yield child
        yield from _run_nodes(child)


def graph(package: Path = PACKAGE) -> dict[str, set[str]]:
    files = {module_name(path, package): path for path in sorted(package.rglob("*.py"))}
    return {name: imported(path, name, set(files)) for name, path in files.items()}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """One path per cycle found by a depth-first walk: [a, b, …, a]."""
    found: list[list[str]] = []
    done: set[str] = set()
    path: list[str] = []

    def visit(name: str) -> None:
        if name in path:
            found.append(path[path.index(name) :] + [name])
            return
        if name in done:
            return
        path.append(name)
        for target in sorted(edges[name]):
            visit(target)
        path.pop()
        done.add(name)

    for name in sorted(edges):
        visit(name)
    return found


def test_every_kind_of_import_is_an_edge(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    (package / "sub").mkdir(parents=True)
    for name in ("a", "b", "c", "d", "e", "sub/__init__", "sub/f", "sub/g"):
        (package / f"{name}.py").write_text("")
    (package / "a.py").write_text(
        "from . import b\nfrom .sub import f\n"
        "def later():\n    from .c import thing\n"
        "if TYPE_CHECKING:\n    from .d import Type\n"
    )
    (package / "sub" / "g.py").write_text(
        "from .. import d\nfrom ..e import thing\nimport pkg.b\nimport json\nfrom . import f\n"
    )
    edges = graph(package)
    assert edges["pkg.a"] == {"pkg.b", "pkg.sub", "pkg.sub.f", "pkg.c"}
    assert edges["pkg.sub.g"] == {"pkg.d", "pkg.e", "pkg.b", "pkg.sub", "pkg.sub.f"}
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c", "a"]]


def test_no_module_of_site_builder_imports_itself_through_others() -> None:
    assert len(graph()) > 30 and "site_builder.cli.search" in graph()
    assert cycles(graph()) == []
