"""The `handbook` command: parsing apart from doing.

The project root is found once, here (--root, else project.find_root from the current
folder), and every command reads it from ``args.root``.

Exit status: 0 when all went well, 1 when the content is invalid or a command
failed, 2 for a usage error.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from site_builder.cli import from_issue, issue_to_pr, values
from site_builder.cli import search as search_cli
from site_builder.content import report, vocab_file
from site_builder.core.facets import facets_for
from site_builder.core.model import ContentError
from site_builder.core.project import find_root
from site_builder.core.schema import SLUG
from site_builder.editors.scaffold import DEFAULT_SOURCE

if TYPE_CHECKING:
    from site_builder.core.vocab import Vocabularies, Vocabulary

# Each command imports what only it needs when it runs: `handbook search` with its
# index in place answers in the time Python takes to start and read a few files.


def cmd_validate(args: argparse.Namespace) -> int:
    root = args.root
    paths = [Path(p) for p in args.paths] or None
    missing = [p for p in paths or [] if not p.exists()]
    if missing:
        print(f"handbook validate: no such file or folder: {missing[0]}", file=sys.stderr)
        return 2
    from site_builder.content.validate import cyclic_gc_paused

    with cyclic_gc_paused():  # what the check made is freed before the collector looks
        return _validate(root, paths, args.format)


def _validate(root: Path, paths: list[Path] | None, form: str) -> int:
    from site_builder.artefacts import validcache

    try:
        found = validcache.validate(root, paths)
    except ContentError as error:  # the vocabularies file: nothing else can be checked
        sys.stdout.write(report.FORMATS[form](error.problems, 0))
        return 1
    sys.stdout.write(report.FORMATS[form](found.problems, found.files))
    return 1 if found.problems else 0


def cmd_new(args: argparse.Namespace) -> int:
    root = args.root
    from site_builder.editors import scaffold

    slug = args.id or scaffold.slugify(args.title)
    if not slug:
        print(
            "handbook new: the title has no Latin letters or digits to make a file name "
            "from; give one with --id, such as --id hydrogen-valley",
            file=sys.stderr,
        )
        return 2
    target = root / "practices" / f"{slug}.md"
    if target.exists():
        print(f"handbook new: {target} already exists; choose another --id", file=sys.stderr)
        return 1
    front = scaffold.front_matter(
        slug,
        args.title,
        args.organisation,
        args.country.upper(),
        args.ecosystem,
        args.helix or args.default_helix,
        args.role,
        region=args.region,
        themes=getattr(args, "theme", None),
        source=args.source or DEFAULT_SOURCE,
    )
    text = scaffold.practice_file(front)
    problems = scaffold.write_checked(root, target, text, to_fill_in=True)
    if not target.exists():
        sys.stdout.write(report.text(problems, 1))
        print(f"Not created: {target.name} would not be valid; correct the options above.")
        return 1
    print(f"Created {target}.")
    for option, value, why in _assumed(args, front):
        print(f"  Assumed {option} {value}: {why}; change it in the file if it is wrong.")
    print(
        f"  Still to write: {len(problems)} sections hold the template's question "
        "(`handbook validate` lists them); until each has your text, the file is refused "
        "and nothing of it is published."
    )
    return 0


def _assumed(args: argparse.Namespace, front: dict) -> list[tuple[str, str, str]]:
    """The values `handbook new` chose because no option gave them."""
    assumed = []
    if not args.helix:
        assumed.append(("--helix", " ".join(front["helix"]), "who took part besides the cluster"))
    if args.source is None:
        assumed.append(("--source", front["source"], "no published document holds the practice"))
    return assumed


def cmd_schema(args: argparse.Namespace) -> int:
    from site_builder.core.schema import write_schemas

    root = args.root
    try:
        vocabularies = vocab_file.load(root)
    except ContentError as error:
        sys.stdout.write(report.text(error.problems, 0))
        return 1
    for path in write_schemas(root / "schema", vocabularies):
        print(f"wrote {path}")
    return 0


def cmd_urls(args: argparse.Namespace) -> int:
    from site_builder.adapter.context_pages import SiteSource
    from site_builder.outputs import public_urls

    source = SiteSource(args.root)
    if source.problem:
        print(f"handbook urls: {source.problem}", file=sys.stderr)
        return 1
    site = args.site or Path(source.config.site_dir if source.config else args.root / "site")
    if not (site / "index.html").is_file():
        print(f"handbook urls: no built site in {site} (run `mkdocs build`)", file=sys.stderr)
        return 1
    found = public_urls.public_urls(site, source.urls.directory_urls)
    if args.check:
        missing, new = public_urls.compare(
            public_urls.read_listing(args.check.read_text(encoding="utf-8")), found
        )
        for url in missing:
            print(f"{args.check}: error: the build no longer has the public URL {url}")
        for url in new:
            print(f"{args.check}: note: a public URL not listed yet: {url}")
        return 1 if missing else 0
    if args.output:
        args.output.write_text(public_urls.listing(found), encoding="utf-8")
        print(f"wrote {args.output}: {len(found)} public URLs")
    else:
        sys.stdout.write("".join(f"{url}\n" for url in found))
    return 0


def _text(value: str) -> str:
    if not value.strip():
        raise argparse.ArgumentTypeError("must not be empty")
    return value.strip()


def _slug(value: str) -> str:
    if not re.fullmatch(SLUG, value):  # the schema's id pattern, no trailing newline
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a file name for a practice: use lower-case letters, digits "
            "and single hyphens, such as green-hydrogen-valley"
        )
    return value


def _root(argv: list[str] | None) -> tuple[Path, bool]:
    """The handbook the command works on, found once: its --root, or the one found from
    here; and whether --root named it."""
    early = argparse.ArgumentParser(add_help=False)
    early.add_argument("--root", type=Path)
    known, _ = early.parse_known_args(argv)
    return known.root or find_root(), known.root is not None


def _vocabularies(root: Path) -> Vocabularies | None:
    """The vocabularies of the handbook at root (else of the one installed with the
    package), for the options' choices."""
    from site_builder.core import installed

    for folder in (root, installed.content_root()):
        try:
            return vocab_file.load(folder) if folder is not None else None
        except ContentError:
            continue
    return None


