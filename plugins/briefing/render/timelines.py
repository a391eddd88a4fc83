"""Resolve stage, timelines: events and dated facts, each once, for one entity or the whole briefing.

A fact that names an `event:` is told by that event: the timeline shows the event, once, however
many sheets tell of it. A dated fact without an event is shown once, from the sheet it is on.
Order and partial dates are the timeline picture's business (`pictures.timeline.group_by_year`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from briefing.model import Briefing, Entity, Fact
from briefing.render.pictures.timeline import TimelineItem
from briefing.render.urls import entity_uri


@dataclass(frozen=True)
class Entry:
    """One timeline entry before it is placed on a page: an event, or a fact on an owner's sheet."""

    key: str
    """'event:<id>' or 'fact:<owner>:<index>': the identity that keeps it once."""
    date_iso: str
    end_iso: str
    label: str
    uri: str
    anchor: str
    kind: str
    cited: bool


def _event_entry(event: Entity) -> Entry:
    assert event.date is not None
    label = f"{event.name} (expected)" if event.expected else event.name
    return Entry(f"event:{event.id}", event.date.iso(), event.end.iso() if event.end else "", label,
                 entity_uri("event", event.id), "", "event", bool(event.event_citations))  # fmt: skip


def _fact_entry(owner: Entity, index: int, fact: Fact) -> Entry:
    assert fact.date is not None
    return Entry(f"fact:{owner.id}:{index}", fact.date.iso(), "", fact.text, entity_uri(owner.kind, owner.id),
                 f"fact-{index + 1}", "fact", bool(fact.citations))  # fmt: skip


def all_entries(briefing: Briefing) -> dict[str, list[Entry]]:
    """Entity id -> its timeline entries, each once; '' -> the whole briefing's."""
    entities = briefing.entities
    found: dict[str, dict[str, Entry]] = {"": {}}

    def add(owner_ids: tuple[str, ...], entry: Entry) -> None:
        found[""][entry.key] = entry
        for owner in owner_ids:
            if owner in entities:
                found.setdefault(owner, {})[entry.key] = entry

    for entity in entities.values():
        if entity.kind == "event" and entity.date is not None:
            add((entity.id, *(p.entity for p in entity.participants)), _event_entry(entity))
        for index, fact in enumerate(entity.facts):
            concerned = (entity.id, *fact.about)
            if fact.event and fact.event in entities:
                event = entities[fact.event]
                if event.date is not None:
                    add(concerned, _event_entry(event))
            elif fact.date:
                add(concerned, _fact_entry(entity, index, fact))
    return {owner: sorted(entries.values(), key=lambda e: e.key) for owner, entries in sorted(found.items())}


def timeline_items(entries: list[Entry], href: Callable[[str, str | None], str]) -> list[TimelineItem]:
    """Entries as picture items, with links relative to the page they go on (`href(uri, anchor)`)."""
    return [
        TimelineItem(e.date_iso, e.end_iso, e.label, href(e.uri, e.anchor or None), e.kind, e.cited) for e in entries
    ]
