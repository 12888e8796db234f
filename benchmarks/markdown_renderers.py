"""Would another Markdown library render the sections faster, and to the same HTML?

Every section of the real practices, of a synthetic handbook (benchmarks/corpus.py) and
a few hand-written edge cases is rendered by the current renderer (Python-Markdown with
markdown_safe's extensions) and by each candidate, each then put through exactly what
markdown_safe.render does after Markdown (the heading shift and the same nh3 policy).
For each candidate it reports:

- how many sections give byte-identical sanitised HTML, and how many the same HTML once
  normalised (whitespace between tags dropped, runs of it in text collapsed, attributes
  sorted, character references decoded), with the first differing examples;
- the median over the runs of the time to render every section: Markdown alone, the
  sanitising alone, and the two together. Renderers take turns within each run.

The candidates are not dependencies of the handbook; a missing one is reported and
skipped. To measure them, install them aside and put them on the path:

    pip install --target /tmp/md-candidates markdown-it-py mdit-py-plugins mistune
    PYTHONPATH=/tmp/md-candidates flock /tmp/bench.lock \\
        .venv/bin/python -m benchmarks.markdown_renderers --size 5000 --runs 5 \\
        --work /tmp/md-bench
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import tempfile
import time
from collections.abc import Callable
from html.parser import HTMLParser
from importlib import metadata
from pathlib import Path

from benchmarks import corpus as corpus_module
from site_builder.content import markdown_safe
from site_builder.content.validate import load_handbook

REPO = Path(__file__).resolve().parent.parent
ToHtml = Callable[[str], str]

# Hand-written: what editors may write that the real practices do not (yet) hold.
EDGE_CASES: dict[str, str] = {
    "list after a paragraph": "Our actions:\n- one\n- two",
    "list after a blank line": "Our actions:\n\n- one\n- two",
    "loose list": "- one\n\n- two\n\n- three",
    "nested list, four spaces": "- one\n    - one a\n    - one b\n- two",
    "nested list, two spaces": "- one\n  - one a\n  - one b\n- two",
    "bullets under a numbered item": "1. Diagnosis:\n- map\n- identify\n2. Tests:\n- run",
    "ordered list from 3": "3. three\n4. four",
    "ol then ul": "1. one\n2. two\n\n- a\n- b",
    "bullet characters mixed": "- one\n* two\n+ three",
    "emphasis": "*em*, _em_, **strong**, __strong__ and snake_case_word.",
    "bold italic": "***both*** and **_both_**",
    "bold before punctuation": "A key**. Partnerships** grow.",
    "links": '[site](https://example.org "Title") and [mail](mailto:a@example.org)',
    "reference link": "[the site][s]\n\n[s]: https://example.org",
    "autolink": "<https://example.org/x?a=1&b=2> and <someone@example.org>",
    "bare URL": "See https://example.org for more.",
    "hard line break": "first line  \nsecond line\\\nthird line",
    "headings": "# One\n\nText\n\n## Two\n\n### Three",
    "setext heading": "Title\n=====\n\nText",
    "entities": 'AT&T, &amp;, &copy; &#169; &#x00A9; &nbsp;x, 3 < 4 > 2, "quoted"',
    "raw inline HTML": "An <em>allowed</em> tag, a <span>span</span>, a <font>font</font>.",
    "raw block HTML": "<div>\n*not* Markdown\n</div>\n\nAfter.",
    "script": "Before <script>alert(1)</script> after.",
    "html comment": "Before <!-- hidden --> after.",
    "code": "`<b>code</b>` and\n\n```\nfenced <i>\n```\n\n    indented code",
    "blockquote": "> quoted\n> more\n\nafter",
    "table": "| a | b |\n|---|:-:|\n| 1 | 2 |",
    "footnote": "A claim.[^1]\n\n[^1]: Its source.",
    "definition list": "Term\n:   Definition",
    "abbreviation": "The EU acts.\n\n*[EU]: European Union",
    "horizontal rule": "above\n\n---\n\nbelow",
    "image": '![alt](/img/x.png "t")',
}


# -- renderers: text -> HTML before sanitising --------------------------------------
def python_markdown() -> ToHtml:
    """The current one: markdown_safe's own converter."""
    return markdown_safe._to_html


