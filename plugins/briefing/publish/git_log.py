"""The git history of the content folders, read with the `git` command: commits, changed files, blobs.

Nothing here interprets content; history.py does. Outside a git checkout, or without git, every
function answers `GitUnavailable` with the reason, and the build carries on.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

_NO_BLOB = "0" * 40


class GitUnavailable(Exception):
    """No history to read: git is missing, or the folder is not in a git checkout."""


@dataclass(frozen=True)
class FileChange:
    path: str
    """Relative to the project root, as the build names files."""
    old_blob: str | None
    new_blob: str | None
    """None for a file added (old) or deleted (new)."""


@dataclass(frozen=True)
class Commit:
    sha: str
    timestamp: int
    """Committer time, seconds since the epoch: when the change landed on this branch."""
    author: str
    subject: str
    changes: tuple[FileChange, ...]


def _git(root: Path, *args: str, stdin: bytes | None = None) -> bytes:
    try:
        done = subprocess.run(["git", "-C", str(root), *args], input=stdin, capture_output=True, timeout=120)
    except FileNotFoundError:
        raise GitUnavailable("git is not installed") from None
    except subprocess.TimeoutExpired:
        raise GitUnavailable(f"git {args[0]} took longer than 120 s") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitUnavailable(message[0] if message else f"git {args[0]} failed")
    return done.stdout


def read_commits(root: Path, folders: tuple[str, ...], *, max_commits: int, max_days: int) -> list[Commit]:
    """Commits of the current branch (first parents) that touched `folders`, oldest first.

    At most `max_commits`, none older than `max_days` before the newest of them: the window is
    measured from the history itself, never from the clock, so the same commit gives the same list.
    """
    if _git(root, "rev-parse", "--is-inside-work-tree").strip() != b"true":
        raise GitUnavailable("not inside a git work tree")
    log = _git(
        root, "log", "--first-parent", "-m", "--raw", "--no-abbrev", "--no-renames", "--relative", "-z",
        f"--max-count={max_commits}", "--format=%x1e%H%x1f%ct%x1f%an%x1f%s", "--", *folders,
    )  # fmt: skip
    commits = [_parse_commit(record) for record in log.decode("utf-8", "replace").split("\x1e")[1:]]
    if commits:
        oldest_kept = commits[0].timestamp - max_days * 86_400
        commits = [commit for commit in commits if commit.timestamp >= oldest_kept]
    return commits[::-1]


def _parse_commit(record: str) -> Commit:
    header, _, raw = record.partition("\x00")
    sha, timestamp, author, subject = header.strip("\n").split("\x1f", 3)
    fields = raw.strip("\n\x00").split("\x00")
    changes = []
    # -z --raw: ":old_mode new_mode old_blob new_blob status" NUL "path" NUL, repeated.
    for meta, path in zip(fields[0::2], fields[1::2], strict=False):
        parts = meta.lstrip("\n:").split()
        if len(parts) < 5:
            continue
        old_blob, new_blob = parts[2], parts[3]
        changes.append(
            FileChange(path, None if old_blob == _NO_BLOB else old_blob, None if new_blob == _NO_BLOB else new_blob)
        )
    return Commit(sha, int(timestamp), author, subject, tuple(changes))


def read_blobs(root: Path, blobs: set[str]) -> dict[str, bytes]:
    """The contents of many blobs with one `git cat-file --batch` call."""
    if not blobs:
        return {}
    order = sorted(blobs)
    out = _git(root, "cat-file", "--batch", stdin="".join(f"{b}\n" for b in order).encode())
    found: dict[str, bytes] = {}
    position = 0
    for blob in order:
        end = out.index(b"\n", position)
        header = out[position:end].split()
        position = end + 1
        if len(header) < 3 or header[1] == b"missing":
            continue
        size = int(header[2])
        found[blob] = out[position : position + size]
        position += size + 1
    return found
