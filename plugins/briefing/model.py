"""The briefing as frozen records: what the pages are made from. Nothing here knows about MkDocs."""

from __future__ import annotations

from dataclasses import dataclass, field

from briefing.dates import PartialDate as PartialDate


@dataclass(frozen=True)
class Origin:
    """Where a record was written: for error messages and "edit this page"."""

    path: str
    line: int = 0
    col: int = 0
    field: str = ""


@dataclass(frozen=True)
class Citation:
    source_id: str
    quote: str | None
    paragraph: int | None
    origin: Origin
    credibility: int = 6
    """Admiralty 1-6: how far the cited information is borne out; 6, "cannot be judged", unless graded."""
    short_quote: bool = False
    """The quote is a name or figure shorter than three words, declared so on purpose."""


@dataclass(frozen=True)
class Fact:
    text: str
    as_of: PartialDate
    date: PartialDate | None
    section: str
    about: tuple[str, ...]
    citations: tuple[Citation, ...]
    origin: Origin
    event: str | None = None
    """The id of the event the fact tells of: timelines show the event once instead of the fact."""
    expected: bool = False
    """The event is announced ahead: its date may lie after the build day."""
    dated_at: tuple[tuple[str, Origin], ...] = ()
    """(field, where it was written) for each date field: as_of, date."""


@dataclass(frozen=True)
class Role:
    title: str
    status: str
    as_of: PartialDate
    citations: tuple[Citation, ...]
    origin: Origin
    country: str | None = None
    organisation: str | None = None
    start: PartialDate | None = None
    end: PartialDate | None = None
    note: str | None = None
    office: str | None = None
    """An office id shared by every holder (president-of-south-korea): successions follow from it."""
    head: str | None = None
    """'state', 'government' or 'state-and-government' for a head of state or government."""
    dated_at: tuple[tuple[str, Origin], ...] = ()
    """(field, where it was written) for each date field: as_of, from, to."""


@dataclass(frozen=True)
class Capital:
    name: str
    citations: tuple[Citation, ...]
    alias: bool = False
    """Whether the capital's name links to the country, as if listed under aliases."""


@dataclass(frozen=True)
class Relation:
    """A typed relation declared on one sheet ('owner'), read "owner <type wording> other"."""

    type: str
    other: str
    status: str
    as_of: PartialDate
    citations: tuple[Citation, ...]
    origin: Origin
    start: PartialDate | None = None
    end: PartialDate | None = None
    note: str | None = None


@dataclass(frozen=True)
class Membership:
    """A member of an organisation, with the dates the sources give."""

    member: str
    as_of: PartialDate
    citations: tuple[Citation, ...]
    origin: Origin
    joined: PartialDate | None = None
    suspended: PartialDate | None = None
    left: PartialDate | None = None
    note: str | None = None


@dataclass(frozen=True)
class Participant:
    entity: str
    role: str | None
    origin: Origin


@dataclass(frozen=True)
class Dated:
    """A date with its citations: an organisation's founding."""

    date: PartialDate
    citations: tuple[Citation, ...]


@dataclass(frozen=True)
class Predecessor:
    entity: str
    citations: tuple[Citation, ...]
    origin: Origin


