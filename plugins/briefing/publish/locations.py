"""Where each record of the briefing stands now: its stable id (record_ids.py) -> page and anchor.

The What's new page and the feed link a change to the record as it is today; the API and
JSON-LD give each record the same id. A new kind of record kept in a sheet adds one function
to `SHEET_RECORDS` returning, for one entity, its ids and anchors in reading order. An event is
a sheet of its own: its id is the entity's, and its location is its page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from briefing.model import Briefing, Entity
from briefing.publish.record_ids import SHEET_LISTS, record_ids
from briefing.render.relations import relation_anchor
from briefing.render.resolve import fact_anchor, role_anchor
from briefing.render.urls import entity_uri, source_uri


@dataclass(frozen=True)
class Location:
    src_uri: str
    anchor: str | None


def fact_ids(entity: Entity) -> list[str]:
    return record_ids(entity.id, SHEET_LISTS["facts"].kind, ({"text": f.text} for f in entity.facts))


def role_ids(entity: Entity) -> list[str]:
    keys = (
        {k: v for k, v in (("title", r.title), ("country", r.country), ("organisation", r.organisation)) if v}
        for r in entity.roles
    )
    return record_ids(entity.id, SHEET_LISTS["roles"].kind, keys)


def relation_ids(entity: Entity) -> list[str]:
    keys = ({"type": r.type, "with": r.other} for r in entity.relations)
    return record_ids(entity.id, SHEET_LISTS["relations"].kind, keys)


def membership_ids(entity: Entity) -> list[str]:
    return record_ids(entity.id, SHEET_LISTS["members"].kind, ({"id": m.member} for m in entity.memberships))


def membership_anchor(index: int) -> str:
    """The row of a member in the organisation page's Members table (entity.md.j2)."""
    return f"member-{index + 1}"


def _facts(entity: Entity) -> list[tuple[str, str]]:
    return [(rid, fact_anchor(i)) for i, rid in enumerate(fact_ids(entity))]


def _roles(entity: Entity) -> list[tuple[str, str]]:
    return [(rid, role_anchor(i)) for i, rid in enumerate(role_ids(entity))]


def _relations(entity: Entity) -> list[tuple[str, str]]:
    return [(rid, relation_anchor(i)) for i, rid in enumerate(relation_ids(entity))]


def _memberships(entity: Entity) -> list[tuple[str, str]]:
    return [(rid, membership_anchor(i)) for i, rid in enumerate(membership_ids(entity))]


SHEET_RECORDS: dict[str, Callable[[Entity], list[tuple[str, str]]]] = {
    "facts": _facts,
    "roles": _roles,
    "relations": _relations,
    "members": _memberships,
}
"""Sheet list field -> (record id, anchor on the entity page) of an entity's records of that kind."""


def record_locations(briefing: Briefing) -> dict[str, Location]:
    found: dict[str, Location] = {}
    for entity in briefing.entities.values():
        uri = entity_uri(entity.kind, entity.id)
        found[entity.id] = Location(uri, None)
        for records in SHEET_RECORDS.values():
            found.update((rid, Location(uri, anchor)) for rid, anchor in records(entity))
    return found


def source_location(source_id: str) -> Location:
    """Sources have ids of their own (a source and a sheet may share one), so they are looked up apart."""
    return Location(source_uri(source_id), None)
