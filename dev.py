#!/usr/bin/env python3
"""Set up and run the handbook on a fresh machine: `python3 dev.py build|serve|test|lock`.

Each command installs what it needs first, once: Debian packages (Chromium for
the browser tests, fonts, Pango for WeasyPrint in the PDF engines' comparison, Java and npm
for the Nu Html Checker) when run as root, the Node packages the tests run (.tools/: the
checker's vnu.jar, exactly as .tools/package-lock.json pins it), and a virtual environment
in .venv with exactly the versions of requirements.lock, every file checked against the
lock's hashes, then the package itself.
`test` runs ruff (lint and format) and mypy first, then pytest, one worker per core
(pytest-xdist; each module's tests in one worker). Extra arguments go to mkdocs or pytest
(`-n 0`: in this process alone).

`python3 dev.py lock` writes requirements.lock anew from pyproject.toml, with uv;
extra arguments go to uv, e.g. `--upgrade` or `--upgrade-package mkdocs-material`
(without them, the versions already in the lock are kept where they still fit).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / "bin"
LOCK = ROOT / "requirements.lock"
# The uv that writes requirements.lock: a tool for `lock` alone, installed then (not in the
# lock, so no other command installs it); its version is pinned so that everyone's lock
# comes out the same. To update it, change it here and run `python3 dev.py lock`.
UV = "uv==0.13.9"
DEBIAN_PACKAGES = {
    # package: a file that shows it is installed
    "chromium": "/usr/bin/chromium",
    "libpango-1.0-0": "/usr/lib/x86_64-linux-gnu/libpango-1.0.so.0",
    "libpangoft2-1.0-0": "/usr/lib/x86_64-linux-gnu/libpangoft2-1.0.so.0",
    "fonts-dejavu-core": "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    # tests/test_schema_patterns.py runs the schemas' patterns as editors' tools do
    "nodejs": "/usr/bin/node",
    "default-jre-headless": "/usr/bin/java",  # runs the Nu Html Checker
    "npm": "/usr/bin/npm",  # installs it (TOOLS)
}
# The Node packages the tests run, installed by npm into TOOLS/node_modules (ignored by git)
# exactly as TOOLS/package-lock.json pins them (version and hash). Their install scripts are
# not run: vnu-jar's would download a Java of its own, where Debian's is used.
TOOLS = ROOT / ".tools"
VNU_JAR = TOOLS / "node_modules/vnu-jar/build/dist/vnu.jar"


def say(message: str) -> None:
    print(f"[dev.py] {message}", flush=True)


def run(*command: str | Path, **kwargs) -> None:
    subprocess.run([str(c) for c in command], check=True, **kwargs)


def ensure_debian_packages() -> None:
    missing = [
        pkg
        for pkg, marker in DEBIAN_PACKAGES.items()
        if not any(Path(m).exists() for m in (marker, marker.replace("x86_64", "aarch64")))
    ]
    if not missing:
        return
    as_root = [] if os.geteuid() == 0 else ["sudo", "-n"]
    if shutil.which("apt-get") is None or (
        as_root and subprocess.run(["sudo", "-n", "true"], capture_output=True).returncode != 0
    ):
        say(
            f"cannot install {', '.join(missing)} (needs apt-get and root or sudo); "
            "the browser tests and the PDF need them"
        )
        return
    say(f"installing Debian packages: {', '.join(missing)}")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    run(*as_root, "env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "update", "-qq", env=env)
    run(
        *as_root,
        "env",
        "DEBIAN_FRONTEND=noninteractive",
        "apt-get",
        "install",
        "-y",
        "-qq",
        "--no-install-recommends",
        *missing,
        env=env,
    )


def ensure_node_tools() -> None:
    """npm ci in TOOLS, once for each package-lock.json (its copy in node_modules records
    the one installed); without npm, say what is then missing."""
    lock = TOOLS / "package-lock.json"
    installed = TOOLS / "node_modules/.package-lock.handbook.json"
    if VNU_JAR.exists() and installed.exists() and installed.read_bytes() == lock.read_bytes():
        return
    if shutil.which("npm") is None:
        say("cannot install the Nu Html Checker (needs npm); the HTML conformance test needs it")
        return
    say(f"installing the Node packages of {lock.relative_to(ROOT)} into .tools/node_modules")
    run("npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--silent", cwd=TOOLS)
    installed.write_bytes(lock.read_bytes())


def lock_command() -> list[str]:
    """The uv command that writes requirements.lock (run in ROOT); the lock's header
    records it. Every extra and the build backend (the `build` group, for
    --no-build-isolation), hashes of every file on PyPI for every platform (--universal)."""
    return [
        "uv",
        "pip",
        "compile",
        "pyproject.toml",
        "--extra",
        "test",
        "--extra",
        "pdf",
        "--group",
        "build",
        "--universal",
        "--python-version",
        "3.11",
        "--generate-hashes",
        "-o",
        LOCK.name,
    ]


def install_commands() -> list[list[str]]:
    """The commands that install .venv from the lock: the locked files, nothing else
    (--no-deps: the lock already holds every dependency, and pip check proves it), then the
    package itself with the locked setuptools (nothing may be fetched unhashed)."""
    pip = [str(BIN / "python"), "-m", "pip"]
    quiet = ["-q", "--disable-pip-version-check"]
    return [
        [*pip, "install", *quiet, "--require-hashes", "--no-deps", "-r", str(LOCK)],
        [*pip, "install", *quiet, "--no-deps", "--no-build-isolation", "-e", str(ROOT)],
        [*pip, "check"],
    ]


STAMP_INPUTS = (ROOT / "pyproject.toml", LOCK)  # what .venv was installed from


def fingerprint(paths=STAMP_INPUTS) -> str:
    """Changes when any of the files changes: then .venv is installed again."""
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.name.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def ensure_venv() -> None:
    stamp = VENV / ".installed"
    wanted = fingerprint()
    if stamp.exists() and stamp.read_text() == wanted:
        return
    # Made anew when the lock changes, so that no package the lock dropped stays behind.
    say("creating the virtual environment .venv")
    venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    say(f"installing the handbook and its dependencies from {LOCK.name} into .venv")
    for command in install_commands():
        run(*command)
    stamp.write_text(wanted)


def lock(rest: list[str]) -> int:
    """Write requirements.lock with the pinned uv, installed into .venv if need be."""
    if not (BIN / "python").exists():
        say("creating the virtual environment .venv")
        venv.EnvBuilder(with_pip=True).create(VENV)
    run(BIN / "python", "-m", "pip", "install", "-q", "--disable-pip-version-check", UV)
    uv, *arguments = lock_command()
    # uv also prints the lock it writes; its summary ("Resolved 70 packages") is on stderr
    return subprocess.run(
        [str(BIN / uv), *arguments, *rest], cwd=ROOT, stdout=subprocess.DEVNULL
    ).returncode


# Run before the tests, each from .venv with the settings in pyproject.toml.
STATIC_CHECKS = (
    ("ruff", "check", "--quiet", "."),
    ("ruff", "format", "--check", "--quiet", "."),
    ("mypy",),
)


def static_checks() -> int:
    """Lint, format and types: 0 when all are clean, else the first failure's code."""
    failed = 0
    for tool, *arguments in STATIC_CHECKS:
        done = subprocess.run([str(BIN / tool), *arguments])
        if done.returncode:
            say(f"{tool} {' '.join(arguments)} failed (exit {done.returncode})")
            failed = failed or done.returncode
    return failed


# pytest's workers: one per core, each module's tests in one worker (its fixtures made once);
# the sites the modules share are built once for all the workers (tests/conftest.py)
PARALLEL = ("--numprocesses", "auto", "--dist", "loadscope")


def pytest_arguments(rest: list[str]) -> list[str]:
    """PARALLEL, unless the arguments choose the workers themselves, then the arguments."""
    chosen = any(a.startswith(("-n", "--numprocesses")) or a == "no:xdist" for a in rest)
    return [*([] if chosen else PARALLEL), *rest]


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("build", "serve", "test", "lock"):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    command, rest = argv[0], argv[1:]
    if command == "lock":
        return lock(rest)
    ensure_debian_packages()
    ensure_node_tools()
    ensure_venv()
    os.chdir(ROOT)
    if command == "test":
        checks = static_checks()
        result = subprocess.run([str(BIN / "python"), "-m", "pytest", *pytest_arguments(rest)])
        return result.returncode or checks
    else:
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        result = subprocess.run([str(BIN / "mkdocs"), command, *rest], env=env)
    return result.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