@dataclass(frozen=True)
class Entity:
    """A country, leader, organisation or topic: one fact sheet, one page."""

    kind: str
    id: str
    name: str
    summary: str
    origin: Origin
    aliases: tuple[str, ...] = ()
    native_names: tuple[str, ...] = ()
    ambiguous_aliases: tuple[str, ...] = ()
    fold_diacritics: bool = True
    """Whether a name written without accents still finds this entity."""
    case_sensitive: tuple[str, ...] = ()
    """Names that match only exactly as written (US, Xi)."""
    not_links: tuple[str, ...] = ()
    """Phrases that must never link, though they contain a name (Benin City)."""
    facts: tuple[Fact, ...] = ()
    # Per kind; empty where the kind has none.
    roles: tuple[Role, ...] = ()
    country: str | None = None
    capital: Capital | None = None
    iso_code: str | None = None
    iso_code_origin: Origin | None = None
    org_type: str | None = None
    members: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Topics: {"countries": (...), "leaders": (...), "organisations": (...), "related_topics": (...)}."""
    alias_lines: tuple[tuple[str, int], ...] = ()
    relations: tuple[Relation, ...] = ()
    memberships: tuple[Membership, ...] = ()
    """Organisations: their members."""
    founded: Dated | None = None
    predecessor: Predecessor | None = None
    # Events
    date: PartialDate | None = None
    end: PartialDate | None = None
    expected: bool = False
    place: str | None = None
    event_type: str | None = None
    participants: tuple[Participant, ...] = ()
    event_citations: tuple[Citation, ...] = ()
    summary_citations: tuple[Citation, ...] = ()
    key_judgements: tuple[Judgement, ...] = ()
    status: tuple[StatusEntry, ...] = ()
    """Topics: dated assessments, oldest first."""

    def citations(self) -> tuple[Citation, ...]:
        """Every citation of the sheet in reading order: capital, event, roles, relations, members, facts."""
        found: list[Citation] = []
        if self.capital:
            found.extend(self.capital.citations)
        found.extend(self.event_citations)
        if self.founded:
            found.extend(self.founded.citations)
        if self.predecessor:
            found.extend(self.predecessor.citations)
        records: list[Role | Relation | Membership | Fact] = [*self.roles, *self.relations, *self.memberships]
        for record in [*records, *self.facts]:
            found.extend(record.citations)
        found.extend(self.summary_citations)
        for judgement in self.key_judgements:
            found.extend(judgement.citations)
        for entry in self.status:
            found.extend(entry.citations)
        return tuple(found)


@dataclass(frozen=True)
class Paragraph:
    number: int
    text: str
    line: int


@dataclass(frozen=True)
class Source:
    id: str
    published: PartialDate
    language: str
    paragraphs: tuple[Paragraph, ...]
    origin: Origin
    title: str | None = None
    publisher: str | None = None
    author: str | None = None
    url: str | None = None
    retrieved: PartialDate | None = None
    sha256: str | None = None
    reliability: str = "F"
    """Admiralty A-F: how reliable the source is; F, "cannot be judged", unless graded."""
    reliability_note: str | None = None
    """Why the editor gave that grade."""
    supplied_title: str | None = None
    """A title written by the editor for an article without one; shown in square brackets."""
    dated_at: tuple[tuple[str, Origin], ...] = ()
    """(field, where it was written) for each date field: published, retrieved."""

    @property
    def display_title(self) -> str:
        """The title; the editor's title in square brackets; else a stand-in made from the first words."""
        if self.title:
            return self.title
        if self.supplied_title:
            return f"[{self.supplied_title}]"
        words = self.paragraphs[0].text.split() if self.paragraphs else []
        opening = " ".join(words[:10])
        return f"Untitled: {opening}…" if words else f"Untitled source {self.id}"


KIND_FOLDERS = {
    "country": "countries",
    "leader": "leaders",
    "organisation": "organisations",
    "topic": "topics",
    "event": "events",
}
KIND_LABELS = {
    "country": "Countries",
    "leader": "Leaders",
    "organisation": "Organisations",
    "topic": "Topics",
    "event": "Events",
}


@dataclass(frozen=True)
class Briefing:
    """Everything read from briefings/ and sources/, keyed by id (ids are unique across kinds)."""

    entities: dict[str, Entity]
    sources: dict[str, Source]
    wording: dict[str, tuple[str, str]] = field(default_factory=dict)
    """Relation type -> (wording from the sheet that declares it, wording from the other end)."""

    def of_kind(self, kind: str) -> list[Entity]:
        if kind == "event":  # events read in date order
            events = (e for e in self.entities.values() if e.kind == kind)
            return sorted(events, key=lambda e: (e.date or PartialDate(0), e.id))
        return sorted((e for e in self.entities.values() if e.kind == kind), key=lambda e: (e.name.casefold(), e.id))

    def words(self, relation_type: str, from_owner: bool) -> str:
        """How a relation reads from one end: 'supplies arms to' from the owner, 'receives arms from' back."""
        forward, inverse = self.wording.get(relation_type, (relation_type.replace("-", " "),) * 2)
        return forward if from_owner else inverse


@dataclass(frozen=True)
class Judgement:
    """A key judgement: the analyst's assessment with an ICD 203 estimative term and a confidence level."""

    text: str
    likelihood: str
    confidence: str
    citations: tuple[Citation, ...]
    origin: Origin
    facts: tuple[int, ...] = ()
    """Numbers of facts on the same sheet that back it (1 is the first, shown as a link to fact-1)."""


@dataclass(frozen=True)
class StatusEntry:
    """One dated assessment of where a topic stands: deteriorated, unchanged, improved or resolved."""

    date: PartialDate
    assessment: str
    text: str
    citations: tuple[Citation, ...]
    origin: Origin
