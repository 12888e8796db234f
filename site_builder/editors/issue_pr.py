"""`handbook issue-to-pr`: the practice issue form becomes a pull request by itself.

The workflow .github/workflows/issue-form.yml runs this command when an issue with the
form's label is opened, edited or labelled. Everything it knows of the issue it reads
from the event's payload, the JSON file GitHub names in ``GITHUB_EVENT_PATH``: the issue's
text never passes through a shell. It then either

- writes the practice file that `handbook from-issue` makes of the answers, checks it
  with the handbook, and puts it on the branch ``practice/issue-<number>`` (made from the
  default branch the first time), opening the pull request that closes the issue, or
  updating it when the issue is edited (a renamed practice's old file is removed from
  the branch); the pull request's own checks (pr.yml) are then started on the branch, as
  a pull request opened with the workflow's token would not start them; or
- when the answers have problems, says so on the issue, each problem named by the form's
  question and the line of its answer, in one comment that later runs update.

GitHub is reached through its REST API (``GITHUB_API_URL``, ``GITHUB_REPOSITORY`` and
``GITHUB_TOKEN`` from the environment), with the standard library alone; the tests put a
recording stand-in of the API in its place.
"""

from __future__ import annotations

import base64
import json
import tempfile
import urllib.parse
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from site_builder.core.model import Location, Problem
from site_builder.core.project import PRACTICES
from site_builder.editors.from_issue import Made, make_practice
from site_builder.editors.scaffold import DEFAULT_SOURCE

LABEL = "practice"  # the form's label (.github/ISSUE_TEMPLATE/practice.yml)
ACTIONS = ("opened", "edited", "labeled", "reopened")
CHECKS = "pr.yml"  # the pull request's own checks, started on the branch
MARKER = "<!-- handbook issue-to-pr -->"  # the one comment this command writes and updates


class GitHubError(Exception):
    pass


@dataclass
class GitHub:
    """The few REST API calls the command makes, as JSON in and out."""

    api: str
    repository: str
    token: str

    def call(self, method: str, path: str, body: dict | None = None, ok404: bool = False) -> Any:
        import urllib.error  # only this command needs the network
        import urllib.request

        url = f"{self.api.rstrip('/')}/repos/{self.repository}/{path.lstrip('/')}"
        data = None if body is None else json.dumps(body).encode("utf-8")
        request = urllib.request.Request(url, data=data, method=method)
        request.add_header("Accept", "application/vnd.github+json")
        request.add_header("Authorization", f"Bearer {self.token}")
        request.add_header("X-GitHub-Api-Version", "2022-11-28")
        if data is not None:
            request.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                text = response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            if ok404 and error.code == 404:
                return None
            detail = error.read().decode("utf-8", "replace")[:500]
            raise GitHubError(f"{method} {path}: HTTP {error.code} {detail}") from None
        except urllib.error.URLError as error:
            raise GitHubError(f"{method} {path}: {error.reason}") from None
        return json.loads(text) if text.strip() else None


@dataclass(frozen=True)
class Issue:
    number: int
    title: str
    body: str
    url: str
    labels: tuple[str, ...]
    action: str
    default_branch: str

    @property
    def branch(self) -> str:
        return f"practice/issue-{self.number}"

    @classmethod
    def from_event(cls, event: dict) -> Issue:
        issue = event["issue"]
        return cls(
            number=int(issue["number"]),
            title=str(issue.get("title") or ""),
            body=str(issue.get("body") or ""),
            url=str(issue.get("html_url") or ""),
            labels=tuple(str(label.get("name")) for label in issue.get("labels") or ()),
            action=str(event.get("action") or ""),
            default_branch=str((event.get("repository") or {}).get("default_branch") or "main"),
        )


def propose(issue: Issue, root: Path) -> Made:
    """The practice file of the issue's answers, checked with the handbook at `root`,
    made in a folder of its own (the checkout is left as it was). A practice of the
    same name already in the handbook is a problem of the form's first question."""
    with tempfile.TemporaryDirectory() as folder:
        made = make_practice(
            issue.body, root, f"issue #{issue.number}", DEFAULT_SOURCE, Path(folder) / PRACTICES
        )
    if made.target is None:
        return made
    name = Path(PRACTICES) / made.target.name  # where the branch puts it
    if (root / name).exists():
        problem = Problem(
            Location(f"issue #{issue.number}", 1),
            f"a practice named `{made.target.stem}` is already in the handbook",
            field="title",
            hint="give the practice a name of its own in “Name of the practice”",
        )
        return Made(None, made.text, [problem])
    return Made(name, made.text, made.problems)


def problems_comment(issue: Issue, problems: list[Problem]) -> str:
    lines = [
        MARKER,
        "Thank you for proposing a practice. Before it can become a pull request, "
        "please edit the issue and correct these answers:",
        "",
    ]
    for problem in problems:
        line = problem.location.line
        lines.append(f"- {problem.text} (the answer at line {line} of the issue's text)")
    lines += ["", "This comment is updated each time the issue is edited."]
    return "\n".join(lines)


