"""The practice file an issue form's answers describe, written and checked: what
`handbook from-issue` (cli/from_issue.py) and `handbook issue-to-pr` (issue_pr.py) do."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from site_builder.content import vocab_file
from site_builder.core.model import Problem
from site_builder.editors import scaffold
from site_builder.editors.issue_answers import in_the_form, practice_text, read_answers, to_practice
from site_builder.editors.issue_form import form_for


@dataclass
class Made:
    """What an issue's answers made: the practice file written and checked (`target`,
    its `text`), or the problems, told of the form's questions (nothing written)."""

    target: Path | None
    text: str
    problems: list[Problem]


def make_practice(body: str, root: Path, issue: str, source: str, folder: Path) -> Made:
    """The practice file the issue form's answers describe, written to `folder` and
    checked with the handbook at `root`; `issue` names the body in problems. Raises
    ContentError without vocabularies, FileExistsError when the practice exists."""
    form = form_for(vocab_file.load(root))
    answers = read_answers(body, form)
    draft = to_practice(answers, issue, source, form)
    if draft.problems:
        return Made(None, "", draft.problems)
    target = folder / f"{draft.front['id']}.md"
    if target.exists():
        raise FileExistsError(str(target))
    text = practice_text(draft.front, draft.sections)
    problems = scaffold.write_checked(root, target, text)
    if target.exists():
        return Made(target, text, problems)
    return Made(None, text, in_the_form(problems, text, answers, issue, form))
