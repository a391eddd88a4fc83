"""safe_build.AtomicSite without MkDocs: when the new site replaces the old one, and when it must not."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.publish import safe_build
from briefing.publish.safe_build import AtomicSite, remove_abandoned
from hostile_fixtures import tree_state

log = logging.getLogger("mkdocs.plugins.briefing.test")


def old_site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    (site / "leaders").mkdir(parents=True)
    (site / "index.html").write_text("old home", encoding="utf-8")
    (site / "leaders" / "index.html").write_text("old leaders", encoding="utf-8")
    return site


def siblings(tmp_path: Path) -> list[str]:
    return sorted(p.name for p in tmp_path.iterdir())


def test_success_swaps_the_new_site_in_and_leaves_nothing_behind(tmp_path: Path) -> None:
    site = old_site(tmp_path)
    atomic = AtomicSite(site, strict=True)
    temp = atomic.start()
    assert temp.parent == tmp_path and temp.name.startswith(f".site-building-{os.getpid()}-")
    (temp / "index.html").write_text("new home", encoding="utf-8")
    assert (site / "index.html").read_text(encoding="utf-8") == "old home"  # untouched while building
    assert atomic.finish() is True
    assert tree_state(site).keys() == {"index.html"}
    assert (site / "index.html").read_text(encoding="utf-8") == "new home"
    assert siblings(tmp_path) == ["site"]


def test_first_build_creates_the_site_folder(tmp_path: Path) -> None:
    atomic = AtomicSite(tmp_path / "out" / "site", strict=False)
    (atomic.start() / "index.html").write_text("new", encoding="utf-8")
    assert atomic.finish() is True
    assert (tmp_path / "out" / "site" / "index.html").read_text(encoding="utf-8") == "new"
    assert siblings(tmp_path / "out") == ["site"]


def test_a_warning_in_strict_mode_keeps_the_old_site(tmp_path: Path) -> None:
    site = old_site(tmp_path)
    before = tree_state(site)
    atomic = AtomicSite(site, strict=True)
    (atomic.start() / "index.html").write_text("new home", encoding="utf-8")
    log.warning("a broken link")
    assert atomic.finish() is False
    assert tree_state(site) == before
    assert siblings(tmp_path) == ["site"]


def test_a_warning_without_strict_mode_does_not_stop_the_swap(tmp_path: Path) -> None:
    site = old_site(tmp_path)
    atomic = AtomicSite(site, strict=False)
    (atomic.start() / "index.html").write_text("new home", encoding="utf-8")
    log.warning("a broken link")
    assert atomic.finish() is True
    assert (site / "index.html").read_text(encoding="utf-8") == "new home"


def test_warnings_before_the_build_started_are_not_counted(tmp_path: Path) -> None:
    log.warning("from an earlier build in the same process")
    atomic = AtomicSite(old_site(tmp_path), strict=True)
    (atomic.start() / "index.html").write_text("new home", encoding="utf-8")
    assert atomic.finish() is True


def test_discard_removes_the_temporary_folder_only(tmp_path: Path) -> None:
    site = old_site(tmp_path)
    before = tree_state(site)
    atomic = AtomicSite(site, strict=True)
    (atomic.start() / "index.html").write_text("half written", encoding="utf-8")
    atomic.discard()
    assert tree_state(site) == before
    assert siblings(tmp_path) == ["site"]
    assert atomic.finish() is False  # nothing left to swap in


def test_dirty_build_starts_from_a_copy_of_the_site(tmp_path: Path) -> None:
    site = old_site(tmp_path)
    atomic = AtomicSite(site, strict=False, dirty=True)
    temp = atomic.start()
    assert tree_state(temp).keys() == {"index.html", "leaders/index.html"}
    (temp / "index.html").write_text("rebuilt home", encoding="utf-8")
    assert atomic.finish() is True
    assert (site / "leaders" / "index.html").read_text(encoding="utf-8") == "old leaders"
    assert (site / "index.html").read_text(encoding="utf-8") == "rebuilt home"


def test_the_new_site_keeps_the_permissions_of_the_old(tmp_path: Path) -> None:
    site = old_site(tmp_path)
    site.chmod(0o755)
    atomic = AtomicSite(site, strict=False)
    atomic.start()
    atomic.finish()
    assert site.stat().st_mode & 0o777 == 0o755


def test_a_site_folder_that_cannot_be_moved_gets_its_contents_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A mount point cannot be renamed: the new files are moved into it instead."""
    site = old_site(tmp_path)
    atomic = AtomicSite(site, strict=False)
    (atomic.start() / "index.html").write_text("new home", encoding="utf-8")
    real_rename = os.rename

    def rename(src: object, dst: object) -> None:
        if Path(str(src)) == site:
            raise OSError(16, "Device or resource busy")
        real_rename(str(src), str(dst))

    monkeypatch.setattr(safe_build.os, "rename", rename)
    monkeypatch.setattr(safe_build, "exchange", lambda first, second: False)  # renameat2 fails with EBUSY too
    assert atomic.finish() is True
    assert tree_state(site).keys() == {"index.html"}
    assert (site / "index.html").read_text(encoding="utf-8") == "new home"
    assert siblings(tmp_path) == ["site"]


def test_folders_of_builds_that_were_killed_are_removed(tmp_path: Path) -> None:
    site = old_site(tmp_path)
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead_pid = int(dead.stdout)
    abandoned = tmp_path / f".site-building-{dead_pid}-0badc0de"
    abandoned.mkdir()
    (abandoned / "index.html").write_text("half written", encoding="utf-8")
    running = tmp_path / f".site-building-{os.getpid()}-5eed5eed"
    running.mkdir()
    other = tmp_path / ".site-offline"
    other.mkdir()
    assert remove_abandoned(site) == [abandoned]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([running.name, other.name, "site"])