def opened_comment(number: int, updated: bool) -> str:
    done = "updated" if updated else "opened"
    return (
        f"{MARKER}\nThe practice is in pull request #{number} ({done} from the issue's "
        "answers). Its checks run there; edit this issue to change the practice."
    )


def _comment(github: GitHub, issue: Issue, text: str) -> None:
    comments = github.call("GET", f"issues/{issue.number}/comments?per_page=100") or []
    mine = [c for c in comments if MARKER in str(c.get("body", ""))]
    if mine:
        github.call("PATCH", f"issues/comments/{mine[0]['id']}", {"body": text})
    else:
        github.call("POST", f"issues/{issue.number}/comments", {"body": text})


def _branch(github: GitHub, issue: Issue) -> None:
    """The issue's branch, made from the default branch's head if it is not there."""
    quoted = urllib.parse.quote(issue.branch, safe="/")
    if github.call("GET", f"git/ref/heads/{quoted}", ok404=True) is not None:
        return
    base = github.call("GET", f"git/ref/heads/{urllib.parse.quote(issue.default_branch)}")
    github.call(
        "POST", "git/refs", {"ref": f"refs/heads/{issue.branch}", "sha": base["object"]["sha"]}
    )


def _put(github: GitHub, issue: Issue, path: str, text: str) -> None:
    quoted, branch = urllib.parse.quote(path), urllib.parse.quote(issue.branch, safe="")
    there = github.call("GET", f"contents/{quoted}?ref={branch}", ok404=True)
    body = {
        "message": f"Practice from issue #{issue.number}: {path}",
        "content": base64.b64encode(text.encode("utf-8")).decode("ascii"),
        "branch": issue.branch,
    }
    if there is not None:
        if base64.b64decode(there.get("content", "")) == text.encode("utf-8"):
            return  # an edit that changed nothing of the practice
        body["sha"] = there["sha"]
    github.call("PUT", f"contents/{quoted}", body)


def _remove_others(github: GitHub, issue: Issue, keep: str) -> None:
    """A practice renamed by an edit: its earlier file leaves the branch."""
    base = urllib.parse.quote(issue.default_branch, safe="")
    head = urllib.parse.quote(issue.branch, safe="")
    compared = github.call("GET", f"compare/{base}...{head}") or {}
    for changed in compared.get("files") or []:
        name = str(changed.get("filename", ""))
        if name.startswith(f"{PRACTICES}/") and name != keep and changed.get("status") == "added":
            github.call(
                "DELETE",
                f"contents/{urllib.parse.quote(name)}",
                {
                    "message": f"Practice from issue #{issue.number}: renamed to {keep}",
                    "sha": changed["sha"],
                    "branch": issue.branch,
                },
            )


def _pull_request(github: GitHub, issue: Issue, made: Made) -> tuple[int, bool]:
    owner = github.repository.split("/")[0]
    head = urllib.parse.quote(f"{owner}:{issue.branch}", safe="")
    found = github.call("GET", f"pulls?state=open&head={head}") or []
    title = f"Practice: {made.target.stem if made.target else issue.title}"
    body = (
        f"Closes #{issue.number}.\n\nMade by `handbook issue-to-pr` from the answers of "
        f"the practice issue form: {made.target}. Edit the issue to change it; review the "
        "practice here as any other."
    )
    if found:
        number = int(found[0]["number"])
        github.call("PATCH", f"pulls/{number}", {"title": title, "body": body})
        return number, True
    made_pr = github.call(
        "POST",
        "pulls",
        {"title": title, "head": issue.branch, "base": issue.default_branch, "body": body},
    )
    return int(made_pr["number"]), False


def run(event: dict, root: Path, github: GitHub) -> str:
    """Do what the event asks; returns what was done, in a sentence."""
    issue = Issue.from_event(event)
    if issue.action not in ACTIONS or LABEL not in issue.labels:
        return f"issue #{issue.number}: nothing to do ({issue.action}, labels {list(issue.labels)})"
    made = propose(issue, root)
    if made.target is None:
        _comment(github, issue, problems_comment(issue, made.problems))
        return f"issue #{issue.number}: {len(made.problems)} problem(s) told on the issue"
    path = made.target.as_posix()
    _branch(github, issue)
    _put(github, issue, path, made.text)
    _remove_others(github, issue, path)
    number, updated = _pull_request(github, issue, made)
    github.call("POST", f"actions/workflows/{CHECKS}/dispatches", {"ref": issue.branch})
    _comment(github, issue, opened_comment(number, updated))
    return f"issue #{issue.number}: pull request #{number} {'updated' if updated else 'opened'}"
