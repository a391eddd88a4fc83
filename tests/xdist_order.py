"""How `pytest -n 2 --dist loadfile` shares the suite between its two workers.

xdist's loadfile sends each test file whole to one worker, files with the most tests first. Here,
with the same command:

- the files that take longest start first (LONGEST, measured: `pytest -n 2 --dist loadfile
  --durations=0`), so that no long file is left to start when the other worker is nearly done;
- the files in SPREAD are sent one test, or one parametrisation, at a time, so that both workers
  share their minutes. Their costly inputs are built once per run whichever worker runs them
  (tests/shared_builds.py), and their session fixtures (a browser, a server) start once per worker.

Every other file goes whole to one worker, as loadfile always did, after the longest ones.
"""

from __future__ import annotations

import re

import pytest

# Longest first, as measured on a 2-core machine (seconds on one worker, idle machine; see the notes).
LONGEST = (
    "tests/test_init_project.py",
    "tests/browser/test_briefing_pages.py",
    "tests/browser/test_reader_journeys.py",
    "tests/test_schema_agreement.py",
    "tests/test_hostile_build.py",
    "tests/browser/test_search_accents.py",
    "tests/test_validators.py",
    "tests/test_serve_reload.py",
    "tests/test_content_invariants.py",
    "tests/test_demo_showcase.py",
    "tests/test_authoring.py",
    "tests/test_end_to_end.py",
)

# file -> how its tests are split: "test" (each test alone) or "param" (each parametrisation of the file's tests together).
SPREAD = {
    "tests/test_init_project.py": "test",
    "tests/browser/test_briefing_pages.py": "param",
    "tests/browser/test_reader_journeys.py": "param",
}

_PARAM = re.compile(r"\[(.*)\]$")


def scope_of(nodeid: str) -> str:
    """The unit of work a test goes in: its file, or for a SPREAD file the test or the parametrisation."""
    file = nodeid.split("::", 1)[0]
    split = SPREAD.get(file)
    if split == "test":
        return nodeid
    if split == "param":
        param = _PARAM.search(nodeid)
        return f"{file}[{param[1] if param else ''}]"
    return file


def rank(scope: str) -> int:
    file = scope.split("::", 1)[0].split("[", 1)[0]
    return LONGEST.index(file) if file in LONGEST else len(LONGEST)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: object) -> object:
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadFileScheduling

    class LongestFirst(LoadFileScheduling):  # type: ignore[misc]
        def _split_scope(self, nodeid: str) -> str:
            return scope_of(nodeid)

        def _assign_work_unit(self, node: object) -> None:
            # xdist hands out the first unit of its queue; put the longest one left there first.
            longest = min(self.workqueue, key=rank)  # min() keeps the queue's order among equals
            self.workqueue.move_to_end(longest, last=False)
            super()._assign_work_unit(node)

    return LongestFirst(config, log)
