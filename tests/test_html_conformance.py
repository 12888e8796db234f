"""Every page of the built handbook is valid HTML for the Nu Html Checker (vnu), the W3C's
checker: npm's vnu-jar at the version .tools/package-lock.json pins, run by Debian's Java.
`python3 dev.py test` installs both (dev.py's DEBIAN_PACKAGES and ensure_node_tools).

The checker runs once over all the pages (a Java start costs seconds); a failure lists each
error as `path:line:col: error: message`.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlparse

from .helpers.projects import PROJECT, load_dev

dev = load_dev()
INSTALL = "run `python3 dev.py test` (as root): it installs Java, npm and the checker"


def pinned_version() -> str:
    """The vnu-jar version of .tools/package-lock.json."""
    lock = json.loads((dev.TOOLS / "package-lock.json").read_text(encoding="utf-8"))
    return lock["packages"]["node_modules/vnu-jar"]["version"]


def vnu(*arguments: str | Path) -> subprocess.CompletedProcess:
    java = shutil.which("java")
    assert java, f"no java: {INSTALL}"
    assert dev.VNU_JAR.is_file(), f"no {dev.VNU_JAR.relative_to(PROJECT)}: {INSTALL}"
    command = [java, "-jar", str(dev.VNU_JAR), *map(str, arguments)]
    return subprocess.run(command, capture_output=True, text=True)


def lines(messages: list[dict], site: Path) -> list[str]:
    """Each message as `path:line:col: type: message`, the path within the site."""
    out = []
    for m in messages:
        path = Path(unquote(urlparse(m.get("url", "")).path))
        where = path.relative_to(site) if path.is_relative_to(site) else path
        line, column = m.get("lastLine", m.get("firstLine", 0)), m.get("firstColumn", 0)
        out.append(f"{where}:{line}:{column}: {m['type']}: {m['message']}")
    return out


def test_the_checker_is_the_pinned_version():
    done = vnu("--version")
    assert done.returncode == 0, done.stderr
    assert done.stdout.split()[0] == pinned_version(), done.stdout


def test_every_page_is_valid_html_for_the_nu_html_checker(built_site: Path):
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 100  # the real handbook: every page, not one of each kind
    done = vnu("--errors-only", "--format", "json", "--stdout", *pages)
    report = json.loads(done.stdout)
    errors = [m for m in report["messages"] if m["type"] in ("error", "non-document-error")]
    version = vnu("--version").stdout.strip()
    assert not errors, f"the Nu Html Checker {version} finds {len(errors)} errors:\n" + "\n".join(
        lines(errors, built_site)
    )
    assert done.returncode == 0, done.stderr
