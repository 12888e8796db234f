"""Which of a package's modules each module imports, read from the source (nothing is run),
as the code fingerprint reads them (site_builder/artefacts/fingerprint.py): every import
statement counts, at the top of a module, inside a function or under `if TYPE_CHECKING:`
(a type-only import still names another stage's module)."""

from __future__ import annotations

from pathlib import Path

from site_builder.artefacts.fingerprint import PACKAGE, imported, module_files, module_name
from site_builder.artefacts.fingerprint import imported_names as names

__all__ = ["PACKAGE", "graph", "module_files", "module_name", "names"]


def graph(package: Path = PACKAGE) -> dict[str, set[str]]:
    """Module name -> the package's modules it imports, for every module of `package`."""
    files = module_files(package)
    return {name: imported(path, name, files) for name, path in files.items()}
