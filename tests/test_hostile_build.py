"""A failed build costs nothing, two builds are the same bytes (cases 20-22 of issue 5), and serve still works."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from briefing.publish.bundle import write_bundle
from hostile_fixtures import (
    COUNTRY,
    copy_demo,
    leftovers,
    log_lines,
    make_project,
    mkdocs_build,
    tree_bytes,
    tree_state,
)

pytestmark = pytest.mark.slow

GOOD_PAGE = """\
# About

See [the leader's role](leaders/kim-jong-un.md#role-1) and [the country](countries/north-korea.md).
"""

BROKEN_LINKS = """\
# About

See [a page that is gone](missing.md) and [an anchor that is not there](leaders/kim-jong-un.md#no-such-anchor).
"""

CRASH_HOOK = """\
written = []


def on_post_page(output, page, config):
    written.append(page.file.src_uri)
    if len(written) == 3:
        raise RuntimeError(f"plugin crashed half-way, after writing {written[:2]}")
    return output
"""


@pytest.fixture
def built(tmp_path: Path) -> Path:
    """A project whose site was built once, successfully: the site a failed build must not touch."""
    root = make_project(tmp_path, {"briefings/about.md": GOOD_PAGE})
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    assert log_lines(result, "WARNING") == []
    assert (root / "site" / "about" / "index.html").is_file()
    return root


def assert_previous_site_intact(root: Path, before: dict[str, tuple[str, int]]) -> None:
    assert tree_state(root / "site") == before
    assert leftovers(root) == []


def test_broken_link_and_anchor_fail_the_strict_build_and_keep_the_site(built: Path) -> None:
    """Case 20, and the strict abort MkDocs raises after post_build: the previous site stays."""
    before = tree_state(built / "site")
    (built / "briefings" / "about.md").write_text(BROKEN_LINKS, encoding="utf-8")
    result = mkdocs_build(built)
    assert result.returncode == 1
    assert log_lines(result, "WARNING") == [
        "WARNING: Doc file 'about.md' contains a link 'missing.md', but the target is not found among "
        "documentation files.",
        "WARNING: Doc file 'about.md' contains a link 'leaders/kim-jong-un.md#no-such-anchor', but the doc "
        "'leaders/kim-jong-un.md' does not contain an anchor '#no-such-anchor'.",
    ]
    assert "Aborted with 2 warnings in strict mode!" in result.stdout + result.stderr
    assert_previous_site_intact(built, before)


def test_plugin_crash_half_way_keeps_the_previous_site(built: Path) -> None:
    """Case 21: a plugin raises after two pages were written; none of them reaches site/."""
    before = tree_state(built / "site")
    (built / "crash.py").write_text(CRASH_HOOK, encoding="utf-8")
    config = (built / "mkdocs.yml").read_text(encoding="utf-8")
    (built / "mkdocs.yml").write_text(config + "hooks: [crash.py]\n", encoding="utf-8")
    result = mkdocs_build(built)
    assert result.returncode == 1
    assert "RuntimeError: plugin crashed half-way, after writing" in result.stderr
    assert_previous_site_intact(built, before)


def test_content_error_keeps_the_previous_site(built: Path) -> None:
    before = tree_state(built / "site")
    sheet = built / "briefings" / "countries" / "north-korea.yml"
    sheet.write_text(COUNTRY.replace("name: North Korea", "name: NO"), encoding="utf-8")
    result = mkdocs_build(built)
    assert result.returncode == 1
    assert log_lines(result, "ERROR")[0] == (
        "ERROR: briefing: briefings/countries/north-korea.yml:1:7: name: expected a string, got unquoted NO "
        "(YAML reads it as a true/false value); put it in quotes: 'NO'"
    )
    assert_previous_site_intact(built, before)


def test_a_successful_build_replaces_the_site_whole(built: Path) -> None:
    stale = built / "site" / "stale.html"
    stale.write_text("left from an older build", encoding="utf-8")
    (built / "briefings" / "about.md").unlink()
    result = mkdocs_build(built)
    assert result.returncode == 0, result.stderr
    assert not stale.exists()
    assert not (built / "site" / "about").exists()
    assert (built / "site" / "leaders" / "kim-jong-un" / "index.html").is_file()
    assert leftovers(built) == []


# --- case 22: byte-identical builds ---------------------------------------------------------------------------------


def build_both_editions(root: Path, seed: str) -> list[subprocess.Popen[str]]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONHASHSEED": seed, "SOURCE_DATE_EPOCH": "1767225600"}
    commands = [
        ["build", "--strict", "-d", str(root / "out-site")],
        ["build", "--strict", "-f", "mkdocs-offline.yml", "-d", str(root / "out-offline")],
    ]
    return [
        subprocess.Popen([sys.executable, "-m", "mkdocs", *c], cwd=root, env=env, text=True,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for c in commands
    ]  # fmt: skip


def test_two_builds_in_different_orders_and_hash_seeds_are_byte_identical(tmp_path: Path) -> None:
    first = copy_demo(tmp_path / "first", reverse=False, mtime=1_600_000_000)
    second = copy_demo(tmp_path / "second", reverse=True, mtime=1_700_000_000)
    running = build_both_editions(first, "1") + build_both_editions(second, "4242")
    for process in running:
        _, stderr = process.communicate(timeout=300)
        assert process.returncode == 0, stderr
    # Material's offline plugin writes the inlined index at post_build, before the site is swapped in.
    assert (first / "out-offline" / "search" / "search_index.js").is_file()
    assert leftovers(first) == leftovers(second) == []
    for edition in ("out-site", "out-offline"):
        a, b = tree_bytes(first / edition), tree_bytes(second / edition)
        assert sorted(a) == sorted(b)
        assert [name for name in a if a[name] != b[name]] == []
    epoch = 1_767_225_600
    write_bundle(first / "out-offline", tmp_path / "first.zip", epoch=epoch)
    write_bundle(second / "out-offline", tmp_path / "second.zip", epoch=epoch)
    assert (tmp_path / "first.zip").read_bytes() == (tmp_path / "second.zip").read_bytes()


# --- mkdocs serve keeps working ------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return str(response.read().decode("utf-8"))


def wait_for(condition: object, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if callable(condition) and condition():
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError("timed out")


def test_serve_recovers_from_a_broken_rebuild(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    log = (tmp_path / "serve.log").open("w+", encoding="utf-8")
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}/briefing/countries/north-korea/"
    try:
        wait_for(lambda: "A country in East Asia." in fetch(url), timeout=180)  # a whole first build; only a hang fails
        sheet = root / "briefings" / "countries" / "north-korea.yml"
        sheet.write_text(COUNTRY.replace("summary: A country in East Asia.", "summary: no"), encoding="utf-8")
        wait_for(lambda: "problem(s) in the content" in (tmp_path / "serve.log").read_text(encoding="utf-8"))
        # Meanwhile serve shows the last good build with the problems (tests/test_serve_reload.py).
        sheet.write_text(COUNTRY.replace("A country in East Asia.", "A rebuilt summary."), encoding="utf-8")
        wait_for(lambda: "A rebuilt summary." in fetch(url))
    finally:
        server.send_signal(signal.SIGINT)  # as Ctrl-C: serve removes its own temporary folder
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()  # never leave a server behind, even when the test fails
            server.wait(timeout=10)
            raise
        finally:
            log.close()
    assert leftovers(root) == []
