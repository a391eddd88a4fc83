"""What an entity page shows once: each fact, link and related sheet in one place only.

The facts are listed by section with their date and citations; everything else on the page points
at them rather than restating them. The relations table leaves out links another part of the page
already shows (roles, members, participants, a topic's members, a predecessor); the timeline shows
events, facts told on other sheets, and this sheet's dated facts only as a pointer to the fact;
the related sheets and the sheets linking here read as one line per kind.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from briefing.model import KIND_FOLDERS, KIND_LABELS, Entity
from briefing.read.sections import Section
from briefing.render.relations import Link, Row
from briefing.render.timelines import Entry
from briefing.render.urls import entity_uri

SHOWN_ON_THE_DECLARING_PAGE = ("membership", "topic", "predecessor")
"""Links the declaring sheet's page shows in its infobox or members table."""


def by_kind(entities: Iterable[Entity]) -> list[tuple[str, list[Entity], str]]:
    """(plural kind label, entities by name, separator) for each kind present, in the kinds' fixed order.

    The separator is ", ", or "; " when a name in the group has a comma of its own (event names often do).
    """
    unique = {e.id: e for e in entities}
    groups = []
    for kind in KIND_FOLDERS:
        group = sorted((e for e in unique.values() if e.kind == kind), key=lambda e: (e.name.casefold(), e.id))
        if group:
            groups.append((KIND_LABELS[kind], group, _separator(group)))
    return groups


def _separator(group: list[Entity]) -> str:
    return "; " if any("," in e.name for e in group) else ", "


def _shown_elsewhere(entity: Entity, link: Link, entities: dict[str, Entity]) -> bool:
    if link.via == "participant":
        return True  # the event page's infobox; the participant's timeline
    if link.via in SHOWN_ON_THE_DECLARING_PAGE:
        return link.declared_on == entity.id
    if link.via == "role":
        if link.source == entity.id:
            return True  # the holder's roles table
        holder = entities[link.source]
        return holder.roles[int(link.anchor.removeprefix("role-")) - 1].country == entity.id  # infobox or offices
    return False


def table_rows(entity: Entity, rows: list[Row], entities: dict[str, Entity]) -> list[Row]:
    """The relations table: the rows no other part of the page shows."""
    return [row for row in rows if not _shown_elsewhere(entity, row.link, entities)]


def _bare(row: Row) -> bool:
    link = row.link
    return not (link.citations or link.dated or link.status or link.note)


def bare_lines(rows: list[Row], shown: set[str], entities: dict[str, Entity]) -> list[tuple[str, list[Entity], str]]:
    """Rows with nothing but their wording (a topic's "concerns"): one line per wording, as `by_kind` groups;
    none for a sheet the records already link to (`shown`: two topics that name each other)."""
    lines: dict[str, list[Entity]] = {}
    for row in rows:
        if _bare(row) and row.other not in shown:
            lines.setdefault(row.words[:1].upper() + row.words[1:], []).append(entities[row.other])
    return [(words, group, _separator(group)) for words, group in lines.items()]


def dated_rows(rows: list[Row]) -> list[Row]:
    """The rows the relations table shows: those with a citation, a date, a status or a note."""
    return [row for row in rows if not _bare(row)]


def linked_in_records(entity: Entity, leaders: Iterable[Entity]) -> set[str]:
    """The sheets the infobox and the roles, offices and members tables link to (`leaders`: of a country)."""
    ids = {entity.country, entity.predecessor.entity if entity.predecessor else None}
    ids |= {i for group in entity.members.values() for i in group} | {p.entity for p in entity.participants}
    ids |= {i for r in entity.roles for i in (r.country, r.organisation)} | {m.member for m in entity.memberships}
    return {i for i in ids if i} | {leader.id for leader in leaders}


def also_named(
    entity: Entity, shown: set[str], rows: list[Row], entries: list[Entry], entities: dict[str, Entity]
) -> list[tuple[str, list[Entity], str]]:
    """The sheets this sheet's facts are about or tell of that no other part of the page links to: not the
    records (`shown`), the relations table (`rows`) or the timeline (`entries`)."""
    named = {i for f in entity.facts for i in (*f.about, *((f.event,) if f.event else ()))}
    shown = shown | {row.other for row in rows} | {e.key.removeprefix("event:") for e in entries if e.kind == "event"}
    return by_kind(entities[i] for i in sorted(named - shown - {entity.id}) if i in entities)


def pointed(entity: Entity, entries: list[Entry], sections: tuple[Section, ...]) -> list[Entry]:
    """The page's timeline: a dated fact this page lists already (its own, or another sheet's told in the
    same words as one of its own) becomes a pointer to where the page lists it; an event leaves itself out."""
    labels = {s.id: s.label for s in sections}
    own = f"fact:{entity.id}:"
    same_words = {" ".join(f.text.split()): i for i, f in enumerate(entity.facts)}
    shown = []
    for entry in entries:
        if entry.key == f"event:{entity.id}":
            continue  # an event's own page gives its date in the infobox
        index = None
        if entry.key.startswith(own):
            index = int(entry.key.removeprefix(own))
        elif entry.kind == "fact":
            index = same_words.get(" ".join(entry.label.split()))
        if index is not None:
            fact = entity.facts[index]
            label = f"Fact {index + 1}, under {labels.get(fact.section, fact.section)} above"
            entry = replace(entry, label=label, uri=entity_uri(entity.kind, entity.id), anchor=f"fact-{index + 1}")
        shown.append(entry)
    return shown
