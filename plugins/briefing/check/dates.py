"""Dates weighed against their evidence and the build day.

`as_of` is the date of the newest source behind a claim, so it can be no later than the newest
source the claim cites; no date can lie after the day the site is built (an event announced ahead
says so with `expected: true`); an article cannot be saved (`retrieved`) before it appeared.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from briefing.model import Citation, Origin, PartialDate, Source
from briefing.problems import Problem
from briefing.read.records import ReadResult


def earliest_day(when: PartialDate) -> date:
    """The first day a date could mean: 2025-01 began on the 1st."""
    return date(when.year, when.month or 1, when.day or 1)


def _after(later: PartialDate, earlier: PartialDate) -> bool:
    """Whether `later` must lie after `earlier`, however the two are meant within their precision."""
    return earliest_day(later) > earlier.latest_day()


def _at(where: Origin, message: str) -> Problem:
    return Problem(where.path, where.line, where.col, where.field, message)


def _future(where: Origin, when: PartialDate, today: date, advice: str) -> Problem:
    return _at(where, f"{when.iso()!r} is after the build day ({today.isoformat()}); {advice}")


_HAPPENED = "a date must be one the sources have seen"


def check_dates(result: ReadResult, today: date) -> Iterator[Problem]:
    """Every date that claims more than its evidence, in file order."""
    for source in result.sources.values():
        yield from _source_dates(source, today)
    for entity in result.entities.values():
        for role in entity.roles:
            dated = dict(role.dated_at)
            yield from _as_of(role.as_of, dated, role.citations, result.sources, today)
            for key, when in (("from", role.start), ("to", role.end)):
                if when and key in dated and earliest_day(when) > today and role.status != "expected":
                    yield _future(dated[key], when, today, _HAPPENED + "; a role not yet begun is status: expected")
        for fact in entity.facts:
            dated = dict(fact.dated_at)
            yield from _as_of(fact.as_of, dated, fact.citations, result.sources, today)
            if fact.date and "date" in dated and earliest_day(fact.date) > today and not fact.expected:
                advice = "for an event announced ahead, add expected: true to the fact"
                yield _future(dated["date"], fact.date, today, advice)


def _source_dates(source: Source, today: date) -> Iterator[Problem]:
    dated = dict(source.dated_at)
    for key, when in (("published", source.published), ("retrieved", source.retrieved)):
        if when and key in dated and earliest_day(when) > today:
            yield _future(dated[key], when, today, _HAPPENED)
    if source.retrieved and "retrieved" in dated and _after(source.published, source.retrieved):
        line = dated["published"].line if "published" in dated else 0
        yield _at(
            dated["retrieved"],
            f"{source.retrieved.iso()!r} is before the article was published ({source.published.iso()!r}, line "
            f"{line}); retrieved is the day the article was saved",
        )


def _as_of(
    as_of: PartialDate,
    dated: dict[str, Origin],
    citations: tuple[Citation, ...],
    sources: dict[str, Source],
    today: date,
) -> Iterator[Problem]:
    if "as_of" not in dated:
        return
    where = dated["as_of"]
    cited = [sources[c.source_id] for c in citations if c.source_id in sources]
    newest = max(cited, key=lambda s: (s.published.latest_day(), s.id)) if cited else None
    if newest is None or not _after(as_of, newest.published):
        # A future as_of that its sources match is reported at their future `published`.
        if newest is None and earliest_day(as_of) > today:
            yield _future(where, as_of, today, _HAPPENED + "; as_of is the date of the newest source behind the claim")
        return
    published = dict(newest.dated_at).get("published", newest.origin)
    yield _at(
        where,
        f"{as_of.iso()!r} is later than the newest source cited, {published.path}:{published.line} published "
        f"{newest.published.iso()!r}; as_of is the date of the newest source behind the claim: cite a newer "
        "source, or give its date",
    )
