"""`mkdocs serve` in the tests: a free port, and waiting until a page shows a text."""

from __future__ import annotations

import socket
import time
import urllib.request

PRACTICE = "practices/ribes-nest-veneto.md"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError as exc:
        return f"unavailable: {exc}"


def wait_for(url: str, text: str, limit: float = 60.0) -> float:
    """Seconds until the page at url contains text; fails after `limit` seconds."""
    start = time.monotonic()
    while time.monotonic() - start < limit:
        if text in fetch(url):
            return time.monotonic() - start
        time.sleep(0.1)
    raise AssertionError(f"{url} did not show {text!r} within {limit} s: {fetch(url)[:500]}")
