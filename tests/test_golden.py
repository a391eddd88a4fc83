"""Golden cases: hostile input trees, kept as data files, with the exact lines `briefing check` prints.

Each folder in tests/golden/ holds files laid over the valid base project of hostile_fixtures
(same paths: briefings/..., sources/...) and `expected.txt`, the problem lines a contributor
sees, in order. An empty `expected.txt` means the input must be accepted as it is.

To see what a case prints now: `.venv/bin/python tests/test_golden.py <case>`.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from hostile_fixtures import check, make_project

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(p.name for p in GOLDEN.iterdir() if p.is_dir())


def case_files(case: str) -> dict[str, str | bytes | None]:
    folder = GOLDEN / case
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != "expected.txt"
    }


def expected_lines(case: str) -> list[str]:
    return (GOLDEN / case / "expected.txt").read_text(encoding="utf-8").splitlines()


@pytest.mark.parametrize("case", CASES)
def test_golden_case(case: str, tmp_path: Path) -> None:
    root = make_project(tmp_path, case_files(case))
    code, lines = check(root)
    expected = expected_lines(case)
    assert lines == expected
    assert code == (1 if expected else 0)


def test_every_case_has_its_expectation() -> None:
    assert CASES, "no golden cases found"
    missing = [case for case in CASES if not (GOLDEN / case / "expected.txt").is_file()]
    assert not missing


if __name__ == "__main__":
    import tempfile

    for name in sys.argv[1:] or CASES:
        with tempfile.TemporaryDirectory() as temp:
            print(f"== {name}")
            print("\n".join(check(make_project(Path(temp), case_files(name)))[1]))
