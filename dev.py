#!/usr/bin/env python3
"""Set up and run the handbook on a fresh machine: `python3 dev.py build|serve|test`.

Each command installs what it needs first, once: Debian packages (Chromium for
the browser tests and PDF fonts, Pango for WeasyPrint) when run as root, and a
virtual environment in .venv with the package and its test dependencies.
Extra arguments go to mkdocs or pytest.
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
DEBIAN_PACKAGES = {
    # package: a file that shows it is installed
    "chromium": "/usr/bin/chromium",
    "libpango-1.0-0": "/usr/lib/x86_64-linux-gnu/libpango-1.0.so.0",
    "libpangoft2-1.0-0": "/usr/lib/x86_64-linux-gnu/libpangoft2-1.0.so.0",
    "fonts-dejavu-core": "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
}


def say(message: str) -> None:
    print(f"[dev.py] {message}", flush=True)


def run(*command: str | Path, **kwargs) -> None:
    subprocess.run([str(c) for c in command], check=True, **kwargs)


def ensure_debian_packages() -> None:
    missing = [pkg for pkg, marker in DEBIAN_PACKAGES.items()
               if not any(Path(m).exists() for m in (marker, marker.replace("x86_64", "aarch64")))]
    if not missing:
        return
    as_root = [] if os.geteuid() == 0 else ["sudo", "-n"]
    if shutil.which("apt-get") is None or (as_root and subprocess.run(
            ["sudo", "-n", "true"], capture_output=True).returncode != 0):
        say(f"cannot install {', '.join(missing)} (needs apt-get and root or sudo); "
            "the browser tests and the PDF need them")
        return
    say(f"installing Debian packages: {', '.join(missing)}")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    run(*as_root, "env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "update", "-qq", env=env)
    run(*as_root, "env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "install", "-y", "-qq",
        "--no-install-recommends", *missing, env=env)


def ensure_venv() -> None:
    stamp = VENV / ".installed"
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text() == wanted:
        return
    if not (BIN / "python").exists():
        say("creating the virtual environment .venv")
        venv.EnvBuilder(with_pip=True).create(VENV)
    say("installing the handbook and its dependencies into .venv")
    run(BIN / "python", "-m", "pip", "install", "-q", "--disable-pip-version-check",
        "-e", f"{ROOT}[test,pdf]")
    stamp.write_text(wanted)


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("build", "serve", "test"):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    command, rest = argv[0], argv[1:]
    ensure_debian_packages()
    ensure_venv()
    os.chdir(ROOT)
    if command == "test":
        result = subprocess.run([str(BIN / "python"), "-m", "pytest", *rest])
    else:
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        result = subprocess.run([str(BIN / "mkdocs"), command, *rest], env=env)
    return result.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
