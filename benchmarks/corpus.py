"""Synthetic but realistic handbooks of any size, and the same practices for plain mkdocs-material.

Everything is measured on the real content first (:func:`measure`): how many
words a sentence has, how sections break into paragraphs, lists and headings,
how often a paragraph carries bold text, and how the metadata spreads over
countries, regions, ecosystems, helix roles, cluster roles, themes, contacts
and periods. A synthetic practice then takes the *shape* of a randomly chosen
real section (same blocks, same sentence and item lengths) and fills it with
words drawn by frequency from the real corpus vocabulary, with commas and
colons as often as there, so word lengths, stop words, stems and punctuation
behave as in real text; no sentence is copied. The
metadata follows the real frequencies, smoothed a little so that values of
the vocabularies that the 58 real practices happen not to use still occur.

With one seed, the same corpus comes out byte for byte.

    python -m benchmarks.corpus 600 /tmp/bench     # writes handbook-600/ and baseline-600/
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import re
import shutil
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from site_builder.content import vocab_file
from site_builder.content.validate import load_handbook
from site_builder.core.countries import COUNTRIES
from site_builder.core.model import Handbook

REPO = Path(__file__).resolve().parent.parent
VOCABULARIES = vocab_file.load(REPO)
ECOSYSTEMS = VOCABULARIES.ecosystems.labels
HELIX_ROLES = VOCABULARIES.helix.labels
CLUSTER_ROLES = VOCABULARIES.cluster_roles.labels
THEMES = VOCABULARIES.themes.labels
SEED = 20251122
SMOOTHING = 0.5  # pseudo-count for vocabulary values absent from the real corpus
EU_AND_NEIGHBOURS = [
    "AT",
    "BE",
    "BG",
    "CY",
    "CZ",
    "DE",
    "DK",
    "EE",
    "ES",
    "FI",
    "FR",
    "GR",
    "HR",
    "HU",
    "IE",
    "IT",
    "LT",
    "LU",
    "LV",
    "MT",
    "NL",
    "PL",
    "PT",
    "RO",
    "SE",
    "SI",
    "SK",
    "NO",
    "UA",
    "GB",
]

_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=\S)")
_LIST_ITEM = re.compile(r"^\s{0,3}(?:[-*+]|(\d+)[.)])\s+")
_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")


# -- measuring the real handbook ---------------------------------------------------------


@dataclass(frozen=True)
class Block:
    """The shape of one block of a real section, without its words."""

    kind: str  # "p", "ul", "ol" or "h"
    lengths: tuple[int, ...]  # words per sentence (p), per item (ul/ol), of the heading (h)
    bold: int = 0  # how many bold spans it carries
    level: int = 3  # heading level (h)


class Sampler:
    """Draws values with the frequencies they were counted with; deterministic given rng."""

    def __init__(self, counts: dict) -> None:
        items = sorted(counts.items(), key=lambda kv: str(kv[0]))
        self.values = [value for value, _ in items]
        self.cumulative = list(itertools.accumulate(weight for _, weight in items))

    def __call__(self, rng: random.Random, k: int = 1) -> list:
        return rng.choices(self.values, cum_weights=self.cumulative, k=k)

    def one(self, rng: random.Random):
        return self(rng)[0]


@dataclass
class Profile:
    """What the real handbook looks like, in numbers."""

    words: Sampler
    title_words: Sampler
    organisation_words: Sampler
    title_lengths: list[int]
    organisation_lengths: list[int]
    comma_rate: float
    colon_rate: float
    shapes: dict[str, list[tuple[Block, ...]]]  # section heading -> real shapes
    section_rates: dict[str, float]  # optional sections: share that has one
    countries: Sampler
    regions: dict[str, list[str | None]]  # country -> regions seen (None: none)
    list_counts: dict[str, list[int]] = field(default_factory=dict)  # field -> sizes seen
    list_values: dict[str, Sampler] = field(default_factory=dict)  # field -> values
    roles: Sampler | None = None
    contact_counts: list[int] = field(default_factory=list)
    contact_fields: list[tuple[bool, bool, bool]] = field(default_factory=list)
    periods: list[tuple[str, bool] | None] = field(default_factory=list)  # (start, has end)
    sources: list[str] = field(default_factory=list)
    source_sections: float = 0.0
    recommendation_shapes: list[tuple[int, int, str | None, int]] = field(default_factory=list)


def measure(handbook: Handbook) -> Profile:
    words: Counter = Counter()
    commas = colons = total = 0
    shapes: dict[str, list[tuple[Block, ...]]] = {}
    for practice in handbook.practices:
        for section in practice.sections:
            shapes.setdefault(section.heading, []).append(_shape(section.markdown))
            found = _WORD.findall(section.markdown)
            words.update(found)
            total += len(found)
            commas += section.markdown.count(",")
            colons += len(re.findall(r":\s", section.markdown))
    n = len(handbook.practices)
    required = [s for s, found in shapes.items() if len(found) == n]
    titles = [_WORD.findall(p.title) for p in handbook.practices]
    orgs = [_WORD.findall(p.organisation) for p in handbook.practices]
    regions: dict[str, list[str | None]] = {}
    for p in handbook.practices:
        regions.setdefault(p.country, []).append(p.region)
    profile = Profile(
        words=Sampler(words),
        title_words=Sampler(Counter(w for t in titles for w in t)),
        organisation_words=Sampler(Counter(w for o in orgs for w in o)),
        title_lengths=[len(t) for t in titles],
        organisation_lengths=[len(o) for o in orgs],
        comma_rate=commas / max(total, 1),
        colon_rate=colons / max(total, 1),
        shapes=shapes,
        section_rates={s: len(found) / n for s, found in shapes.items() if s not in required},
        countries=Sampler(
            _smoothed(Counter(p.country for p in handbook.practices), EU_AND_NEIGHBOURS)
        ),
        regions=regions,
        roles=Sampler(
            _smoothed(Counter(p.cluster_role for p in handbook.practices), CLUSTER_ROLES)
        ),
    )
    for name, vocabulary in (
        ("ecosystems", ECOSYSTEMS),
        ("helix", HELIX_ROLES),
        ("themes", THEMES),
    ):
        lists = [getattr(p, name) for p in handbook.practices]
        profile.list_counts[name] = [len(values) for values in lists]
        profile.list_values[name] = Sampler(
            _smoothed(Counter(v for vs in lists for v in vs), vocabulary)
        )
    profile.contact_counts = [len(p.contacts) for p in handbook.practices]
    profile.contact_fields = [
        (c.name is not None, c.email is not None, c.website is not None)
        for p in handbook.practices
        for c in p.contacts
    ]
    profile.periods = [
        (p.period.start, p.period.end is not None) if p.period and p.period.start else None
        for p in handbook.practices
    ]
    profile.sources = [p.source for p in handbook.practices]
    profile.source_sections = sum(p.source_section is not None for p in handbook.practices) / n
    profile.recommendation_shapes = [
        (len(r.points), len(r.practices), r.status, len(_WORD.findall(r.body)))
        for r in handbook.recommendations
    ]
    return profile


def _smoothed(counts: Counter, vocabulary) -> dict:
    return {value: counts.get(value, 0) or SMOOTHING for value in vocabulary}


def _shape(markdown: str) -> tuple[Block, ...]:
    blocks = []
    for chunk in re.split(r"\n\s*\n", markdown.strip()):
        lines = [line for line in chunk.split("\n") if line.strip()]
        if not lines:
            continue
        bold = chunk.count("**") // 2
        heading = _HEADING.match(lines[0])
        if heading and len(lines) == 1:
            blocks.append(
                Block("h", (len(_WORD.findall(heading.group(2))),), level=len(heading.group(1)))
            )
            continue
        first = _LIST_ITEM.match(lines[0])
        if first:
            items = [line for line in lines if _LIST_ITEM.match(line)]
            blocks.append(
                Block(
                    "ol" if first.group(1) else "ul",
                    tuple(max(1, len(_WORD.findall(i))) for i in items),
                    bold,
                )
            )
            continue
        sentences = _SENTENCE_END.split(" ".join(lines))
        blocks.append(Block("p", tuple(max(1, len(_WORD.findall(s))) for s in sentences), bold))
    return tuple(blocks)


# -- writing synthetic text ---------------------------------------------------------------


class Writer:
    def __init__(self, profile: Profile, rng: random.Random) -> None:
        self.profile, self.rng = profile, rng

    def words(self, count: int, sampler: Sampler | None = None) -> list[str]:
        sampler = sampler or self.profile.words
        words = sampler(self.rng, count)
        if not words[0][0].isalpha():  # "2016. " at the start of a line would be a list
            words[0] = next(w for w in iter(lambda: sampler.one(self.rng), None) if w[0].isalpha())
        words[0] = words[0][0].upper() + words[0][1:]
        return words

    def sentence(self, length: int, bold: bool = False, end: str = ".") -> str:
        words = self.words(length)
        if bold:
            start = self.rng.randrange(len(words))
            stop = min(len(words), start + self.rng.randint(1, 4)) - 1
            words[start], words[stop] = "**" + words[start], words[stop] + "**"
        text = " ".join(
            w + self._punctuation() if i < len(words) - 1 else w for i, w in enumerate(words)
        )
        return text + end

    def _punctuation(self) -> str:
        draw = self.rng.random()
        if draw < self.profile.comma_rate:
            return ","
        return ":" if draw < self.profile.comma_rate + self.profile.colon_rate else ""

    def block(self, block: Block) -> str:
        bold = set(self.rng.sample(range(len(block.lengths)), min(block.bold, len(block.lengths))))
        if block.kind == "h":
            return "#" * block.level + " " + " ".join(self.words(block.lengths[0]))
        if block.kind == "p":
            return " ".join(self.sentence(n, i in bold) for i, n in enumerate(block.lengths))
        marker = (lambda i: f"{i + 1}. ") if block.kind == "ol" else (lambda i: "- ")
        return "\n".join(
            marker(i) + self.sentence(n, i in bold, end="") for i, n in enumerate(block.lengths)
        )

    def section(self, heading: str) -> str:
        shape = self.rng.choice(self.profile.shapes[heading])
        return f"## {heading}\n\n" + "\n\n".join(self.block(b) for b in shape)

    def name(self, sampler: Sampler, lengths: list[int]) -> str:
        words = self.words(self.rng.choice(lengths), sampler)
        return " ".join(w if w[0].isupper() or len(w) < 4 else w.capitalize() for w in words)


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


# -- synthetic practices and recommendations ----------------------------------------------


@dataclass(frozen=True)
class Synthetic:
    id: str
    front: dict  # front matter, in writing order
    body: str  # the Markdown sections


def practices(profile: Profile, n: int, seed: int = SEED) -> list[Synthetic]:
    rng = random.Random(seed)
    writer = Writer(profile, rng)
    width = len(str(n))
    out = []
    for index in range(n):
        title = writer.name(profile.title_words, profile.title_lengths)
        practice_id = f"{slug(title)[:60].strip('-') or 'practice'}-{index:0{width}d}"
        organisation = writer.name(profile.organisation_words, profile.organisation_lengths)
        country = profile.countries.one(rng)
        front: dict = {
            "id": practice_id,
            "title": title,
            "organisation": organisation,
            "country": country,
        }
        region = rng.choice(profile.regions.get(country) or [None])
        if region:
            front["region"] = region
        for name in ("ecosystems", "helix"):
            front[name] = _distinct(profile, name, rng)
        front["cluster_role"] = profile.roles.one(rng)
        themes = _distinct(profile, "themes", rng)
        if themes:
            front["themes"] = themes
        contacts = [
            _contact(profile, rng, organisation, i)
            for i in range(rng.choice(profile.contact_counts))
        ]
        if contacts:
            front["contact"] = contacts[0] if len(contacts) == 1 else contacts
        period = _period(profile, rng)
        if period:
            front["period"] = period
        front["source"] = rng.choice(profile.sources)
        if rng.random() < profile.source_sections:
            front["source_section"] = f"3.{rng.randint(1, 5)}.{rng.randint(1, 20)}"
        headings = [h for h in profile.shapes if h not in profile.section_rates]
        headings += [h for h, rate in profile.section_rates.items() if rng.random() < rate]
        body = "\n\n".join(writer.section(h) for h in headings)
        out.append(Synthetic(practice_id, front, body))
    return out


def _distinct(profile: Profile, name: str, rng: random.Random) -> list[str]:
    want = rng.choice(profile.list_counts[name])
    chosen: list[str] = []
    for _ in range(100):
        if len(chosen) == want:
            break
        value = profile.list_values[name].one(rng)
        if value not in chosen:
            chosen.append(value)
    vocabulary = list({"ecosystems": ECOSYSTEMS, "helix": HELIX_ROLES, "themes": THEMES}[name])
    return sorted(chosen, key=vocabulary.index)


def _contact(profile: Profile, rng: random.Random, organisation: str, index: int) -> dict:
    has_name, has_email, has_site = rng.choice(profile.contact_fields)
    domain = (slug(organisation)[:40].strip("-") or "cluster") + ".example.org"
    contact = {}
    if has_name or not (has_email or has_site):
        contact["name"] = (
            " ".join(w.capitalize() for w in profile.title_words(rng, 2) if w.isalpha())
            or "Contact"
        )
    if has_email:
        contact["email"] = f"{'info' if index == 0 else f'contact{index}'}@{domain}"
    if has_site:
        contact["website"] = f"https://www.{domain}"
    return contact


def _period(profile: Profile, rng: random.Random) -> dict | None:
    seen = rng.choice(profile.periods)
    if seen is None:
        return None
    start, has_end = seen
    year = int(start[:4]) + rng.randint(-3, 3)
    period: dict = {"start": f"{year}-{rng.randint(1, 12):02d}" if "-" in start else year}
    if has_end:
        period["end"] = year + rng.randint(1, 4)
    return period


def recommendations(profile: Profile, ids: list[str], seed: int = SEED) -> list[Synthetic]:
    """A few recommendations (about the square root of the practice count) citing practices."""
    rng = random.Random(seed + 1)
    writer = Writer(profile, rng)
    count = max(5, round(len(ids) ** 0.5))
    sources = sorted(set(profile.sources))
    out = []
    for number in range(1, count + 1):
        points, cited, status, words = rng.choice(profile.recommendation_shapes)
        title = writer.sentence(rng.randint(8, 20), end="")
        rec_id = f"{slug(title)[:50].strip('-') or 'recommendation'}-{number}"
        front: dict = {
            "id": rec_id,
            "title": title,
            "number": f"9.{number}",
            "source": rng.choice(sources),
        }
        if status:
            front["status"] = status
        if points:
            front["points"] = [writer.sentence(rng.randint(6, 25)) for _ in range(points)]
        front["practices"] = rng.sample(ids, min(len(ids), cited))
        paragraphs, left = [], max(words, 20)
        while left > 0:
            take = min(left, rng.randint(40, 120))
            paragraphs.append(writer.block(Block("p", _split(take, rng))))
            left -= take
        out.append(Synthetic(rec_id, front, "\n\n".join(paragraphs)))
    return out


def _split(words: int, rng: random.Random) -> tuple[int, ...]:
    lengths = []
    while words > 0:
        take = min(words, rng.randint(8, 30))
        lengths.append(take)
        words -= take
    return tuple(lengths)


def content_file(item: Synthetic) -> str:
    lines = ["---"]
    for key, value in item.front.items():
        lines.append(
            f"{key}: {_yaml(value)}"
            if not isinstance(value, (dict, list)) or _flat(value)
            else f"{key}:\n{_block_yaml(value)}"
        )
    return "\n".join(lines) + "\n---\n\n" + item.body + "\n"


def _flat(value) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) and slug(v) == v for v in value)


def _yaml(value) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(value) + "]"
    return str(value) if isinstance(value, int) else json.dumps(value, ensure_ascii=False)


def _block_yaml(value, indent: str = "  ") -> str:
    if isinstance(value, dict):
        return "\n".join(f"{indent}{k}: {_yaml(v)}" for k, v in value.items())
    lines = []
    for item in value:
        if isinstance(item, dict):
            first, *rest = _block_yaml(item, indent + "  ").split("\n")
            lines.append(f"{indent}- {first.strip()}")
            lines.extend(rest)
        else:
            lines.append(f"{indent}- {_yaml(item)}")
    return "\n".join(lines)


# -- the two project folders --------------------------------------------------------------


def write_handbook(
    target: Path, items: list[Synthetic], recs: list[Synthetic], repo: Path = REPO
) -> Path:
    """A complete project like the repository's: its mkdocs.yml and everything it names."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    shutil.copy2(repo / "mkdocs.yml", target / "mkdocs.yml")
    for name in sorted(set(_named_paths(repo / "mkdocs.yml")) | {"sources.yml", "schema"}):
        source = repo / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    for folder, group in (("practices", items), ("recommendations", recs)):
        (target / folder).mkdir(exist_ok=True)
        for item in group:
            (target / folder / f"{item.id}.md").write_text(content_file(item), encoding="utf-8")
    return target


