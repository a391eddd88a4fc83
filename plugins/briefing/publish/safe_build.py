"""Atomic site output: a build writes into a temporary sibling of the site folder, swapped in on success.

`mkdocs build` empties the site folder before it starts, so a build that fails half-way, or
that `--strict` aborts at the very end, would leave a reader with no site at all. Here the
whole build goes to `.<site>-building-<pid>-<token>` next to the site folder, and replaces the
site folder only when it succeeded; otherwise the temporary folder is removed and the previous
site stays as it was, byte for byte.

MkDocs raises its strict-mode abort *after* the `post_build` event, so success is decided the
way MkDocs decides it: a handler on the `mkdocs` logger counts warnings and errors, and in strict
mode any of them means the build is about to fail. ProperDocs (the maintained fork of MkDocs 1.6)
logs as `properdocs.*`, plugins included, and counts on `properdocs`; both loggers are watched.
The swap therefore runs in `post_build` (at the lowest priority, after every other plugin has
written its files), never in a later hook that MkDocs may not reach. A build killed outright
leaves its temporary folder behind; the next build removes folders whose process is gone (the
pid is in the name), so no atexit hook is needed.

The swap itself is one system call where the system has one: Linux `renameat2(RENAME_EXCHANGE)`
exchanges the two folders atomically, so at every instant `site/` is a complete site. Elsewhere
(another OS, a file system without it) it takes two renames, `site` -> `.site-previous-<pid>-*`
then the new folder -> `site`; a build killed between them leaves no `site/`, and the next build
renames that previous folder back before anything else, so it never removes the only complete copy.
(A symbolic link flip, `site -> .site-gen-N`, would be atomic too, but turns `site/` into a link,
which deploy steps that upload the folder and the site-is-a-link case above treat differently.)
"""

from __future__ import annotations

import ctypes
import logging
import os
import secrets
import shutil
import sys
from pathlib import Path
from typing import Protocol


class _Log(Protocol):
    def info(self, msg: str, /) -> object: ...


_BUILDING = "building"
_PREVIOUS = "previous"
_AT_FDCWD = -100  # renameat2: paths relative to the working directory, as os.rename takes them
_RENAME_EXCHANGE = 2


class _ProblemCounter(logging.Handler):
    """Counts warnings and errors, as MkDocs' own strict-mode counter does.

    Under ProperDocs a record of `mkdocs.*` reaches both watched loggers (it makes `properdocs` the
    parent of `mkdocs`) and is counted twice; only whether the count is zero matters.
    """

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
        counted_loggers: tuple[str, ...] = ("mkdocs", "properdocs"),
    ) -> None:
        """`log` receives what happened to the site; warnings on `counted_loggers` and below fail strict builds."""
        self.site_dir = site_dir.resolve() if site_dir.is_symlink() else site_dir.absolute()
        self.strict = strict
        self.dirty = dirty
        self.temp_dir: Path | None = None
        self.log: _Log = log if log is not None else logging.getLogger(__name__)
        self._counter = _ProblemCounter()
        self._loggers = [logging.getLogger(name) for name in counted_loggers]

    def _sibling(self, role: str) -> Path:
        name = self.site_dir.name.lstrip(".")
        return self.site_dir.with_name(f".{name}-{role}-{os.getpid()}-{secrets.token_hex(4)}")

    def start(self) -> Path:
        """Create the temporary folder, start counting warnings; returns where MkDocs should write."""
        self.site_dir.parent.mkdir(parents=True, exist_ok=True)
        if restored := restore_interrupted_swap(self.site_dir):
            self.log.info(f"{self.site_dir} restored from {restored.name}, left by a build stopped while swapping")
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
        for logger in self._loggers:
            logger.addHandler(self._counter)
        return temp

    @property
    def problems_logged(self) -> int:
        """Warnings and errors logged since start()."""
        return self._counter.count

    def carry_over(self, rel: str) -> bool:
        """Put the current site's file `rel` into the new site unchanged; False if there is none to take.

        A hard link where the file system allows (no bytes copied), else a copy. Only for files this
        build will not write: a write would go through the link into the current site.
        """
        if self.temp_dir is None or Path(rel).is_absolute() or ".." in Path(rel).parts:
            return False
        source, target = self.site_dir / rel, self.temp_dir / rel
        if not source.is_file() or source.is_symlink():
            return False
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(source, target)
        except OSError:
            shutil.copy2(source, target)
        return True

    def finish(self) -> bool:
        """Swap the new site in, unless strict mode is about to abort the build; True if swapped."""
        self._stop_counting()
        if self.temp_dir is None:
            return False
        if self.strict and self._counter.count:
            self._remove_temp()
            self.log.info(f"strict mode stops this build; {self._left_as_it_was()}")
            return False
        temp, self.temp_dir = self.temp_dir, None
        _swap(temp, self.site_dir, self._sibling(_PREVIOUS))
        self.log.info(f"the new site is in {self.site_dir}")
        return True

    def discard(self) -> None:
        """Remove the temporary folder; the previous site is left untouched."""
        self._stop_counting()
        if self.temp_dir is not None:
            self._remove_temp()
            self.log.info(f"the build failed; {self._left_as_it_was()}")

    def _stop_counting(self) -> None:
        for logger in self._loggers:
            logger.removeHandler(self._counter)

    def _left_as_it_was(self) -> str:
        if self.site_dir.is_dir():
            return f"{self.site_dir} is left as it was"
        return f"no site is written to {self.site_dir}"

    def _remove_temp(self) -> None:
        if self.temp_dir is not None:
            shutil.rmtree(self.temp_dir, ignore_errors=True)
            self.temp_dir = None


