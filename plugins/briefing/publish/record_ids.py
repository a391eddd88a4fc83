"""Stable ids for the records of a fact sheet, shared by the JSON API and the history of changes.

A fact or a role has no id in the YAML, and its position (`fact-3`) moves whenever a fact is
added above it. Its id is therefore made from what identifies it, not from where it stands:
the sheet's id, the kind, and a hash of its key fields (a fact's text; a role's title, country
and organisation; a relation's type and other end; a member's id). Moving a fact up or down
keeps its id; editing its text makes a new record (the old one disappears). Two records of one
sheet with the same key fields get `-2`, `-3`, in reading order.

`SHEET_LISTS` names the list fields of a fact sheet that hold records. A new record kind kept
in a sheet (judgements, statuses) is one more entry here; the history of changes then follows
it, and the API gives it the same ids.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class SheetList:
    """A list field of a fact sheet whose items are records: `facts`, `roles`."""

    kind: str
    """Singular, as in ids and on the What's new page: 'fact'."""
    key_fields: tuple[str, ...]
    """The fields that say which record an item is; any other field changing means 'changed'."""
    label_field: str
    """The field that names an item to a reader."""


SHEET_LISTS: dict[str, SheetList] = {
    "facts": SheetList("fact", ("text",), "text"),
    "roles": SheetList("role", ("title", "country", "organisation"), "title"),
    "relations": SheetList("relation", ("type", "with"), "type"),
    "members": SheetList("membership", ("id",), "id"),
}
"""Events are sheets of their own (`briefings/events/`): the history follows them as entities."""


def _fold(text: str) -> str:
    """NFC, runs of white space as one space: YAML's folded and plain styles give the same text."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def _plain(value: object) -> object:
    return _fold(value) if isinstance(value, str) else value


def record_key(entity_id: str, kind: str, key_values: Mapping[str, object]) -> str:
    """`kim-jong-un/fact/3f2a9c1b04`: the same for the same key fields, wherever the record stands."""
    payload = json.dumps({k: _plain(v) for k, v in sorted(key_values.items())}, ensure_ascii=False, sort_keys=True)
    digest = hashlib.sha256(payload.encode("utf-8")).hexdigest()[:10]
    return f"{entity_id}/{kind}/{digest}"


def record_ids(entity_id: str, kind: str, items: Iterable[Mapping[str, object]]) -> list[str]:
    """Ids of a sheet's records in reading order; `items` give each record's key fields."""
    ids: list[str] = []
    seen: dict[str, int] = {}
    for values in items:
        key = record_key(entity_id, kind, values)
        seen[key] = seen.get(key, 0) + 1
        ids.append(key if seen[key] == 1 else f"{key}-{seen[key]}")
    return ids


def fingerprint(data: object) -> str:
    """A hash of a record's content, blind to YAML layout, key order, quoting and line folding."""
    payload = json.dumps(data, ensure_ascii=False, sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha256(_fold(payload).encode("utf-8")).hexdigest()[:16]