class _AnyTagLoader(yaml.SafeLoader):
    """Reads a mkdocs.yml whatever tags it uses (!!python/name:…, !ENV); tagged values are None."""


_AnyTagLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def read_config(path: Path) -> dict:
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_AnyTagLoader)
    return data if isinstance(data, dict) else {}


def _named_paths(config: Path) -> list[str]:
    """The folders and files a mkdocs.yml names: docs_dir, hooks, the theme's custom_dir."""
    data = read_config(config)
    theme = data.get("theme") if isinstance(data.get("theme"), dict) else {}
    named = [data.get("docs_dir", "docs"), *(data.get("hooks") or []), theme.get("custom_dir")]
    return [str(Path(p).parts[0]) for p in named if isinstance(p, str) and p]


BASELINE_CONFIG = """\
# What a user would do without the handbook's pipeline: one Markdown page per
# practice with its facts as tags, built by mkdocs-material with its search and
# tags plugins and the default navigation (every page).
site_name: Cluster good practices (plain mkdocs-material)
use_directory_urls: false
theme:
  name: material
  language: en
  font: false
  features:
    - navigation.sections
    - navigation.indexes
    - toc.follow
markdown_extensions:
  - attr_list
  - toc
  - tables
  - admonition
plugins:
  - search
  - tags
"""
# The same with a navigation of two entries, the workaround for the quadratic build.
BASELINE_SHORT_NAV = """\
INHERIT: mkdocs.yml
nav:
  - Home: index.md
  - Tags: tags.md
"""


