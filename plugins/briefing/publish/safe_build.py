"""Atomic site output: a build writes into a temporary sibling of the site folder, swapped in on success.

`mkdocs build` empties the site folder before it starts, so a build that fails half-way, or
that `--strict` aborts at the very end, would leave a reader with no site at all. Here the
whole build goes to `.<site>-building-<pid>-<token>` next to the site folder, and replaces the
site folder only when it succeeded; otherwise the temporary folder is removed and the previous
site stays as it was, byte for byte.

MkDocs raises its strict-mode abort *after* the `post_build` event, so success is decided the
way MkDocs decides it: a handler on the `mkdocs` logger counts warnings and errors, and in strict
mode any of them means the build is about to fail. The swap therefore runs in `post_build` (at
the lowest priority, after every other plugin has written its files), never in a later hook
that MkDocs may not reach. A build killed outright leaves its temporary folder behind; the next
build removes folders whose process is gone (the pid is in the name), so no atexit hook is needed.
"""

from __future__ import annotations

import logging
import os
import secrets
import shutil
from pathlib import Path
from typing import Protocol


class _Log(Protocol):
    def info(self, msg: str, /) -> object: ...


_BUILDING = "building"
_PREVIOUS = "previous"


class _ProblemCounter(logging.Handler):
    """Counts warnings and errors, as MkDocs' own strict-mode counter does."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


class AtomicSite:
    """One build's temporary output folder for `site_dir`, kept only if the build succeeds."""

    def __init__(
        self,
        site_dir: Path,
        *,
        strict: bool,
        dirty: bool = False,
        log: _Log | None = None,
        counted_logger: str = "mkdocs",
    ) -> None:
        """`log` receives what happened to the site; warnings on `counted_logger` and below fail strict builds."""
        self.site_dir = site_dir.resolve() if site_dir.is_symlink() else site_dir.absolute()
        self.strict = strict
        self.dirty = dirty
        self.temp_dir: Path | None = None
        self.log: _Log = log or logging.getLogger(__name__)
        self._counter = _ProblemCounter()
        self._logger = logging.getLogger(counted_logger)

    def _sibling(self, role: str) -> Path:
        name = self.site_dir.name.lstrip(".")
        return self.site_dir.with_name(f".{name}-{role}-{os.getpid()}-{secrets.token_hex(4)}")

    def start(self) -> Path:
        """Create the temporary folder, start counting warnings; returns where MkDocs should write."""
        self.site_dir.parent.mkdir(parents=True, exist_ok=True)
        remove_abandoned(self.site_dir)
        temp = self._sibling(_BUILDING)
        if self.dirty and self.site_dir.is_dir():
            # A dirty build rewrites only changed pages: it starts from a copy of the current site.
            shutil.copytree(self.site_dir, temp, symlinks=True)
        else:
            temp.mkdir()
            if self.site_dir.is_dir():
                shutil.copymode(self.site_dir, temp)
        self.temp_dir = temp
        self._logger.addHandler(self._counter)
        return temp

    def finish(self) -> bool:
        """Swap the new site in, unless strict mode is about to abort the build; True if swapped."""
        self._logger.removeHandler(self._counter)
        if self.temp_dir is None:
            return False
        if self.strict and self._counter.count:
            self._remove_temp()
            self.log.info(f"strict mode stops this build; {self.site_dir} is left as it was")
            return False
        temp, self.temp_dir = self.temp_dir, None
        _swap(temp, self.site_dir, self._sibling(_PREVIOUS))
        self.log.info(f"the new site is in {self.site_dir}")
        return True

    def discard(self) -> None:
        """Remove the temporary folder; the previous site is left untouched."""
        self._logger.removeHandler(self._counter)
        if self.temp_dir is not None:
            self._remove_temp()
            self.log.info(f"the build failed; {self.site_dir} is left as it was")

    def _remove_temp(self) -> None:
        if self.temp_dir is not None:
            shutil.rmtree(self.temp_dir, ignore_errors=True)
            self.temp_dir = None


def _swap(new: Path, site_dir: Path, previous: Path) -> None:
    if not site_dir.exists():
        os.rename(new, site_dir)
        return
    try:
        os.rename(site_dir, previous)
    except OSError:
        # The site folder cannot be moved (a mount point, say): replace its contents instead.
        _replace_contents(new, site_dir)
        return
    try:
        os.rename(new, site_dir)
    except OSError:
        os.rename(previous, site_dir)
        shutil.rmtree(new, ignore_errors=True)
        raise
    shutil.rmtree(previous, ignore_errors=True)


def _replace_contents(new: Path, site_dir: Path) -> None:
    for child in sorted(site_dir.iterdir()):
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()
    for child in sorted(new.iterdir()):
        shutil.move(child, site_dir / child.name)
    new.rmdir()


def remove_abandoned(site_dir: Path) -> list[Path]:
    """Remove temporary folders of builds of `site_dir` whose process no longer runs."""
    name = site_dir.name.lstrip(".")
    removed = []
    prefixes = tuple(f".{name}-{role}-" for role in (_BUILDING, _PREVIOUS))
    for candidate in sorted(site_dir.parent.iterdir()):
        if not candidate.name.startswith(prefixes) or candidate.is_symlink() or not candidate.is_dir():
            continue
        pid = candidate.name.rsplit("-", 2)[-2]
        if pid.isdigit() and not _process_exists(int(pid)):
            shutil.rmtree(candidate, ignore_errors=True)
            removed.append(candidate)
    return removed


def _process_exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
