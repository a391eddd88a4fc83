"""Records of unchanged files, kept between the builds of one `mkdocs serve`: an edit re-reads one file.

A file's reading (YAML, schema check, records) depends only on its bytes, its path and kind, and
the schemas; the key holds all four, so a hit gives exactly what reading it again would: the
same record, the same problems, the same references, in the same order. Ids, links between files
and everything else that spans files are checked afresh on every build.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from briefing.problems import Problem
from briefing.read.records import ReadResult, Reference
from briefing.read.schema_check import forget_validators

Record = TypeVar("Record")


@dataclass(frozen=True)
class _Reading:
    problems: tuple[Problem, ...]
    references: tuple[Reference, ...]
    record: object


class ReadCache:
    """Readings by (schemas, kind, path, content hash); entries not used by a build are dropped after it."""

    def __init__(self, *, keep: bool = True) -> None:
        self.keep = keep
        """False: every file is read (a one-off run such as `briefing check` has nothing to reuse)."""
        self._previous: dict[tuple[bytes, str, str, bytes], _Reading] = {}
        self._current: dict[tuple[bytes, str, str, bytes], _Reading] = {}
        self.schemas = b""
        self.hits = 0

    def start(self, schemas: bytes) -> None:
        """A new build against schemas with this fingerprint: keep only what the last build used."""
        if self.schemas and schemas != self.schemas:
            forget_validators()  # a schema was edited under serve
        self._previous, self._current = self._current, {}
        self.schemas, self.hits = schemas, 0

    def read(
        self, kind: str, rel: str, path: Path, result: ReadResult, read: Callable[[], Record | None]
    ) -> Record | None:
        """read()'s record, its problems and references added to result; the last build's if the file is unchanged."""
        if not self.keep:
            return read()
        try:
            digest = hashlib.blake2b(path.read_bytes(), digest_size=16).digest()
        except OSError:
            return read()  # read() reports it
        key = (self.schemas, kind, rel, digest)
        reading = self._previous.get(key) or self._current.get(key)
        if reading is None:
            problems, references = len(result.problems), len(result.references)
            record = read()
            reading = _Reading(tuple(result.problems[problems:]), tuple(result.references[references:]), record)
        else:
            self.hits += 1
            result.problems.extend(reading.problems)
            result.references.extend(reading.references)
        self._current[key] = reading
        return reading.record  # type: ignore[return-value]


def schemas_fingerprint(schemas_dir: Path) -> bytes:
    """A hash of every schema file's name and bytes: any edit to a schema gives another."""
    digest = hashlib.blake2b(digest_size=16)
    for path in sorted(schemas_dir.glob("*.json")) if schemas_dir.is_dir() else ():
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.digest()