def write_baseline(target: Path, items: list[Synthetic]) -> Path:
    if target.exists():
        shutil.rmtree(target)
    docs = target / "docs"
    (docs / "practices").mkdir(parents=True)
    (target / "mkdocs.yml").write_text(BASELINE_CONFIG, encoding="utf-8")
    (target / "mkdocs-short-nav.yml").write_text(BASELINE_SHORT_NAV, encoding="utf-8")
    (docs / "index.md").write_text(
        f"# Cluster good practices\n\n{len(items)} practices; see the [tags](tags.md).\n",
        encoding="utf-8",
    )
    (docs / "tags.md").write_text("# Tags\n\n<!-- material/tags -->\n", encoding="utf-8")
    for item in items:
        (docs / "practices" / f"{item.id}.md").write_text(baseline_page(item), encoding="utf-8")
    return target


def baseline_page(item: Synthetic) -> str:
    front = item.front
    tags = [ECOSYSTEMS.get(e, e) for e in front["ecosystems"]]
    tags.append(COUNTRIES.get(front["country"], front["country"]))
    tags += [HELIX_ROLES[h] for h in front["helix"]]
    tags.append(CLUSTER_ROLES[front["cluster_role"]])
    tags += [THEMES[t] for t in front.get("themes", [])]
    facts = [
        f"- **Organisation:** {front['organisation']}",
        f"- **Country:** {COUNTRIES.get(front['country'], front['country'])}",
    ]
    if "region" in front:
        facts.append(f"- **Region:** {front['region']}")
    if "period" in front:
        facts.append(
            f"- **Period:** {front['period'].get('start')}"
            + (f" to {front['period']['end']}" if "end" in front["period"] else "")
        )
    contacts = front.get("contact")
    for contact in [contacts] if isinstance(contacts, dict) else contacts or []:
        facts.append("- **Contact:** " + " ".join(str(v) for v in contact.values()))
    head = "---\ntags:\n" + "".join(f"  - {json.dumps(t, ensure_ascii=False)}\n" for t in tags)
    return f"{head}---\n\n# {front['title']}\n\n" + "\n".join(facts) + "\n\n" + item.body + "\n"


@dataclass(frozen=True)
class Corpus:
    size: int
    handbook: Path
    baseline: Path


def generate(n: int, out: Path, seed: int = SEED, profile: Profile | None = None) -> Corpus:
    """Write handbook-<n>/ and baseline-<n>/ under `out`."""
    profile = profile or measure(load_handbook(REPO))
    items = practices(profile, n, seed)
    recs = recommendations(profile, [p.id for p in items], seed)
    return Corpus(
        n,
        write_handbook(out / f"handbook-{n}", items, recs),
        write_baseline(out / f"baseline-{n}", items),
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("size", type=int, help="number of practices")
    parser.add_argument("out", type=Path, help="folder for handbook-N/ and baseline-N/")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    corpus = generate(args.size, args.out, args.seed)
    print(f"{corpus.handbook}\n{corpus.baseline}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
