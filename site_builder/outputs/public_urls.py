"""The handbook's public URLs: the addresses others may link to, which a build must keep.

A public URL is every file of the built site, at its address, except the site's
internals, which change with the code and which nobody should link to:

* ``assets/``: Material's and the handbook's scripts, styles, fonts and images;
* ``search/``: the search index's shards;
* every ``.js`` file elsewhere: the data scripts the pages load (``data/practice-list.js``,
  the print view's ``print/<id>.js`` fragments);
* ``404.html``, the page a server shows for any address it does not have, and
  ``sitemap.xml.gz``, a copy of ``sitemap.xml``.

So the pages (practices, views, recommendations, context pages, the redirects of renamed
practices), the open data (``data/``), the schemas (``schema/``), the downloads (the PDF,
the ZIP), the sitemap and whatever a later feature writes (feeds) are public. A page's
address is its URL as MkDocs gives it: ``practices/x.html``, or ``practices/x/`` with
directory URLs (``x/index.html`` is reached as ``x/``).

``handbook urls`` lists them from a built site; the committed list is
``tests/golden/public-urls.txt``, written anew after a change that adds URLs::

    python3 dev.py build && .venv/bin/handbook urls --output tests/golden/public-urls.txt

and tests/test_public_urls.py fails, naming them, when a build no longer has one of the
listed URLs (a practice renamed without ``former_ids``, a page or file removed), or has
URLs the list does not name yet.
"""

from __future__ import annotations

from pathlib import Path

from site_builder.search import site_files

INTERNAL_FOLDERS = ("assets", site_files.DATA.split("/")[0])
INTERNAL_FILES = ("404.html", "sitemap.xml.gz")
HEADER = """\
# Every public URL of the built handbook, relative to the site's address: what a build must
# keep (see site_builder/outputs/public_urls.py for what counts). Written by
#   python3 dev.py build && .venv/bin/handbook urls --output tests/golden/public-urls.txt
# tests/test_public_urls.py fails when a build no longer has one of them.
"""


def is_public(path: str) -> bool:
    """Whether a file of the built site (its path from the site's root) is public."""
    parts = path.split("/")
    if parts[0] in INTERNAL_FOLDERS or path in INTERNAL_FILES:
        return False
    return not path.endswith(".js") and not any(p.startswith(".") for p in parts)


def address(path: str, directory_urls: bool) -> str:
    """The URL a file of the built site is reached at, relative to the site's root."""
    if directory_urls and (path == "index.html" or path.endswith("/index.html")):
        return path.removesuffix("index.html") or "./"
    return path


def public_urls(site: Path, directory_urls: bool) -> list[str]:
    """The public URLs of the site built in the folder `site`, sorted."""
    paths = (p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    return sorted(address(p, directory_urls) for p in paths if is_public(p))


def listing(urls: list[str]) -> str:
    """The committed list's text: the header, then one URL per line."""
    return HEADER + "".join(f"{url}\n" for url in urls)


def read_listing(text: str) -> list[str]:
    """The URLs of a committed list (comments and blank lines left out)."""
    lines = (line.strip() for line in text.splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def compare(listed: list[str], built: list[str]) -> tuple[list[str], list[str]]:
    """(the listed URLs the build no longer has, the built URLs not listed yet)."""
    have, want = set(built), set(listed)
    return sorted(want - have), sorted(have - want)
