"""What changed when: the records of briefings/ and sources/ added, changed or removed, commit by commit.

Each version of a content file is read with the project's own readers (yamlread, the source front
matter and paragraph split) into a snapshot {record id: (kind, label, fingerprint)}. Two
versions are compared by record id (record_ids.py), never by line:

- **added**: the id is new (a new fact, or a fact whose text was edited: its old id goes);
- **changed**: the same id with a different fingerprint: any other field of the record (as_of,
  date, citations, status, a source's paragraphs or front matter); a fact moved up or down, a
  comment, re-quoting or re-folding YAML changes nothing;
- **removed**: the id is gone.

A version that does not parse is skipped: the next version that does is compared with the last
one that did, so a broken commit fixed later shows as one change, not two.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path, PurePosixPath

from briefing.model import KIND_FOLDERS
from briefing.problems import ContentError
from briefing.publish.git_log import Commit, GitUnavailable, read_blobs, read_commits
from briefing.publish.record_ids import SHEET_LISTS, fingerprint, record_ids
from briefing.read.files import split_front_matter, split_paragraphs
from briefing.read.yamlread import decode_text, read_yaml

_ACTIONS = ("added", "changed", "removed")
_FOLDER_KINDS = {folder: kind for kind, folder in KIND_FOLDERS.items()}


@dataclass(frozen=True)
class Snapshot:
    kind: str
    label: str
    fingerprint: str
    entity_id: str


@dataclass(frozen=True)
class Change:
    """One record added, changed or removed by one commit."""

    action: str
    """'added', 'changed' or 'removed'."""
    record_id: str
    kind: str
    """'entity', 'fact', 'role', 'source', or any kind of record_ids.SHEET_LISTS."""
    label: str
    entity_id: str
    """The sheet (or source) the record belongs to."""
    path: str
    commit: str
    timestamp: int
    author: str
    subject: str

    @property
    def day(self) -> date:
        return datetime.fromtimestamp(self.timestamp, tz=UTC).date()


@dataclass(frozen=True)
class History:
    changes: tuple[Change, ...]
    """Newest first."""
    unavailable: str | None = None
    """Why there is no history (not a git checkout, git missing); None when it was read."""
    commits_read: int = 0


def sheet_snapshot(text: str, path: str, kind: str, entity_id: str) -> dict[str, Snapshot]:
    """The records of one version of a fact sheet. Raises ContentError when it does not parse."""
    data = read_yaml(text, path).to_data()
    if not isinstance(data, dict):
        return {}
    rest = {k: v for k, v in data.items() if k not in SHEET_LISTS}
    name = str(data.get("name", entity_id))
    found = {entity_id: Snapshot(kind, name, fingerprint(rest), entity_id)}
    for field, sheet_list in SHEET_LISTS.items():
        items = [item for item in data.get(field) or [] if isinstance(item, dict)]
        keys = [{k: item.get(k) for k in sheet_list.key_fields if item.get(k) is not None} for item in items]
        for record_id, item in zip(record_ids(entity_id, sheet_list.kind, keys), items, strict=True):
            label = f"{name}: {item.get(sheet_list.label_field, '')}"
            found[record_id] = Snapshot(sheet_list.kind, label, fingerprint(item), entity_id)
    return found


def source_snapshot(text: str, path: str, source_id: str) -> dict[str, Snapshot]:
    """A source article is one record: its front matter (less the stored hash) and its paragraphs."""
    front, body, body_line = split_front_matter(text, path)
    fields = read_yaml(front, path, line_offset=1).to_data()
    fields = {k: v for k, v in fields.items() if k != "sha256"} if isinstance(fields, dict) else {}
    paragraphs = [p.text for p in split_paragraphs(body, body_line)]
    label = str(fields.get("title") or source_id)
    return {source_id: Snapshot("source", label, fingerprint([fields, paragraphs]), source_id)}


def snapshot_reader(path: str, briefings_dir: str, sources_dir: str) -> Callable[[str], dict[str, Snapshot]] | None:
    """How to read the versions of `path`, or None when it is not a content file."""
    pure = PurePosixPath(path)
    parent = pure.parent.as_posix()
    if parent == sources_dir and pure.suffix == ".md":
        return lambda text: source_snapshot(text, path, pure.stem)
    if pure.parent.parent.as_posix() == briefings_dir and pure.suffix in (".yml", ".yaml"):
        kind = _FOLDER_KINDS.get(pure.parent.name)
        if kind is not None:
            return lambda text: sheet_snapshot(text, path, kind, pure.stem)
    return None


def diff(old: dict[str, Snapshot], new: dict[str, Snapshot]) -> list[tuple[str, str, Snapshot]]:
    """(action, record id, snapshot) for every record that differs, in a fixed order."""
    found = []
    for record_id in sorted(old.keys() | new.keys()):
        before, after = old.get(record_id), new.get(record_id)
        if after is None and before is not None:
            found.append(("removed", record_id, before))
        elif before is None and after is not None:
            found.append(("added", record_id, after))
        elif before and after and before.fingerprint != after.fingerprint:
            found.append(("changed", record_id, after))
    return found


def read_history(
    root: Path, briefings_dir: str = "briefings", sources_dir: str = "sources", *,
    max_commits: int = 500, max_days: int = 365,
) -> History:  # fmt: skip
    """Every record change in the last `max_commits` commits and `max_days` days of the history."""
    try:
        commits = read_commits(root, (briefings_dir, sources_dir), max_commits=max_commits, max_days=max_days)
        blobs = read_blobs(root, {b for c in commits for f in c.changes for b in (f.old_blob, f.new_blob) if b})
    except GitUnavailable as exc:
        return History((), unavailable=str(exc))
    changes: list[Change] = []
    last_good: dict[str, dict[str, Snapshot]] = {}
    for commit in commits:
        for file in commit.changes:
            reader = snapshot_reader(file.path, briefings_dir, sources_dir)
            if reader is None:
                continue
            old = last_good.get(file.path)
            if old is None:
                old = _parse(reader, blobs.get(file.old_blob or ""), file.path) or {}
            new = {} if file.new_blob is None else _parse(reader, blobs.get(file.new_blob), file.path)
            if new is None:
                continue
            last_good[file.path] = new
            changes.extend(_change(commit, file.path, action, rid, snap) for action, rid, snap in diff(old, new))
    changes.sort(key=lambda c: (-c.timestamp, c.commit, c.path, _ACTIONS.index(c.action), c.label, c.record_id))
    return History(tuple(changes), commits_read=len(commits))


def _parse(reader: Callable[[str], dict[str, Snapshot]], data: bytes | None, path: str) -> dict[str, Snapshot] | None:
    if data is None:
        return None
    try:
        return reader(decode_text(data, path))
    except (ContentError, ValueError, TypeError, AttributeError):
        return None


def _change(commit: Commit, path: str, action: str, record_id: str, snap: Snapshot) -> Change:
    return Change(
        action, record_id, snap.kind, snap.label, snap.entity_id, path,
        commit.sha, commit.timestamp, commit.author, commit.subject,
    )  # fmt: skip
