"""The site swap under a kill (issue 9, item 7): at every instant a complete site exists, and a later
build never removes the only complete copy nor says the site was "left as it was" when it was not.

A child process runs AtomicSite and is killed with os._exit at the chosen point of the swap; the
parent then starts the next build the way MkDocs would and looks at what is on disk.
"""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.publish import safe_build
from briefing.publish.safe_build import AtomicSite, exchange
from hostile_fixtures import tree_bytes

KILLED_BUILD = """\
import os, shutil, sys
from pathlib import Path
from briefing.publish import safe_build

site, kill_at = Path(sys.argv[1]), sys.argv[2]
if kill_at == "between-renames":
    safe_build.exchange = lambda first, second: False  # a file system without RENAME_EXCHANGE
    real_rename = os.rename
    def rename(src, dst):
        real_rename(src, dst)
        if Path(dst).name.startswith(".site-previous-"):
            os._exit(9)  # killed after site/ was moved aside, before the new site took its place
    safe_build.os.rename = rename
else:
    def rmtree(path, ignore_errors=False):
        os._exit(9)  # killed after the exchange, before the old site was removed
    safe_build.shutil.rmtree = rmtree
atomic = safe_build.AtomicSite(site, strict=False)
(atomic.start() / "index.html").write_text("new home", encoding="utf-8")
atomic.finish()
"""


class Said(list[str]):
    def info(self, msg: str, /) -> None:
        self.append(msg)


def old_site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    (site / "leaders").mkdir(parents=True)
    (site / "index.html").write_text("old home", encoding="utf-8")
    (site / "leaders" / "index.html").write_text("old leaders", encoding="utf-8")
    return site


def killed_build(site: Path, kill_at: str) -> None:
    result = subprocess.run([sys.executable, "-c", KILLED_BUILD, str(site), kill_at], capture_output=True, text=True)
    assert result.returncode == 9, result.stderr


def names(folder: Path) -> list[str]:
    return sorted(p.name.rsplit("-", 2)[0] for p in folder.iterdir())


def test_exchange_swaps_two_folders_in_one_step(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "f").write_text("a", encoding="utf-8")
    (tmp_path / "b").mkdir()
    assert exchange(tmp_path / "a", tmp_path / "b") is (sys.platform == "linux")
    if sys.platform == "linux":
        assert tree_bytes(tmp_path) == {"b/f": b"a"}
    assert exchange(tmp_path / "a", tmp_path / "missing") is False  # ENOENT: nothing happens
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a", "b"]


def test_a_successful_swap_never_leaves_the_site_folder_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With RENAME_EXCHANGE there is no rename of site/ away: watch every rename the swap makes."""
    site = old_site(tmp_path)
    renamed: list[str] = []
    monkeypatch.setattr(safe_build.os, "rename", lambda src, dst: renamed.append(f"{src} -> {dst}"))
    atomic = AtomicSite(site, strict=False)
    (atomic.start() / "index.html").write_text("new home", encoding="utf-8")
    assert atomic.finish() is True
    assert renamed == []
    assert tree_bytes(site) == {"index.html": b"new home"}
    assert names(tmp_path) == ["site"]


@pytest.mark.skipif(sys.platform != "linux", reason="renameat2 is Linux only")
def test_a_build_killed_after_the_exchange_leaves_the_new_site_and_the_next_build_tidies(tmp_path: Path) -> None:
    site = old_site(tmp_path)
    killed_build(site, "after-exchange")
    assert tree_bytes(site) == {"index.html": b"new home"}
    assert names(tmp_path) == [".site-building", "site"]  # the old site, under the temporary name
    said = Said()
    AtomicSite(site, strict=True, log=said).start()
    assert [n for n in names(tmp_path) if n != ".site-building"] == ["site"]
    assert said == []


def test_a_build_killed_between_the_two_renames_is_repaired_by_the_next_build(tmp_path: Path) -> None:
    """The reported case: no site/, both copies beside it; the next build failed and deleted both."""
    site = old_site(tmp_path)
    killed_build(site, "between-renames")
    assert not site.exists()
    assert names(tmp_path) == [".site-building", ".site-previous"]
    said = Said()
    failing = AtomicSite(site, strict=True, log=said)
    (failing.start() / "index.html").write_text("half written", encoding="utf-8")
    logging.getLogger("mkdocs.test").warning("a broken link")  # strict mode stops this build
    assert failing.finish() is False
    assert tree_bytes(site) == {"index.html": b"old home", "leaders/index.html": b"old leaders"}
    assert names(tmp_path) == ["site"]
    previous = said[0].split(" restored from ")[1].split(",")[0]
    assert said == [
        f"{site} restored from {previous}, left by a build stopped while swapping",
        f"strict mode stops this build; {site} is left as it was",
    ]


def test_with_no_site_at_all_a_failed_build_does_not_claim_to_have_kept_one(tmp_path: Path) -> None:
    said = Said()
    atomic = AtomicSite(tmp_path / "site", strict=True, log=said)
    atomic.start()
    atomic.discard()
    assert said == [f"the build failed; no site is written to {tmp_path / 'site'}"]


def test_abandoned_folders_are_kept_while_the_site_folder_is_missing(tmp_path: Path) -> None:
    dead = int(
        subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True).stdout
    )
    previous = tmp_path / f".site-previous-{dead}-0badc0de"
    previous.mkdir()
    assert safe_build.remove_abandoned(tmp_path / "site") == []
    assert previous.is_dir()
    (tmp_path / "site").mkdir()
    assert safe_build.remove_abandoned(tmp_path / "site") == [previous]  # once a site exists, it goes
