"""The `briefing` command behaves: a version, help on every option, documented exit codes, quiet on a closed pipe."""

from __future__ import annotations

import argparse
import importlib.metadata
import subprocess
import sys

from briefing.cli import EPILOG, build_parser
from conftest import LEADER_YML, Project


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
