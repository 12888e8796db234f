"""Convert a European Clusters Alliance good-practice guidebook into practice files.

The input is the text extracted from the guidebook's PDF.  Its practices are
numbered sections (``3.1.1 Title``) grouped in chapters (``3.1 Statement``),
each with a header of form fields (name of the cluster, country, industrial
ecosystem, contact) and four sections (Challenges, Stakeholders, Actions,
Results and benefits), every section heading followed by the form's prompt
question.  The chapter gives the cluster role; helix roles are inferred by
:mod:`.helix`.

Usage::

    python3 -m site_builder.editors.importers.eca_guidebook SOURCE.txt OUT_DIR \\
        [--source-key eca-2025]
"""

from __future__ import annotations

import argparse
import logging
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from site_builder.editors.importers import practice_file, vocabularies
from site_builder.editors.importers.helix import infer_helix
from site_builder.editors.importers.text_cleanup import (
    clean_text,
    is_list_item,
    normalise_whitespace,
)

log = logging.getLogger(__name__)

CHAPTER = re.compile(r"^(\d+\.\d+)\.?\s+([A-Z].*)$")
PRACTICE = re.compile(r"^(\d+\.\d+\.\d+)\.?\s+(\S.*)$")
TOC_ROW = re.compile(r"\t\s*\d*\s*(\t\s*\d*\s*)?$")

SECTIONS = {
    "challenges": "Challenges",
    "stakeholders": "Stakeholders",
    "actions": "Actions",
    "results and benefits": "Results",
    "results": "Results",
}
FIELDS = {
    "name of the cluster/association": "organisation",
    "country": "country",
    "industrial ecosystem": "ecosystem",
    "contact": "contact",
}
PROMPTS = (
    "what was the starting point? what did you intend to achieve and why?",
    "who was involved in the development of the good practice?",
    "what have you done? please make your description as concrete as possible.",
    "please describe the result/outcome/impact of your actions and why it is "
    "considered a success/good practice.",
)
# Where a practice's own text ends: what follows are lost links and logos.
END_OF_PRACTICE = "more information about the best practice"
# Running page headers of the guidebook.
PAGE_HEADERS = ("european clusters alliance",)


@dataclass
class Practice:
    number: str
    title: str
    chapter: str
    fields: dict[str, str] = field(default_factory=dict)
    contact_lines: list[str] = field(default_factory=list)
    sections: dict[str, list[str]] = field(default_factory=dict)


def _key(line: str) -> str:
    """A line reduced for comparison: no emphasis, case, colon or final full stop."""
    return re.sub(r"\s+", " ", line.replace("*", "")).strip().rstrip(":.").strip().lower()


def _label(line: str) -> tuple[str, str] | None:
    """(field, value on the same line) when the line opens a header field."""
    head, _, rest = line.partition(":")
    name = FIELDS.get(_key(head))
    return (name, rest.strip()) if name else None


def split_practices(text: str) -> list[Practice]:
    """The practices of the guidebook, their lines sorted into fields and sections."""
    practices: list[Practice] = []
    chapter, current, state = "", None, None
    for raw in text.replace("\r\n", "\n").split("\n"):
        if TOC_ROW.search(raw):
            continue
        line = normalise_whitespace(raw)
        if m := PRACTICE.match(line):
            current = Practice(m.group(1), m.group(2).strip(), chapter)
            practices.append(current)
            state = "title"
        elif m := CHAPTER.match(line):
            chapter, current, state = m.group(1), None, None
        elif current is not None and state is not None and state != "end":
            state = _feed(current, state, line)
    return practices


def _feed(practice: Practice, state: str, line: str) -> str:
    """Give one line to the practice being read; return the new reading state."""
    key = _key(line)
    if key.startswith(END_OF_PRACTICE) or (len(key) > 15 and END_OF_PRACTICE.startswith(key)):
        return "end"
    if key in SECTIONS:
        practice.sections.setdefault(SECTIONS[key], [])
        return "section:" + SECTIONS[key]
    if state.startswith("section:"):
        if key not in {_key(prompt) for prompt in PROMPTS}:
            practice.sections[state[8:]].append(line)
        return state
    if label := _label(line):
        name, value = label
        practice.fields[name] = value
        if name == "contact":
            return "contact"
        return "header" if value else name
    return _feed_header(practice, state, line)


def _feed_header(practice: Practice, state: str, line: str) -> str:
    if state == "title":
        if line.strip():
            practice.title += " " + line.strip()
        return state
    if state == "contact":
        practice.contact_lines.append(line)
        return state
    if state in FIELDS.values() and line.strip():
        value = practice.fields.get(state, "")
        practice.fields[state] = f"{value} {line.strip()}".strip()
        return state
    if state in FIELDS.values() and practice.fields.get(state):
        return "header"  # a blank line ends a field's value
    return state


