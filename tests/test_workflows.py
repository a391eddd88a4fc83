"""The CI workflows do what the project promises, with the least access that works."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.y*ml"))


def load(name: str) -> dict[str, Any]:
    parsed: dict[Any, Any] = yaml.safe_load((ROOT / ".github" / "workflows" / name).read_text(encoding="utf-8"))
    # YAML 1.1 reads the bare key `on` as the boolean True.
    return {("on" if key is True else key): value for key, value in parsed.items()}


def steps(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def commands(workflow: dict[str, Any]) -> str:
    return "\n".join(step.get("run", "") for step in steps(workflow))


def test_workflows_exist() -> None:
    assert [path.name for path in WORKFLOWS] == ["pages.yml", "pr.yml"]


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_no_workflow_runs_on_pull_request_target(path: Path) -> None:
    assert "pull_request_target" not in path.read_text(encoding="utf-8")
    assert "pull_request_target" not in load(path.name)["on"]


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_actions_are_official_and_pinned_to_a_release(path: Path) -> None:
    for step in steps(load(path.name)):
        if "uses" in step:
            action, _, version = step["uses"].partition("@")
            assert action.startswith("actions/"), step["uses"]
            assert version.startswith("v") and version[1:].split(".")[0].isdigit(), step["uses"]


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_checkout_keeps_no_token(path: Path) -> None:
    for step in steps(load(path.name)):
        if step.get("uses", "").startswith("actions/checkout@"):
            assert step.get("with", {}).get("persist-credentials") is False


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_no_workflow_downloads_a_browser(path: Path) -> None:
    assert "playwright install" not in path.read_text(encoding="utf-8")


def test_pr_workflow_runs_on_pull_requests_with_read_only_token() -> None:
    pr = load("pr.yml")
    assert list(pr["on"]) == ["pull_request"]
    assert pr["permissions"] == {"contents": "read"}
    for job in pr["jobs"].values():
        assert job.get("permissions", {"contents": "read"}) == {"contents": "read"}


def test_pr_workflow_checks_builds_tests_and_bundles_in_order() -> None:
    run = commands(load("pr.yml"))
    expected = [
        "apt-get install -y -qq chromium chromium-driver",
        "briefing check --format github",
        "mkdocs build --strict",
        "python -m pytest",
        "make offline",
    ]
    positions = [run.find(command) for command in expected]
    assert -1 not in positions, dict(zip(expected, positions, strict=True))
    assert positions == sorted(positions)


def test_pr_workflow_uploads_the_offline_bundle() -> None:
    uploads = [step for step in steps(load("pr.yml")) if step.get("uses", "").startswith("actions/upload-artifact@")]
    bundle = [step["with"] for step in uploads if step["with"]["path"] == "dist/briefing-offline.zip"]
    assert bundle == [{"name": "briefing-offline", "path": "dist/briefing-offline.zip", "if-no-files-found": "error"}]


def test_pr_workflow_uses_python_3_11() -> None:
    setup = [step for step in steps(load("pr.yml")) if step.get("uses", "").startswith("actions/setup-python@")]
    assert [step["with"]["python-version"] for step in setup] == ["3.11"]


def test_pages_workflow_deploys_only_from_main() -> None:
    pages = load("pages.yml")
    assert pages["on"] == {"push": {"branches": ["main"]}}
    assert pages["permissions"] == {"contents": "read"}
    assert "mkdocs build --strict" in commands(pages)


def test_pages_write_access_is_limited_to_the_deploy_job() -> None:
    jobs = load("pages.yml")["jobs"]
    deploy = jobs["deploy"]
    assert deploy["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert [step["uses"].partition("@")[0] for step in deploy["steps"]] == ["actions/deploy-pages"]
    for name, job in jobs.items():
        if name != "deploy":
            assert "permissions" not in job, name
    uses = [step.get("uses", "") for step in steps(load("pages.yml"))]
    assert any(action.startswith("actions/upload-pages-artifact@") for action in uses)


def test_codeowners_cover_build_config_plugins_schemas_and_ci() -> None:
    owned = {
        line.split()[0]
        for line in (ROOT / ".github" / "CODEOWNERS").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    assert {"/mkdocs.yml", "/mkdocs-offline.yml", "/plugins/", "/schemas/", "/.github/"} <= owned
