"""Resolve stage, links between entities: every edge of the relations graph, read from both ends.

One `Link` per relation, membership, event participation, role, topic member and predecessor.
An entity page lists the links that touch it in its own wording (`rows_for`), and the graphs draw
the same links (`graph_edges`), so the picture and its table always agree.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefing.model import Briefing, Citation, Entity, PartialDate


@dataclass(frozen=True)
class Link:
    """A directed link read "source forward target"; the target's page reads "target inverse source"."""

    source: str
    target: str
    forward: str
    inverse: str
    start: PartialDate | None
    end: PartialDate | None
    status: str
    as_of: PartialDate | None
    citations: tuple[Citation, ...]
    declared_on: str
    anchor: str = ""
    note: str | None = None
    symmetric: bool = False
    once: bool = False
    """A link to an event: its dates are when the event happened, not a span the link lasted."""
    via: str = "relation"
    """What declares it: relation, membership, participant, role, topic or predecessor."""

    @property
    def dated(self) -> str:
        """'2019–2023', 'since 2023', 'until 2024', 'as of January 2025', an event's date, or ''."""
        if self.once and self.start:
            return self.start.human() + (f" – {self.end.human()}" if self.end else "")
        if self.start and self.end:
            return f"{self.start.human()} – {self.end.human()}"
        if self.start:
            return f"since {self.start.human()}"
        if self.end:
            return f"until {self.end.human()}"
        return f"as of {self.as_of.human()}" if self.as_of else ""


@dataclass(frozen=True)
class Row:
    """A link as one entity's page shows it: its own wording, the other entity."""

    words: str
    other: str
    link: Link


def relation_anchor(index: int) -> str:
    return f"relation-{index + 1}"


def _member_status(left: PartialDate | None, suspended: PartialDate | None) -> str:
    return "ended" if left else "suspended" if suspended else "active"


def all_links(briefing: Briefing) -> list[Link]:
    """Every link of the briefing, in a fixed order (by declaring sheet, then as written)."""
    links: list[Link] = []
    entities = briefing.entities
    for entity in entities.values():
        for index, relation in enumerate(entity.relations):
            if relation.other not in entities:
                continue
            forward, inverse = briefing.words(relation.type, True), briefing.words(relation.type, False)
            links.append(Link(entity.id, relation.other, forward, inverse, relation.start, relation.end,
                              relation.status, relation.as_of, relation.citations, entity.id,
                              relation_anchor(index), relation.note, forward == inverse))  # fmt: skip
        for m in entity.memberships:
            if m.member in entities:
                links.append(Link(m.member, entity.id, "member of", "has as member", m.joined, m.left,
                                  _member_status(m.left, m.suspended), m.as_of, m.citations, entity.id,
                                  "members", m.note, via="membership"))  # fmt: skip
        for p in entity.participants:
            if p.entity in entities:
                role = f"took part in ({p.role})" if p.role else "took part in"
                back = f"participant ({p.role})" if p.role else "participant"
                links.append(Link(p.entity, entity.id, role, back, entity.date, entity.end,
                                  "expected" if entity.expected else "", None, entity.event_citations,
                                  entity.id, "event", once=True, via="participant"))  # fmt: skip
        for index, held in enumerate(entity.roles):
            for target in (held.country, held.organisation):
                if target and target in entities:
                    links.append(Link(entity.id, target, held.title, held.title, held.start, held.end, held.status,
                                      held.as_of, held.citations, entity.id, f"role-{index + 1}",
                                      via="role"))  # fmt: skip
        for key, ids in entity.members.items():
            words = "related to" if key == "related_topics" else "concerns"
            back = "related to" if key == "related_topics" else "concerned in"
            for other in ids:
                if other in entities:
                    links.append(Link(entity.id, other, words, back, None, None, "", None, (), entity.id, via="topic"))
        if entity.predecessor and entity.predecessor.entity in entities:
            links.append(Link(entity.id, entity.predecessor.entity, "successor of", "predecessor of", None, None,
                              "active", None, entity.predecessor.citations, entity.id, "predecessor",
                              via="predecessor"))  # fmt: skip
    return links


def rows_for(entity_id: str, links: list[Link], entities: dict[str, Entity]) -> list[Row]:
    """The links that touch one entity, in its wording, sorted by the other entity's kind and name."""
    rows = [Row(link.forward, link.target, link) for link in links if link.source == entity_id] + [
        Row(link.inverse, link.source, link) for link in links if link.target == entity_id
    ]
    kinds = ("country", "leader", "organisation", "topic", "event")

    def order(row: Row) -> tuple[int, str, str, str]:
        other = entities[row.other]
        return (kinds.index(other.kind), other.name.casefold(), other.id, row.words)

    return sorted(rows, key=order)


def links_by_entity(links: list[Link]) -> dict[str, list[Link]]:
    found: dict[str, list[Link]] = {}
    for link in links:
        found.setdefault(link.source, []).append(link)
        if link.target != link.source:
            found.setdefault(link.target, []).append(link)
    return found


STATUS_RANK = {"former": 0, "current": 1, "acting": 1, "interim": 1, "expected": 2}


@dataclass(frozen=True)
class Tenure:
    holder: Entity
    index: int
    """The role's position on the holder's sheet."""


def offices_of(briefing: Briefing) -> dict[str, list[Tenure]]:
    """Office id -> its holders in order: former, then in office, then expected; within each by dates."""
    offices: dict[str, list[Tenure]] = {}
    for entity in briefing.entities.values():
        for index, role in enumerate(entity.roles):
            if role.office:
                offices.setdefault(role.office, []).append(Tenure(entity, index))

    def order(t: Tenure) -> tuple[int, PartialDate, PartialDate, str, str]:
        role = t.holder.roles[t.index]
        return (STATUS_RANK.get(role.status, 1), role.start or PartialDate(0), role.end or PartialDate(9999),
                t.holder.name, t.holder.id)  # fmt: skip

    return {office: sorted(rows, key=order) for office, rows in sorted(offices.items())}


def neighbours_in_office(
    offices: dict[str, list[Tenure]], holder: str, index: int
) -> tuple[Entity | None, Entity | None]:
    """(predecessor, successor) of one role in its office, as the order of `offices_of` gives them."""
    role = next((t for rows in offices.values() for t in rows if t.holder.id == holder and t.index == index), None)
    if role is None:
        return None, None
    rows = offices[role.holder.roles[index].office or ""]
    at = rows.index(role)
    before = rows[at - 1].holder if at > 0 else None
    after = rows[at + 1].holder if at + 1 < len(rows) else None
    return before, after
