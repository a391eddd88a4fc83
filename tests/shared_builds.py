"""Builds the whole test run makes once and many tests only read.

`once(factory, name, build)` runs `build(folder)` at most once per `pytest` run, also with `-n 2`:
the first xdist worker to ask builds under a file lock in the run's own temporary folder, and the
other worker waits for the lock and reads what the first left there (the folder, and the exit code
and output of each command it ran). A build that raised leaves nothing behind, so the next one to
ask builds again and meets the same error.

Tests only read these folders. A test that edits a project or a site builds or copies its own.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

Results = list[subprocess.CompletedProcess[str]]


def run_folder(factory: pytest.TempPathFactory) -> Path:
    """This run's temporary folder, the same for every xdist worker (each works in a popen-gwN inside it)."""
    base = factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def once(factory: pytest.TempPathFactory, name: str, build: Callable[[Path], Results]) -> tuple[Path, Results]:
    """The folder `build` filled for `name`, and the commands it ran: built now, or by whoever asked first."""
    shared = run_folder(factory) / "shared"
    shared.mkdir(exist_ok=True)
    folder, record = shared / name, shared / f"{name}.json"
    with (shared / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes, also if the build raises
        if not record.exists():
            if folder.exists():
                shutil.rmtree(folder)  # left by a build that raised
            folder.mkdir()
            results = build(folder)
            saved = [[[str(a) for a in r.args], r.returncode, r.stdout, r.stderr] for r in results]
            record.write_text(json.dumps(saved), encoding="utf-8")
    loaded = json.loads(record.read_text(encoding="utf-8"))
    return folder, [subprocess.CompletedProcess(args, code, out, err) for args, code, out, err in loaded]
