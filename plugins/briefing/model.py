"""The briefing as frozen records: what the pages are made from. Nothing here knows about MkDocs."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_MONTHS = tuple(calendar.month_name)


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date as precise as a source gives it: 2023, 2025-01 or 2023-09-11."""

    year: int
    month: int = 0
    day: int = 0

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Raises ValueError with a reader's message for a malformed or impossible date."""
        match = _DATE.match(text)
        if not match:
            raise ValueError(f"expected a date like 2023-09-11, 2025-01 or '2023', got {text!r}")
        year, month, day = (int(g) if g else 0 for g in match.groups())
        if match.group(2) and not 1 <= month <= 12:
            raise ValueError(f"month {month} does not exist, in {text!r}")
        if match.group(3):
            last = calendar.monthrange(year, month)[1]
            if not 1 <= day <= last:
                raise ValueError(f"day {day} does not exist in {_MONTHS[month]} {year}, in {text!r}")
        return cls(year, month, day)

    def iso(self) -> str:
        text = f"{self.year:04d}"
        if self.month:
            text += f"-{self.month:02d}"
            if self.day:
                text += f"-{self.day:02d}"
        return text

    def human(self) -> str:
        """11 September 2023, January 2025, 2023."""
        if self.day:
            return f"{self.day} {_MONTHS[self.month]} {self.year}"
        if self.month:
            return f"{_MONTHS[self.month]} {self.year}"
        return str(self.year)

    def latest_day(self) -> date:
        """The last day this date could mean: a fact as of January 2025 held until the 31st at most."""
        if self.day:
            return date(self.year, self.month, self.day)
        if self.month:
            return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        return date(self.year, 12, 31)


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
    dated_at: tuple[tuple[str, Origin], ...] = ()
    """(field, where it was written) for each date field: as_of, from, to."""


@dataclass(frozen=True)
class Capital:
    name: str
    citations: tuple[Citation, ...]


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
    org_type: str | None = None
    members: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Topics: {"countries": (...), "leaders": (...), "organisations": (...), "related_topics": (...)}."""
    alias_lines: tuple[tuple[str, int], ...] = ()

    def citations(self) -> tuple[Citation, ...]:
        """Every citation of the sheet in reading order: capital, roles, facts."""
        found: list[Citation] = []
        if self.capital:
            found.extend(self.capital.citations)
        for role in self.roles:
            found.extend(role.citations)
        for fact in self.facts:
            found.extend(fact.citations)
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
    dated_at: tuple[tuple[str, Origin], ...] = ()
    """(field, where it was written) for each date field: published, retrieved."""

    @property
    def display_title(self) -> str:
        """The title, or for an article without one an honest stand-in made from its first words."""
        if self.title:
            return self.title
        words = self.paragraphs[0].text.split() if self.paragraphs else []
        opening = " ".join(words[:10])
        return f"Untitled: {opening}…" if words else f"Untitled source {self.id}"


KIND_FOLDERS = {
    "country": "countries",
    "leader": "leaders",
    "organisation": "organisations",
    "topic": "topics",
}
KIND_LABELS = {
    "country": "Countries",
    "leader": "Leaders",
    "organisation": "Organisations",
    "topic": "Topics",
}


@dataclass(frozen=True)
class Briefing:
    """Everything read from briefings/ and sources/, keyed by id (ids are unique across kinds)."""

    entities: dict[str, Entity]
    sources: dict[str, Source]

    def of_kind(self, kind: str) -> list[Entity]:
        return sorted((e for e in self.entities.values() if e.kind == kind), key=lambda e: (e.name.casefold(), e.id))
