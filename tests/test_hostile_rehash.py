"""Case 23 of issue 5: a source whose text changed after its quotes were verified, and `briefing rehash`."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.cli import with_sha256
from hostile_fixtures import SOURCE, check, make_project, run_cli

DIGEST = "d6e8872f6325d00df280be8e7c864fcbc3136a9ee36ff064b7866d2a1a880c67"
"""The hash of the base source's text (hostile_fixtures.SOURCE)."""
OLD = "0" * 64
CHANGED_TEXT = ("met Putin in Vladivostok.", "met Putin at the Vostochny cosmodrome.")


def rehash(root: Path, source_id: str = "wire") -> tuple[int, list[str]]:
    return run_cli(root, "rehash", source_id)


def test_rehash_adds_the_sha256_line_and_changes_nothing_else(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    assert rehash(root) == (0, [f"sources/wire.md: sha256: {DIGEST}"])
    after = (root / "sources/wire.md").read_text(encoding="utf-8")
    assert after == SOURCE.replace("language: en\n---\n", f"language: en\nsha256: {DIGEST}\n---\n")
    assert check(root) == (0, [])
    assert rehash(root) == (0, [f"sources/wire.md: sha256: {DIGEST}"])  # a second run changes nothing
    assert (root / "sources/wire.md").read_text(encoding="utf-8") == after


def test_changed_text_is_reported_then_recorded_by_rehash(tmp_path: Path) -> None:
    recorded = SOURCE.replace("language: en\n", f"language: en\nsha256: {DIGEST}\n")
    root = make_project(tmp_path, {"sources/wire.md": recorded.replace(*CHANGED_TEXT)})
    code, lines = check(root)
    assert code == 1
    assert lines == [
        "sources/wire.md: sha256: the article text changed since its quotes were verified (recorded d6e8872f6325…, "
        "now edf97d69d37e…); check the citations of this source, then run: briefing rehash wire"
    ]
    new = "edf97d69d37e53ad0bc5324005afae35f6f54f2e55cfb99c42c533170f772471"
    assert rehash(root) == (0, [f"sources/wire.md: sha256: {new}"])
    assert f"sha256: {new}\n" in (root / "sources/wire.md").read_text(encoding="utf-8")
    assert check(root) == (0, [])


def test_rehash_refuses_while_a_quote_of_the_source_is_broken(tmp_path: Path) -> None:
    broken = SOURCE.replace("armoured train", "armoured convoy")
    root = make_project(tmp_path, {"sources/wire.md": broken})
    assert rehash(root) == (
        1,
        [
            "briefings/countries/north-korea.yml:8:16: facts[0].citations[0].quote: quote not found in "
            "sources/wire.md; closest passage (paragraph 1, 83% alike): 'travelled to Russia by armoured convoy'"
        ],
    )
    assert (root / "sources/wire.md").read_text(encoding="utf-8") == broken


def test_rehash_refuses_a_source_with_problems_of_its_own(tmp_path: Path) -> None:
    bad = SOURCE.replace("url: https://example.com/kim-putin", "url: javascript:alert(1)")
    root = make_project(tmp_path, {"sources/wire.md": bad})
    assert rehash(root) == (
        1,
        ["sources/wire.md:5:6: url: expected an http://, https:// or mailto: address, got 'javascript:alert(1)'"],
    )
    assert (root / "sources/wire.md").read_text(encoding="utf-8") == bad


@pytest.mark.parametrize(
    ("source_id", "message"),
    [
        ("../../etc/passwd", "sources/../../etc/passwd.md: id: file name '../../etc/passwd' is not a valid id; "
                             "expected lower-case words joined by hyphens"),
        ("/etc/x", "sources//etc/x.md: id: file name '/etc/x' is not a valid id; expected lower-case words joined by hyphens"),
        ("con", "sources/con.md: id: 'con' is a reserved name; choose another file name"),
        ("no-such-source", "sources/no-such-source.md: no such source file"),
    ],
)  # fmt: skip
def test_rehash_refuses_ids_that_are_not_a_source(tmp_path: Path, source_id: str, message: str) -> None:
    assert rehash(make_project(tmp_path), source_id) == (1, [message])


def test_rehash_keeps_crlf_and_the_byte_order_mark(tmp_path: Path) -> None:
    raw = (
        b"\xef\xbb\xbf"
        + SOURCE.replace("language: en\n", f"language: en\nsha256: '{OLD}'\n").replace("\n", "\r\n").encode()
    )
    root = make_project(tmp_path, {"sources/wire.md": raw})
    assert rehash(root)[0] == 0
    assert (root / "sources/wire.md").read_bytes() == raw.replace(
        f"sha256: '{OLD}'".encode(), f"sha256: {DIGEST}".encode()
    )


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("---\na: 1\n---\ntext\n", f"---\na: 1\nsha256: {DIGEST}\n---\ntext\n"),
        (f"---\nsha256: {OLD}\na: 1\n---\ntext\n", f"---\nsha256: {DIGEST}\na: 1\n---\ntext\n"),
        (f"---\nsha256:   '{OLD}'  # verified\n---\n", f"---\nsha256: {DIGEST}\n---\n"),
        (f"---\nsha256: >-\n  {OLD}\na: 1\n---\n", f"---\nsha256: {DIGEST}\na: 1\n---\n"),
        (f"---\nnote: 'sha256: {OLD}'\n---\n", f"---\nnote: 'sha256: {OLD}'\nsha256: {DIGEST}\n---\n"),
        ("---\r\na: 1\r\n---\r\nsha256: body text\r\n", f"---\r\na: 1\r\nsha256: {DIGEST}\r\n---\r\nsha256: body text\r\n"),
    ],
)  # fmt: skip
def test_with_sha256_writes_only_the_sha256_line(before: str, after: str) -> None:
    assert with_sha256(before.encode(), DIGEST) == after.encode()