def markdown_it() -> ToHtml:
    """markdown-it-py, CommonMark with raw HTML passed on (as Python-Markdown does, for
    nh3 to clean) and the plugins for our extensions that exist (there is no abbr)."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.deflist import deflist_plugin
    from mdit_py_plugins.footnote import footnote_plugin

    md = MarkdownIt("commonmark", {"html": True}).enable("table")
    md.use(footnote_plugin).use(deflist_plugin)
    return lambda text: md.render(text).rstrip("\n")


def mistune_3() -> ToHtml:
    """mistune 3, raw HTML passed on, the plugins for each of our extensions."""
    import mistune

    md = mistune.create_markdown(escape=False, plugins=["table", "footnotes", "def_list", "abbr"])
    return lambda text: str(md(text)).rstrip("\n")


RENDERERS: dict[str, tuple[Callable[[], ToHtml], tuple[str, ...]]] = {
    # name: (factory, the distributions whose versions the report names)
    "python-markdown": (python_markdown, ("markdown",)),
    "markdown-it-py": (markdown_it, ("markdown-it-py", "mdit-py-plugins")),
    "mistune": (mistune_3, ("mistune",)),
}
REFERENCE = "python-markdown"


def available(names: list[str]) -> tuple[dict[str, ToHtml], dict[str, str]]:
    """The renderers that can be made here, and why the others cannot."""
    made, missing = {}, {}
    for name in names:
        try:
            made[name] = RENDERERS[name][0]()
        except ImportError as error:
            missing[name] = f"not installed ({error.name})"
    return made, missing


def versions(names) -> dict[str, str]:
    found = {}
    for name in ("nh3", *(d for n in names for d in RENDERERS[n][1])):
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = "not installed"
    return found


def sanitised(html: str) -> str:
    """What markdown_safe.render does after Markdown."""
    return markdown_safe.sanitise(markdown_safe._shift_headings(html))


# -- comparing ----------------------------------------------------------------------
# Around these a browser shows no whitespace of the source (it starts or ends a line).
BLOCKS = frozenset(
    {"p", "br", "hr", "ul", "ol", "li", "dl", "dt", "dd", "div", "blockquote", "pre", "table"}
    | {"thead", "tbody", "tfoot", "tr", "th", "td", "caption", "figure", "figcaption"}
    | {"h1", "h2", "h3", "h4", "h5", "h6"}
)


class _Tokens(HTMLParser):
    """Tags and text; inside <pre> the text stays as it is."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tokens: list[tuple[str, str]] = []  # (kind: tag, block, text or pre, token)
        self.in_pre = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        shown = "".join(f' {k}="{v or ""}"' for k, v in sorted(attrs))
        self.tokens.append(("block" if tag in BLOCKS else "tag", f"<{tag}{shown}>"))
        self.in_pre += tag == "pre"

    def handle_endtag(self, tag: str) -> None:
        self.tokens.append(("block" if tag in BLOCKS else "tag", f"</{tag}>"))
        self.in_pre -= tag == "pre"

    def handle_data(self, data: str) -> None:
        self.tokens.append(("pre", data) if self.in_pre else ("text", re.sub(r"\s+", " ", data)))


def normalise(html: str) -> str:
    """HTML as a reader's browser would show it, without the layout of the source: tags
    with sorted attributes, character references decoded, runs of whitespace in text
    collapsed, and none kept next to a block's edge (nor text of whitespace alone)."""
    parser = _Tokens()
    parser.feed(html)
    parser.close()
    tokens, out = parser.tokens, []
    for i, (kind, token) in enumerate(tokens):
        if kind == "text":
            if i == 0 or tokens[i - 1][0] == "block":
                token = token.lstrip()
            if i + 1 == len(tokens) or tokens[i + 1][0] == "block":
                token = token.rstrip()
        out.append(token)
    return "".join(out)


def where_they_differ(one: str, other: str, context: int = 70) -> tuple[str, str]:
    pairs = enumerate(zip(one, other, strict=False))  # up to the shorter one's end
    start = next((i for i, (a, b) in pairs if a != b), min(len(one), len(other)))
    at = max(0, start - context)
    return one[at : start + context], other[at : start + context]


def compare(texts: list[str], reference: list[str], candidate: list[str], examples: int) -> dict:
    identical = sum(a == b for a, b in zip(reference, candidate, strict=True))
    differing = [
        i
        for i, (a, b) in enumerate(zip(reference, candidate, strict=True))
        if normalise(a) != normalise(b)
    ]
    shown = []
    for i in differing[:examples]:
        ours, theirs = where_they_differ(normalise(reference[i]), normalise(candidate[i]))
        shown.append({"section": i, "markdown": texts[i][:300], "reference": ours, "it": theirs})
    return {
        "identical": identical,
        "normalised_identical": len(texts) - len(differing),
        "differing": differing,
        "examples": shown,
    }


