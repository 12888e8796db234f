"""The stages of site_builder, and what each may import: the rule ARCHITECTURE.md states.

site_builder/ has one package per stage, in the order the data flows through them
(STAGES). A module may import its own stage's modules and those of the stages its stage
may import (may_import): every stage before it, or fewer where NARROWER says so. Every import
counts: at the top of a module, inside a function, and under `if TYPE_CHECKING:`, since a
type named from a later stage ties the module to that stage all the same. MkDocs is
imported only by the adapter and the hooks.

`python -m tests.test_architecture` prints every import that breaks the rule, one a line:
`module -> imported (stage -> stage)`.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest

from .import_graph import PACKAGE, graph, module_name, names

PROJECT = PACKAGE.parent
ARCHITECTURE = PROJECT / "ARCHITECTURE.md"

STAGES = (
    "core",
    "content",
    "artefacts",
    "search",
    "outputs",
    "render",
    "build",
    "adapter",
    "editors",
    "cli",
)
NARROWER = {"editors": ("core", "content")}  # stages that need less than all before them
ENGINE = ("mkdocs", "material")  # MkDocs and mkdocs-material's packages
ENGINE_STAGE = "adapter"  # the one stage that may import them (and hooks/, outside)

# Imports that break the rule today and are being removed (issue 24); the lead removes each
# entry when its fix lands (strict: the test fails once the stage keeps the rule).
BROKEN_TODAY: dict[str, str] = {}


@functools.cache
def site_builder_imports() -> dict[str, set[str]]:
    """Every module of site_builder -> the modules of site_builder it imports."""
    return graph()


def may_import(stage: str) -> tuple[str, ...]:
    """The stages whose modules a module of `stage` may import, besides its own."""
    if stage not in STAGES:
        return ()
    return NARROWER.get(stage, STAGES[: STAGES.index(stage)])


def stage_of(module: str) -> str:
    """`site_builder.render.pages` -> `render`; the package itself -> ``""``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def violations(edges: dict[str, set[str]]) -> list[str]:
    """Each import of `edges` (module -> the modules it imports) that goes to a stage its
    module's stage may not import, as `module -> imported (stage -> stage)`."""
    found = []
    for module, targets in sorted(edges.items()):
        own = stage_of(module)
        for target in sorted(targets):
            other = stage_of(target)
            if other in ("", own) or other in may_import(own):
                continue
            found.append(f"{module} -> {target} ({own or 'site_builder'} -> {other})")
    return found


def documented_stages(text: str) -> list[tuple[str, tuple[str, ...]]]:
    """ARCHITECTURE.md's table of stages: (package, what it may import), in its order."""
    rows = re.findall(r"^\| *(\d+) *\| *`(\w+)/` *\|.*\| *([^|]*?) *\|$", text, re.M)
    assert [int(number) for number, _, _ in rows] == list(range(1, len(rows) + 1)), rows
    return [
        (stage, tuple(s.strip() for s in allowed.split(",")) if allowed != "–" else ())
        for _, stage, allowed in rows
    ]


def test_architecture_md_lists_the_stages_in_this_order_with_what_each_may_import() -> None:
    expected = [(stage, may_import(stage)) for stage in STAGES]
    assert documented_stages(ARCHITECTURE.read_text(encoding="utf-8")) == expected


def test_every_folder_of_site_builder_is_a_stage_and_every_module_is_in_one() -> None:
    packages = {path.parent.name for path in PACKAGE.glob("*/__init__.py")}
    assert sorted(packages) == sorted(STAGES)
    assert sorted(path.name for path in PACKAGE.glob("*.py")) == ["__init__.py"]


def test_every_kind_of_import_of_a_stage_not_allowed_is_named(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    for stage in ("core", "content", "search", "editors", "cli"):
        (package / stage).mkdir(parents=True)
        (package / stage / "__init__.py").write_text("")
    for module in ("core/a", "core/b", "content/c", "search/s", "editors/e", "cli/main"):
        (package / f"{module}.py").write_text("")
    (package / "core" / "a.py").write_text(
        "from . import b\n"  # its own stage
        "from ..content import c\n"  # a later stage, at the top
        "def later():\n    import pkg.search.s\n"  # in a function
        "if TYPE_CHECKING:\n    from ..cli.main import Type\n"  # only for a type
    )
    (package / "content" / "c.py").write_text("from ..core.a import x\n")
    (package / "editors" / "e.py").write_text("from ..core import b\nfrom ..search import s\n")
    (package / "cli" / "main.py").write_text(
        "from ..editors import e\nfrom ..search.s import q\nfrom .. import core\n"
    )
    assert violations(graph(package)) == [
        "pkg.core.a -> pkg.cli.main (core -> cli)",
        "pkg.core.a -> pkg.content (core -> content)",
        "pkg.core.a -> pkg.content.c (core -> content)",
        "pkg.core.a -> pkg.search.s (core -> search)",
        "pkg.editors.e -> pkg.search (editors -> search)",
        "pkg.editors.e -> pkg.search.s (editors -> search)",
    ]


@pytest.mark.parametrize(
    "stage",
    [
        pytest.param(
            stage,
            marks=[pytest.mark.xfail(strict=True, reason=f"still {BROKEN_TODAY[stage]}")]
            if stage in BROKEN_TODAY
            else [],
        )
        for stage in STAGES
    ],
)
def test_each_stage_imports_only_from_itself_and_the_stages_it_may(stage: str) -> None:
    edges = site_builder_imports()
    assert len(edges) > 30 and f"site_builder.{stage}" in edges
    own = {module: targets for module, targets in edges.items() if stage_of(module) == stage}
    broken = violations(own)
    assert broken == [], "\n".join(["imports of a stage it may not import:", *broken])


def test_only_the_adapter_and_the_hooks_import_mkdocs() -> None:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = module_name(path, PACKAGE)
        if stage_of(module) == ENGINE_STAGE:
            continue
        used = {name.split(".")[0] for name in names(path, module)}
        found += [f"{module} imports {engine}" for engine in sorted(used & set(ENGINE))]
    assert found == []
    hooks = PROJECT / "hooks" / "handbook.py"
    ours = {name for name in names(hooks, "hooks.handbook") if name.startswith("site_builder")}
    assert ours and {stage_of(name) for name in ours} == {ENGINE_STAGE}


if __name__ == "__main__":
    print("\n".join(violations(site_builder_imports())) or "every import keeps the order")
