"""No import cycle among site_builder's modules: each stage imports only earlier ones.

Every import is counted, at the top of a module, inside a function or under
`if TYPE_CHECKING:` (`from . import x`, `from .x import y`, `from ..x import y`,
`import site_builder.x`): a cycle through a function's import is a cycle all the same,
only found later, and one through a type-only import still ties two modules together that
cannot be read, tested or moved apart. The imports are read as the code fingerprint reads
them (site_builder/artefacts/fingerprint.py), so what is counted here is what a change of
code reaches there.
"""

from __future__ import annotations

import ast
from pathlib import Path

from .import_graph import graph, module_files


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
    assert edges["pkg.a"] == {"pkg.b", "pkg.sub", "pkg.sub.f", "pkg.c", "pkg.d"}
    assert edges["pkg.sub.g"] == {"pkg.d", "pkg.e", "pkg.b", "pkg.sub", "pkg.sub.f"}
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c", "a"]]


def test_no_module_of_site_builder_imports_itself_through_others() -> None:
    assert len(graph()) > 30 and "site_builder.cli.search" in graph()
    assert cycles(graph()) == []


LIMIT = 500  # lines: a module a reader takes in at once


def is_table(path: Path) -> bool:
    """A generated table: data only, no function or class (core/country_table.py)."""
    tree = ast.parse(path.read_bytes())
    return not any(
        isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda))
        for node in ast.walk(tree)
    )


def test_no_module_is_over_500_lines_but_a_generated_table() -> None:
    long = {
        name: lines
        for name, path in module_files().items()
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > LIMIT
        and not is_table(path)
    }
    assert long == {}
