"""The `briefing` command behaves: a version, help on every option, documented exit codes, quiet on a closed pipe."""

from __future__ import annotations

import argparse
import importlib.metadata
import os
import shutil
import subprocess
import sys
from pathlib import Path

from briefing.cli import EPILOG, build_parser
from conftest import LEADER_YML, Project
from hostile_fixtures import MKDOCS_YML, make_project


def briefing(project: Project, *args: str, stdout: int = subprocess.PIPE) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "briefing.cli", *args],
        cwd=project.root, stdout=stdout, stderr=subprocess.PIPE, text=True, timeout=120,
    )  # fmt: skip


def _parsers(parser: argparse.ArgumentParser) -> list[tuple[str, argparse.ArgumentParser]]:
    found = [(parser.prog, parser)]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                found.extend(_parsers(sub))
    return found


def test_every_option_and_argument_has_help() -> None:
    parsers = _parsers(build_parser())
    assert len(parsers) >= 6  # briefing and its five commands at least
    missing = [
        f"{prog} {'/'.join(action.option_strings) or action.dest}"
        for prog, parser in parsers
        for action in parser._actions
        if not (action.help or "").strip() and not isinstance(action, argparse._SubParsersAction)
    ]
    assert missing == []


def test_version_comes_from_the_package_metadata(project: Project) -> None:
    result = briefing(project, "--version")
    assert (result.returncode, result.stdout) == (0, f"briefing {importlib.metadata.version('briefing-site')}\n")


def test_help_documents_the_exit_codes_the_command_returns(small_project: Project) -> None:
    help_text = briefing(small_project, "--help").stdout
    assert help_text.endswith(EPILOG)
    documented = [int(line.split()[0]) for line in EPILOG.splitlines()[1:]]
    assert documented == [0, 1, 2, 141]

    assert briefing(small_project, "check").returncode == 0
    small_project.write(
        "briefings/leaders/kim-jong-un.yml", LEADER_YML.replace("as_of: 2023-09\n", "as_of: 2023-13\n", 1)
    )
    assert briefing(small_project, "check").returncode == 1
    refused = briefing(small_project, "new", "leader", "Kim Jong Un")
    assert (refused.returncode, refused.stderr) == (
        1, "briefings/leaders/kim-jong-un.yml already exists; not overwritten (edit it, or choose another id with --id)\n"
    )  # fmt: skip
    usage = briefing(small_project, "new", "planet", "Mars")
    assert usage.returncode == 2
    assert "invalid choice: 'planet'" in usage.stderr


def test_a_closed_pipe_ends_quietly_with_the_sigpipe_code(small_project: Project) -> None:
    # As `briefing mentions | head -0`: the reader is gone before the first line is written.
    process = subprocess.Popen(
        [sys.executable, "-m", "briefing.cli", "mentions"],
        cwd=small_project.root, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=120) == 141
    assert stderr == ""


def _run(root: Path, *args: str, **environ: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "briefing.cli", *args],
        cwd=root, capture_output=True, text=True, timeout=120, env={**os.environ, **environ},
    )  # fmt: skip


def test_a_project_without_its_schemas_gets_one_line_not_a_traceback(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    shutil.rmtree(root / "schemas")
    result = _run(root, "check")
    assert result.returncode == 1
    assert result.stdout == (
        "schemas: missing country.schema.json, leader.schema.json, organisation.schema.json, topic.schema.json, "
        "event.schema.json, source.schema.json: fact sheets and sources are checked against them; copy the schemas "
        "folder of a briefing project (briefing init writes one)\n"
    )
    assert "Traceback" not in result.stderr


def test_a_schema_file_that_is_not_json_is_named_with_its_line(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    (root / "schemas" / "leader.schema.json").write_text('{\n  "type": "object",\n}\n', encoding="utf-8")
    result = _run(root, "check")
    assert (result.returncode, result.stdout) == (
        1,
        "schemas/leader.schema.json:3:1: not valid JSON: Expecting property name enclosed in double quotes\n",
    )


def test_a_malformed_source_date_epoch_gets_one_line_not_a_traceback(tmp_path: Path) -> None:
    without_today = MKDOCS_YML.replace('  - briefing:\n      today: "2026-11-22"\n', "  - briefing\n")
    assert without_today != MKDOCS_YML
    root = make_project(tmp_path, {"mkdocs.yml": without_today})
    result = _run(root, "check", SOURCE_DATE_EPOCH="2024-01-01")
    assert (result.returncode, result.stdout, result.stderr) == (
        1, "", "SOURCE_DATE_EPOCH: expected whole seconds since 1970 like 1700000000, got '2024-01-01'\n"
    )  # fmt: skip
    assert _run(root, "check", SOURCE_DATE_EPOCH="1700000000").returncode == 0


def test_a_malformed_today_gets_one_line_not_a_traceback(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    result = _run(root, "review", "--today", "2024-13-01")
    assert (result.returncode, result.stderr) == (
        1,
        "today: expected a date like 2026-11-22, got '2024-13-01' "
        "(given by --today, or by the briefing plugin's today option in mkdocs.yml)\n",
    )
