"""Partial dates: as precise as a source gives them (2023, 2025-01 or 2023-09-11)."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

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
        if cls is PartialDate:
            return _parse(text)  # a briefing writes the same few thousand dates over and over
        return cls._parse(text)

    @classmethod
    def _parse(cls, text: str) -> PartialDate:
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


@lru_cache(maxsize=4096)
def _parse(text: str) -> PartialDate:
    return PartialDate._parse(text)
