"""The GitHub Actions workflows, checked here because they cannot run on this machine.

A pull request must be validated with annotations on the changed lines, built with the
README's build command, tested with the README's test command and leave a preview; main
must be built the same way and published. Every action is pinned to a commit.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from site_builder.editors import issue_pr

from .helpers.projects import PROJECT

WORKFLOWS = PROJECT / ".github" / "workflows"
PR = WORKFLOWS / "pr.yml"
PUBLISH = WORKFLOWS / "publish.yml"
ISSUE_FORM = WORKFLOWS / "issue-form.yml"
ALL = [PR, PUBLISH, ISSUE_FORM]
ALL_IDS = ["pr", "publish", "issue-form"]
BIN = Path(sys.executable).parent  # where this test run's `handbook` is
PINNED = re.compile(
    r"^\s*(?:- )?uses: [\w.-]+/[\w./-]+@(?:[0-9a-f]{40} # v\d+\.\d+\.\d+"
    r"|v\d+\.\d+\.\d+)$"
)


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def triggers(workflow: dict) -> dict:
    return workflow.get("on", workflow.get(True))  # YAML 1.1 reads the key `on` as true


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def step(workflow: dict, step_id: str) -> dict:
    found = [s for s in steps(workflow) if s.get("id") == step_id]
    assert len(found) == 1, f"one step with id {step_id}"
    return found[0]


def readme_commands() -> list[str]:
    """The commands of the README's first code block, without their comments."""
    text = (PROJECT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"^```[^\n]*\n(.*?)^```", text, re.S | re.M).group(1)
    return [line.split("#")[0].strip() for line in block.splitlines() if line.strip()]


def run_step(command: str, cwd: Path) -> subprocess.CompletedProcess:
    """Run a step's `run:` text as GitHub's bash does, with this checkout's `handbook`."""
    env = {"PATH": f"{BIN}:/usr/bin:/bin", "LANG": "C.UTF-8"}
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", command],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("path", ALL, ids=ALL_IDS)
def test_workflow_parses_and_has_jobs(path: Path) -> None:
    workflow = load(path)
    assert workflow["name"] and triggers(workflow) and workflow["jobs"]
    for job in workflow["jobs"].values():
        assert job["runs-on"] == "ubuntu-latest" and job["timeout-minutes"] > 0


@pytest.mark.parametrize("path", ALL, ids=ALL_IDS)
def test_every_action_is_pinned_to_a_commit_with_its_version(path: Path) -> None:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if "uses:" in line]
    assert len(lines) == sum("uses" in s for s in steps(load(path)))
    for line in lines:
        assert PINNED.match(line), f"not pinned to a commit or exact version: {line.strip()}"


def test_an_action_has_the_same_pin_in_every_workflow() -> None:
    pins: dict[str, set[str]] = {}
    for path in ALL:
        for s in steps(load(path)):
            if "uses" in s:
                action, ref = s["uses"].split("@")
                pins.setdefault(action, set()).add(ref)
    assert all(len(refs) == 1 for refs in pins.values()), pins


def test_readme_has_the_two_commands() -> None:
    assert readme_commands() == ["python3 dev.py build", "python3 dev.py test"]


def test_pull_requests_build_and_test_with_the_readme_commands() -> None:
    build, test = readme_commands()
    workflow = load(PR)
    assert "pull_request" in triggers(workflow)
    assert step(workflow, "build")["run"] == build
    assert step(workflow, "test")["run"] == test
    uses = [s.get("uses", "").split("@")[0] for s in steps(workflow)]
    assert uses.index("actions/checkout") < uses.index("actions/setup-python")
    python = next(s for s in steps(workflow) if "setup-python" in s.get("uses", ""))
    assert python["with"]["python-version"] == "3.11"


def test_only_the_readme_commands_build_or_test() -> None:
    """No step runs mkdocs or pytest some other way than the README says."""
    allowed = set(readme_commands())
    for path in ALL:
        for s in steps(load(path)):
            run = s.get("run", "")
            if re.search(r"dev\.py|mkdocs|pytest", run):
                assert run in allowed, f"{path.name}: {run}"


def test_validation_comes_after_installing_and_before_building() -> None:
    ids = [s.get("id") for s in steps(load(PR))]
    assert ids.index("install") < ids.index("validate") < ids.index("build")
    install = step(load(PR), "install")["run"]
    assert "pip install --require-hashes --no-deps -r requirements.lock" in install
    assert "pip install --no-deps --no-build-isolation -e ." in install
    assert "--format github" in step(load(PR), "validate")["run"]


def test_the_preview_is_the_built_site() -> None:
    workflow = load(PR)
    upload = next(s for s in steps(workflow) if "upload-artifact" in s.get("uses", ""))
    assert upload["with"]["path"].rstrip("/") == "site"
    assert "steps.build.outcome == 'success'" in upload["if"]  # even when a test fails
    assert workflow["permissions"] == {"contents": "read"}


