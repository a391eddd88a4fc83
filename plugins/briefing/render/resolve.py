"""Resolve stage: the links between records that pages show (citations, cited-by, leaders, timelines)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from briefing.check.quotes import find_quote
from briefing.link.crosslinks import Mentioned, linked_from, mentions_in_pages, mentions_in_sources
from briefing.link.linking import AliasIndex
from briefing.model import Briefing, Citation, Entity, PartialDate, Role
from briefing.read.sections import DEFAULT_SECTIONS, Section
from briefing.render.relations import Link, Tenure, all_links, links_by_entity, offices_of
from briefing.render.timelines import Entry, all_entries

STATUS_SHOWN_AS_CURRENT = ("current", "expected")


@dataclass(frozen=True)
class CitingFact:
    """A fact (or role, or capital) on an entity page that cites a source paragraph."""

    entity_id: str
    anchor: str
    text: str


@dataclass
class Resolved:
    briefing: Briefing
    today: date
    stale_after_days: int
    sections: tuple[Section, ...] = DEFAULT_SECTIONS
    cited_by: dict[str, dict[int, list[CitingFact]]] = field(default_factory=dict)
    leaders_of: dict[str, list[tuple[Entity, Role]]] = field(default_factory=dict)
    mentioned_in: dict[str, list[Mentioned]] = field(default_factory=dict)
    linked_from: dict[str, list[str]] = field(default_factory=dict)
    named_by_sources: frozenset[str] | None = None
    """Ids of the sheets some source names (link.gaps.unmentioned_sheets, read once); None without an index."""
    links: dict[str, list[Link]] = field(default_factory=dict)
    """Entity id -> every relations-graph link that touches it."""
    all_links: list[Link] = field(default_factory=list)
    entries: dict[str, list[Entry]] = field(default_factory=dict)
    """Entity id -> its timeline entries, each once; '' -> the whole briefing's."""
    offices: dict[str, list[Tenure]] = field(default_factory=dict)
    told_in: dict[str, list[CitingFact]] = field(default_factory=dict)
    """Event id -> the facts on any sheet that tell of it."""
    pictures: bool = True
    """Whether pages carry graphs, maps and timeline pictures (off only to measure what they cost)."""
    _paragraphs: dict[Citation, int | None] = field(default_factory=dict, repr=False)

    def paragraph_of(self, citation: Citation) -> int | None:
        """The paragraph a citation points at: given, or where its quote was found (looked up once)."""
        if citation.paragraph is not None or citation.quote is None:
            return citation.paragraph
        if citation not in self._paragraphs:
            paragraphs = self.briefing.sources[citation.source_id].paragraphs
            self._paragraphs[citation] = find_quote(citation.quote, paragraphs)
        return self._paragraphs[citation]

    def is_stale(self, as_of: PartialDate) -> bool:
        return (self.today - as_of.latest_day()).days > self.stale_after_days

    def months_since(self, as_of: PartialDate) -> int:
        last = as_of.latest_day()
        return max(0, (self.today.year - last.year) * 12 + self.today.month - last.month)


def fact_anchor(index: int) -> str:
    return f"fact-{index + 1}"


def role_anchor(index: int) -> str:
    return f"role-{index + 1}"


def resolve(
    briefing: Briefing,
    today: date,
    stale_after_days: int = 365,
    *,
    index: AliasIndex | None = None,
    pages_text: Mapping[str, tuple[str, str]] | None = None,
    pictures: bool = True,
    sections: tuple[Section, ...] = DEFAULT_SECTIONS,
) -> Resolved:
    """Everything the pages show about each other. `pages_text`: hand-written pages, uri -> (title, text)."""
    resolved = Resolved(briefing, today, stale_after_days, sections, pictures=pictures)
    resolved.all_links = all_links(briefing)
    resolved.links = links_by_entity(resolved.all_links)
    resolved.entries = all_entries(briefing)
    resolved.offices = offices_of(briefing)
    if index is not None:
        from_sources = mentions_in_sources(briefing, index)
        resolved.named_by_sources = frozenset(from_sources)
        from_pages = mentions_in_pages(pages_text or {}, index)
        resolved.mentioned_in = {
            k: from_sources.get(k, []) + from_pages.get(k, []) for k in sorted({*from_sources, *from_pages})
        }
        resolved.linked_from = linked_from(briefing.entities.values(), index)
    cited: dict[str, dict[int, list[CitingFact]]] = defaultdict(lambda: defaultdict(list))
    leaders: dict[str, list[tuple[Entity, Role]]] = defaultdict(list)

    def cite(entity: Entity, anchor: str, text: str, citations: tuple[Citation, ...]) -> None:
        for citation in citations:
            paragraph = resolved.paragraph_of(citation) or 0
            citing = CitingFact(entity.id, anchor, text)
            if citing not in cited[citation.source_id][paragraph]:
                cited[citation.source_id][paragraph].append(citing)

    for entity in briefing.entities.values():
        if entity.event_citations:
            cite(entity, "event", f"Event: {entity.name}", entity.event_citations)
        for position, relation in enumerate(entity.relations):
            cite(entity, f"relation-{position + 1}", f"Relation: {briefing.words(relation.type, True)} "
                 f"{briefing.entities[relation.other].name if relation.other in briefing.entities else relation.other}",
                 relation.citations)  # fmt: skip
        for membership in entity.memberships:
            cite(entity, "members", f"Member: {membership.member}", membership.citations)
        if entity.founded:
            cite(entity, "founded", "Founded", entity.founded.citations)
        if entity.predecessor:
            cite(entity, "predecessor", "Predecessor", entity.predecessor.citations)
        if entity.capital:
            cite(entity, "capital", f"Capital: {entity.capital.name}", entity.capital.citations)
        for position, role in enumerate(entity.roles):
            cite(entity, role_anchor(position), f"Role: {role.title}", role.citations)
            if role.country:
                leaders[role.country].append((entity, role))
        for position, fact in enumerate(entity.facts):
            anchor = fact_anchor(position)
            cite(entity, anchor, fact.text, fact.citations)
            if fact.event:
                resolved.told_in.setdefault(fact.event, []).append(CitingFact(entity.id, anchor, fact.text))

    resolved.cited_by = {s: dict(sorted(p.items())) for s, p in sorted(cited.items())}
    resolved.leaders_of = {
        c: sorted(rows, key=lambda r: (r[1].status != "current", r[0].name)) for c, rows in sorted(leaders.items())
    }
    return resolved


def last_as_of(entity: Entity) -> PartialDate | None:
    """The newest as-of date on a sheet: how current the page is."""
    dates = [f.as_of for f in entity.facts] + [r.as_of for r in entity.roles]
    return max(dates) if dates else None