def _default_helix(helix: Vocabulary | None) -> list[str]:
    """A new practice's helix roles when none is given: the vocabulary's first (industry)."""
    return [term.slug for term in helix.terms[:1]] if helix else []


def parser(vocabularies: Vocabularies | None = None) -> argparse.ArgumentParser:
    ecosystems, helix, roles, themes = (
        (
            vocabularies.ecosystems,
            vocabularies.helix,
            vocabularies.cluster_roles,
            vocabularies.themes,
        )
        if vocabularies
        else (None, None, None, None)
    )
    top = argparse.ArgumentParser(
        prog="handbook",
        description="The Cluster Good-Practice "
        "Handbook: validate, scaffold and search good practices.",
    )
    top.add_argument(
        "--root", type=Path, help="the handbook folder (default: found from the current folder)"
    )
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")

    v = sub.add_parser(
        "validate",
        help="check practices and recommendations",
        description="Check content files; report every problem with its file, line and column.",
    )
    v.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="files or folders (default: practices/ and recommendations/)",
    )
    v.add_argument("--format", choices=sorted(report.FORMATS), default="text")
    v.set_defaults(run=cmd_validate)

    n = sub.add_parser(
        "new",
        help="create a practice file to fill in",
        description="Write practices/<id>.md with these facts and, in each required "
        "section, the question it answers, for you to replace with the practice's text. "
        "Until then the validator and the build refuse the file.",
    )
    n.add_argument("title", type=_text, help="the practice's name as readers will see it")
    n.add_argument(
        "--organisation", required=True, type=_text, help="the cluster that ran the practice"
    )
    n.add_argument("--country", required=True, type=values.country, help=values.COUNTRY_HELP)
    n.add_argument(
        "--ecosystem",
        action="append",
        required=True,
        type=values.term(ecosystems),
        metavar="SLUG",
        help=values.terms_help(ecosystems, "repeat for several"),
    )
    n.add_argument(
        "--helix",
        action="append",
        type=values.term(helix),
        metavar="SLUG",
        help=values.terms_help(
            helix,
            "who took part; repeat for several "
            f"(default: {' '.join(_default_helix(helix)) or 'the first'}, said when assumed)",
        ),
    )
    n.add_argument(
        "--role",
        required=True,
        type=values.term(roles),
        metavar="SLUG",
        help=values.terms_help(roles, "the role of clusters it shows best"),
    )
    if themes is None or themes.terms:
        n.add_argument(
            "--theme",
            action="append",
            type=values.term(themes),
            metavar="SLUG",
            help=values.terms_help(themes, "repeat for several"),
        )
    n.add_argument("--region", type=_text, help="the region, where the practice is regional")
    n.add_argument(
        "--source",
        metavar="KEY",
        help="the key of the document it comes from, in sources.yml "
        f"(default: {DEFAULT_SOURCE}, for a practice no published document holds; "
        "said when assumed)",
    )
    n.add_argument("--id", type=_slug, help="the file name to use (default: from the title)")
    n.set_defaults(run=cmd_new, default_helix=_default_helix(helix))

    s = sub.add_parser("schema", help="write the JSON schemas to schema/")
    s.set_defaults(run=cmd_schema)
    u = sub.add_parser(
        "urls",
        help="list the public URLs of the built site",
        description="List the addresses of the built site that others may link to "
        "(site_builder/outputs/public_urls.py says which), one per line.",
    )
    u.add_argument("--site", type=Path, help="the built site (default: mkdocs.yml's site_dir)")
    u.add_argument("--output", type=Path, help="write the committed list to this file")
    u.add_argument(
        "--check",
        type=Path,
        metavar="LIST",
        help="compare with a committed list: exit 1 naming every URL the build lost",
    )
    u.set_defaults(run=cmd_urls)
    from_issue.register(sub)
    issue_to_pr.register(sub)
    search_cli.register(sub, facets_for(vocabularies) if vocabularies else None)
    return top


def main(argv: list[str] | None = None) -> int:
    root, given = _root(argv)
    args = parser(_vocabularies(root)).parse_args(argv)
    args.root, args.root_given = root, given  # `search` may look elsewhere if not given
    try:
        return args.run(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
