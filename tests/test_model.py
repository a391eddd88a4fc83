"""Partial dates: parsing, display, and what 'stale' means for them."""

from __future__ import annotations

from datetime import date

import pytest

from briefing.model import PartialDate
from briefing.render.resolve import Resolved


@pytest.mark.parametrize(
    ("text", "human", "latest"),
    [
        ("2023-09-11", "11 September 2023", date(2023, 9, 11)),
        ("2025-01", "January 2025", date(2025, 1, 31)),
        ("2023", "2023", date(2023, 12, 31)),
        ("2024-02-29", "29 February 2024", date(2024, 2, 29)),
    ],
)
def test_partial_dates(text: str, human: str, latest: date) -> None:
    parsed = PartialDate.parse(text)
    assert (parsed.iso(), parsed.human(), parsed.latest_day()) == (text, human, latest)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2011-13-01", "month 13 does not exist, in '2011-13-01'"),
        ("2023-02-29", "day 29 does not exist in February 2023, in '2023-02-29'"),
        ("2023-9-1", "expected a date like 2023-09-11, 2025-01 or '2023', got '2023-9-1'"),
        ("11 September 2023", "expected a date like 2023-09-11, 2025-01 or '2023', got '11 September 2023'"),
    ],
)
def test_bad_dates_say_why(text: str, message: str) -> None:
    for _ in range(2):  # parsed dates are kept: a bad one must be refused every time, with its message
        with pytest.raises(ValueError) as exc:
            PartialDate.parse(text)
        assert str(exc.value) == message


def test_partial_dates_sort_coarse_before_fine() -> None:
    dates = [PartialDate.parse(t) for t in ("2025-01-06", "2025", "2023-09-11", "2025-01")]
    assert [d.iso() for d in sorted(dates)] == ["2023-09-11", "2025", "2025-01", "2025-01-06"]


@pytest.mark.parametrize(
    ("as_of", "today", "stale", "months"),
    [
        ("2025-01", date(2026, 1, 30), False, 12),
        ("2025-01", date(2026, 2, 1), True, 13),
        ("2025-01", date(2026, 11, 22), True, 22),
        ("2026-10", date(2026, 11, 22), False, 1),
    ],
)
def test_staleness_counts_from_the_last_day_the_date_could_mean(
    as_of: str, today: date, stale: bool, months: int
) -> None:
    from briefing.model import Briefing

    resolved = Resolved(Briefing({}, {}), today, 365)
    parsed = PartialDate.parse(as_of)
    assert (resolved.is_stale(parsed), resolved.months_since(parsed)) == (stale, months)