def _swap(new: Path, site_dir: Path, previous: Path) -> None:
    if not site_dir.exists():
        os.rename(new, site_dir)
        return
    if exchange(new, site_dir):
        shutil.rmtree(new, ignore_errors=True)  # `new` now holds the old site
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


def exchange(first: Path, second: Path) -> bool:
    """Swap two existing paths in one step (Linux renameat2 with RENAME_EXCHANGE); False where unsupported.

    Any failure (no such call in the C library, ENOSYS, EINVAL or EOPNOTSUPP from the file system,
    EBUSY for a mount point) leaves both paths as they were, so the caller falls back to renames.
    """
    if not sys.platform.startswith("linux"):
        return False
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    renameat2.restype = ctypes.c_int
    return bool(renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0)


def restore_interrupted_swap(site_dir: Path) -> Path | None:
    """With no `site_dir`, rename back the previous site a killed build had moved aside; returns it."""
    if site_dir.exists() or site_dir.is_symlink():
        return None
    previous = [path for path in _abandoned(site_dir) if path.name.startswith(_prefix(site_dir, _PREVIOUS))]
    if not previous:
        return None
    newest = max(previous, key=lambda path: path.stat().st_mtime_ns)
    os.rename(newest, site_dir)
    return newest


def _prefix(site_dir: Path, role: str) -> str:
    return f".{site_dir.name.lstrip('.')}-{role}-"


def _abandoned(site_dir: Path) -> list[Path]:
    """Temporary folders of builds of `site_dir` whose process no longer runs, in name order."""
    prefixes = (_prefix(site_dir, _BUILDING), _prefix(site_dir, _PREVIOUS))
    found = []
    for candidate in sorted(site_dir.parent.iterdir()):
        if not candidate.name.startswith(prefixes) or candidate.is_symlink() or not candidate.is_dir():
            continue
        pid = candidate.name.rsplit("-", 2)[-2]
        if pid.isdigit() and not _process_exists(int(pid)):
            found.append(candidate)
    return found


def remove_abandoned(site_dir: Path) -> list[Path]:
    """Remove temporary folders of builds of `site_dir` whose process no longer runs.

    Never the only complete copy: while `site_dir` is missing, nothing is removed (call
    `restore_interrupted_swap` first).
    """
    if not site_dir.exists():
        return []
    removed = _abandoned(site_dir)
    for candidate in removed:
        shutil.rmtree(candidate, ignore_errors=True)
    return removed


def _process_exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