def contacts(lines: list[str]) -> list[dict[str, str]]:
    """The people (names, e-mail, web site) of a contact block.

    The block ends at the first run of two blank lines: what follows is layout.
    A new name starts a new person; so does an e-mail address or a web site
    when the person already has one.
    """
    block = "\n".join(lines).strip("\n")
    block = re.split(r"\n\s*\n\s*\n", block)[0]
    block = re.sub(r"\[[^\]]*\]\((https?://[^)\s]+)\)", r"\1", block)  # link over 2 lines
    people: list[dict[str, str]] = []
    for raw in block.split("\n"):
        if not raw.strip():
            continue
        kind, value = practice_file.contact_item(raw)
        if not value:
            continue
        if not people or kind == "name" or kind in people[-1]:
            people.append({})
        people[-1][kind] = value
    return people


def _drops(practice: Practice):
    """A test for the paragraphs that are layout, not text: headers, the cluster's logo."""
    org = re.sub(r"\W", "", practice.fields.get("organisation", "")).lower()
    names = {org} | {
        re.sub(r"\W", "", part).lower()
        for part in re.split(r"/| - ", practice.fields.get("organisation", ""))
    }

    def drop(block: str) -> bool:
        flat = re.sub(r"\W", "", block).lower()
        return (
            _key(block) in PAGE_HEADERS
            or (bool(flat) and flat in names - {""})
            or _is_caption(block)
        )

    return drop


def _is_caption(block: str) -> bool:
    """A short paragraph all in capitals, not a sentence: a logo's text or a caption."""
    text = block.replace("*", "").strip()
    return (
        any(c.isalpha() for c in text)
        and text == text.upper()
        and not is_list_item(text)
        and not text.endswith((".", "!", "?", ":"))
        and len(text.split()) <= 12
    )


def to_file(practice: Practice, source_key: str, used_ids: set[str]) -> tuple[str, str]:
    drop = _drops(practice)
    body = {name: clean_text("\n".join(lines), drop) for name, lines in practice.sections.items()}
    for name in ("Challenges", "Stakeholders", "Actions", "Results"):
        if not body.get(name):
            log.warning("%s: no text for the section %s", practice.number, name)
    organisation = practice.fields.get("organisation", "").strip()
    other = "\n".join(body.get(n, "") for n in ("Challenges", "Actions", "Results"))
    front = {
        "id": practice_file.unique_slug(practice.title, used_ids),
        "title": practice.title.strip(),
        "organisation": organisation,
        "country": practice_file.country_code(practice.fields.get("country", "")),
        "ecosystems": practice_file.ecosystems(practice.fields.get("ecosystem", ""), organisation),
        "helix": infer_helix(body.get("Stakeholders", ""), organisation, other),
        "cluster_role": _role(practice.chapter),
        "contact": contacts(practice.contact_lines),
        "source": source_key,
        "source_section": practice.number,
    }
    for key in ("country", "ecosystems", "cluster_role"):
        if not front[key]:
            log.warning("%s: no %s found; fill it in by hand", practice.number, key)
    return f"{front['id']}.md", practice_file.render(front, body)


def _role(chapter: str) -> str | None:
    roles = {number: role for role, number in vocabularies().chapters().items()}
    return roles.get(chapter)


def convert(text: str, source_key: str) -> list[tuple[str, str]]:
    """(file name, file content) for every practice of the guidebook, in order."""
    used: set[str] = set()
    return [to_file(p, source_key, used) for p in split_practices(text)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python3 -m site_builder.editors.importers.eca_guidebook",
        description=__doc__.split("\n")[0],
    )
    parser.add_argument("source", type=Path, help="text extracted from the guidebook")
    parser.add_argument("out_dir", type=Path, help="folder for the practice files")
    parser.add_argument("--source-key", default="eca-2025", help="key of the source in sources.yml")
    args = parser.parse_args(argv)
    logging.basicConfig(format="%(levelname)s: %(message)s", level=logging.INFO)
    files = convert(args.source.read_text(encoding="utf-8"), args.source_key)
    args.out_dir.mkdir(parents=True, exist_ok=True)
    for name, content in files:
        (args.out_dir / name).write_text(content, encoding="utf-8", newline="\n")
    log.info("wrote %d practice files to %s", len(files), args.out_dir)
    return 0


if __name__ == "__main__":
    sys.exit(main())