def test_the_validation_step_annotates_a_bad_file(corpus: Path) -> None:
    bad = corpus / "practices" / "bad-practice.md"
    bad.write_text(
        (corpus / "practices" / "ribes-nest-veneto.md")
        .read_text()
        .replace("id: ribes-nest-veneto", "id: bad-practice")
        .replace("country: IT", "country: XZ")
        .replace("## Results", "## Outcomes"),
        encoding="utf-8",
    )
    done = run_step(step(load(PR), "validate")["run"], corpus)
    assert done.returncode == 1, done.stderr
    annotations = [line for line in done.stdout.splitlines() if line.startswith("::")]
    assert annotations == [
        "::error file=practices/bad-practice.md,line=5,col=10,title=Handbook%3A country::"
        "`XZ` is not an ISO 3166-1 country code (use the two-letter code, such as IT for "
        "Italy or NO for Norway)",
        "::error file=practices/bad-practice.md,line=33,col=1,title=Handbook%3A content::"
        "unknown section `## Outcomes` (allowed sections: `## Challenges`, `## Stakeholders`, "
        "`## Actions`, `## Results`, `## Resources needed`, `## Evidence of success`, "
        "`## Difficulties encountered`, `## Potential for learning or transfer`)",
        "::error file=practices/bad-practice.md,line=36,col=1,title=Handbook%3A content::"
        "the required section `## Results` is missing",
    ]
    assert all(re.match(r"::error file=[^,]+,line=\d+,", a) for a in annotations)


def test_the_validation_step_passes_a_valid_tree(corpus: Path) -> None:
    done = run_step(step(load(PR), "validate")["run"], corpus)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "::error" not in done.stdout
    assert done.stdout.strip() == "2 file(s) checked: all valid"


def test_main_is_built_with_the_readme_command_and_published_to_pages() -> None:
    build, _ = readme_commands()
    workflow = load(PUBLISH)
    assert triggers(workflow)["push"]["branches"] == ["main"]
    assert step(workflow, "build")["run"] == build
    jobs = workflow["jobs"]
    uses = [s.get("uses", "").split("@")[0] for s in jobs["build"]["steps"]]
    # a job's own permissions replace the workflow's: configure-pages needs pages: read
    assert jobs["build"]["permissions"] == {"contents": "read", "pages": "read"}
    assert uses.index("actions/configure-pages") < uses.index("actions/upload-pages-artifact")
    upload = next(s for s in jobs["build"]["steps"] if "upload-pages" in s.get("uses", ""))
    assert upload["with"]["path"].rstrip("/") == "site"
    deploy = jobs["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["steps"][-1]["uses"].startswith("actions/deploy-pages@")
    assert workflow["concurrency"] == {"group": "pages", "cancel-in-progress": False}


def test_editors_are_told_the_name_of_the_check_github_shows() -> None:
    workflow = load(PR)
    check = f"{workflow['name']} / {workflow['jobs']['check']['name']}"
    for guide in (".github/pull_request_template.md", "CONTRIBUTING.md"):
        assert check in (PROJECT / guide).read_text(encoding="utf-8"), guide
    upload = next(s for s in steps(workflow) if "upload-artifact" in s.get("uses", ""))
    assert f"**{upload['with']['name']}**" in (PROJECT / "CONTRIBUTING.md").read_text()


# -- the issue form's workflow ---------------------------------------------------------


def test_every_workflow_file_is_checked_here() -> None:
    assert sorted(WORKFLOWS.glob("*.yml")) == sorted(ALL)


@pytest.mark.parametrize("path", ALL, ids=ALL_IDS)
def test_no_expression_is_put_into_a_shell_line(path: Path) -> None:
    """`${{ … }}` in `run:` is pasted into the script before bash reads it: an issue's
    title or body there would run as commands. Values reach a step through env: only."""
    for s in steps(load(path)):
        assert "${{" not in s.get("run", ""), f"{path.name}: {s.get('name')}"


@pytest.mark.parametrize("path", ALL, ids=ALL_IDS)
def test_every_job_asks_for_no_more_than_it_declares(path: Path) -> None:
    workflow = load(path)
    assert "permissions" in workflow  # the default token's rights are never taken whole
    for s in steps(workflow):
        if "actions/checkout" in s.get("uses", ""):
            assert s["with"]["persist-credentials"] is False


def test_the_issue_form_workflow_runs_the_tested_command_with_least_rights() -> None:
    workflow = load(ISSUE_FORM)
    assert triggers(workflow) == {"issues": {"types": ["opened", "edited", "labeled", "reopened"]}}
    assert workflow["permissions"] == {}
    [job] = workflow["jobs"].values()
    assert job["permissions"] == {
        "contents": "write",
        "pull-requests": "write",
        "issues": "write",
        "actions": "write",
    }
    form = yaml.safe_load((PROJECT / ".github/ISSUE_TEMPLATE/practice.yml").read_text())
    assert form["labels"] == [issue_pr.LABEL]
    assert f"'{issue_pr.LABEL}'" in job["if"]
    propose = step(workflow, "propose")
    assert propose["run"] == "handbook issue-to-pr"
    assert propose["env"] == {"GITHUB_TOKEN": "${{ secrets.GITHUB_TOKEN }}"}
    assert step(workflow, "install")["run"] == step(load(PR), "install")["run"]
    assert workflow["concurrency"]["cancel-in-progress"] is False


def test_the_pull_requests_checks_can_be_started_on_the_issues_branch() -> None:
    """A pull request opened with a workflow's token starts no workflow; issue-to-pr
    starts pr.yml by its file name on the branch, so pr.yml must accept that."""
    pr = load(PR)
    assert PR.name == issue_pr.CHECKS
    assert "workflow_dispatch" in triggers(pr)
    assert "github.event.pull_request.number || github.ref" in pr["concurrency"]["group"]