# -- timing -------------------------------------------------------------------------
def render_all(to_html: ToHtml, texts: list[str]) -> tuple[list[str], float, float]:
    """Every text rendered and sanitised: the outputs, the seconds in Markdown and in
    the sanitising (one clock read between the two per section)."""
    outputs, markdown_seconds, sanitise_seconds = [], 0.0, 0.0
    clock = time.perf_counter
    for text in texts:
        started = clock()
        html = to_html(text)
        converted = clock()
        outputs.append(sanitised(html))
        markdown_seconds += converted - started
        sanitise_seconds += clock() - converted
    return outputs, markdown_seconds, sanitise_seconds


def measure(texts: list[str], renderers: dict[str, ToHtml], runs: int, examples: int) -> dict:
    outputs = {name: render_all(f, texts)[0] for name, f in renderers.items()}  # and warm up
    times: dict[str, dict[str, list[float]]] = {
        name: {"markdown": [], "sanitise": [], "total": []} for name in renderers
    }
    names = list(renderers)
    for run in range(runs):
        for name in names[run % len(names) :] + names[: run % len(names)]:
            _, markdown_seconds, sanitise_seconds = render_all(renderers[name], texts)
            times[name]["markdown"].append(markdown_seconds)
            times[name]["sanitise"].append(sanitise_seconds)
            times[name]["total"].append(markdown_seconds + sanitise_seconds)
    result: dict = {"sections": len(texts), "renderers": {}}
    for name in renderers:
        entry: dict = {
            "median": {part: statistics.median(v) for part, v in times[name].items()},
            "runs": times[name]["total"],
        }
        if name != REFERENCE:
            entry |= compare(texts, outputs[REFERENCE], outputs[name], examples)
        result["renderers"][name] = entry
    return result


# -- corpora and report -------------------------------------------------------------
def sections(project: Path) -> list[str]:
    return [s.markdown for p in load_handbook(project).practices for s in p.sections]


def report(results: dict[str, dict], meta: dict) -> str:
    lines = [
        f"{meta['runs']} run(s), medians; versions: "
        + ", ".join(f"{k} {v}" for k, v in meta["versions"].items())
    ]
    lines += [f"{name}: {why}" for name, why in meta["missing"].items()]
    for corpus_name, result in results.items():
        lines.append(f"\n== {corpus_name}: {result['sections']} sections")
        reference = result["renderers"][REFERENCE]["median"]["total"]
        for name, entry in result["renderers"].items():
            m = entry["median"]
            line = (
                f"{name:16} total {m['total']:8.3f} s  (markdown {m['markdown']:7.3f} s, "
                f"nh3 {m['sanitise']:6.3f} s)  {m['total'] / reference:5.2f}x"
            )
            if name != REFERENCE:
                n = result["sections"]
                line += (
                    f"  identical {entry['identical']}/{n}, "
                    f"normalised {entry['normalised_identical']}/{n}"
                )
            lines.append(line)
        for name, entry in result["renderers"].items():
            for example in entry.get("examples", []):
                lines += [
                    f"-- {name}, section {example['section']}: {example['markdown']!r}",
                    f"   {REFERENCE:16} …{example['reference']}…",
                    f"   {name:16} …{example['it']}…",
                ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=600, help="synthetic practices; 0: none")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--corpus", type=Path, help="an existing synthetic handbook-N folder")
    parser.add_argument("--work", type=Path, help="where to write the synthetic corpus")
    parser.add_argument("--seed", type=int, default=corpus_module.SEED)
    parser.add_argument("--renderers", default=",".join(RENDERERS), help="comma-separated")
    parser.add_argument("--examples", type=int, default=3, help="differing examples shown")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    names = [n.strip() for n in args.renderers.split(",") if n.strip()]
    unknown = [n for n in names if n not in RENDERERS]
    if unknown or REFERENCE not in names:
        parser.error(f"renderers must include {REFERENCE}, from: {', '.join(RENDERERS)}")
    renderers, missing = available(names)
    corpora = {"real practices": sections(REPO), "edge cases": list(EDGE_CASES.values())}
    if args.corpus or args.size:
        project = args.corpus or (
            corpus_module.generate(
                args.size, args.work or Path(tempfile.mkdtemp(prefix="md-bench-")), args.seed
            ).handbook
        )
        corpora[f"synthetic ({project.name})"] = sections(project)
    meta = {"runs": args.runs, "versions": versions(renderers), "missing": missing}
    results = {
        name: measure(texts, renderers, args.runs, args.examples) for name, texts in corpora.items()
    }
    print(report(results, meta))
    if args.json:
        args.json.write_text(json.dumps({"meta": meta, "corpora": results}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
