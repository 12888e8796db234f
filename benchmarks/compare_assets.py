"""Before/after of a change to the site's own CSS or JavaScript, in the browser.

One built site is served twice on the loopback interface: once with the named
files of site_builder/render/assets/ as they were at a git revision (default HEAD), once
as they are in the working tree. Filter runs alternate between the two (before,
after, before…) so that a busy machine slows both alike; medians are printed.

    .venv/bin/python -m benchmarks.run --sizes 5000 --keep-sites …   # or any built site
    .venv/bin/python -m benchmarks.compare_assets /tmp/bench/handbook-5000/site \\
        site_builder/render/assets/handbook.css site_builder/render/assets/filters.js --repeats 7
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
from io import BytesIO
from pathlib import Path
from typing import ClassVar

from benchmarks.run import CHROMIUM, CHROMIUM_ARGS, REPO, Server, _QuietHandler, apply_filter

ASSET_URL = "/assets/handbook/"


class _OverlayHandler(_QuietHandler):
    """Serves the site, except the handbook's assets named in `overlay`."""

    overlay: ClassVar[dict[str, bytes]] = {}

    def send_head(self):
        path = self.path.split("?", 1)[0]
        body = self.overlay.get(path)
        if body is None:
            return super().send_head()
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return BytesIO(body)


def assets(files: list[str], revision: str | None) -> dict[str, bytes]:
    out = {}
    for name in files:
        url = ASSET_URL + Path(name).name
        if revision is None:
            out[url] = (REPO / name).read_bytes()
        else:
            out[url] = _at_revision(name, revision)
    return out


def _at_revision(name: str, revision: str) -> bytes:
    """The file's bytes at `revision`, under the name it had then (files move)."""
    names = subprocess.run(
        ["git", "log", "--follow", "--format=", "--name-only", "--", name],
        cwd=REPO,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    for then in dict.fromkeys([name, *names]):
        shown = subprocess.run(["git", "show", f"{revision}:{then}"], cwd=REPO, capture_output=True)
        if shown.returncode == 0:
            return shown.stdout
    raise FileNotFoundError(f"{name} at {revision}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="a built site (its practices/index.html)")
    parser.add_argument("files", nargs="+", help="files under site_builder/render/assets/")
    parser.add_argument("--revision", default="HEAD")
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--timeout", type=float, default=120)
    args = parser.parse_args(argv)

    from playwright.sync_api import sync_playwright

    variants = {"before": assets(args.files, args.revision), "after": assets(args.files, None)}
    servers = {
        name: Server(args.site, type("Handler", (_OverlayHandler,), {"overlay": overlay}))
        for name, overlay in variants.items()
    }
    runs: dict[str, list[dict]] = {name: [] for name in variants}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for _ in range(args.repeats):
                for name, server in servers.items():
                    runs[name].append(apply_filter(browser, server.url, args.timeout * 1000))
            browser.close()
    finally:
        for server in servers.values():
            server.close()
    summary = {}
    for name, figures in runs.items():
        good = [f for f in figures if "error" not in f]
        if not good:
            summary[name] = {"error": figures[0].get("error")}
            continue
        summary[name] = {
            key: round(statistics.median(f[key] for f in good), 1) for key in ("ms", "script_ms")
        }
        summary[name].update(
            shown_before=good[0]["shown_before"], shown_after=good[0]["shown_after"], runs=len(good)
        )
    print(
        json.dumps(
            {
                "site": str(args.site),
                "files": args.files,
                "revision": args.revision,
                "medians": summary,
            },
            indent=2,
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
