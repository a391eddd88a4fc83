"""Timelines as static inline SVG and as an HTML list, honest about dates known only in part.

Order (`group_by_year`): items are grouped by the year they start in. Within a year, items with a
month come in month order; within a month, items with a day come in day order, and the items
known only to the month follow them as "during January 2025"; the items known only to the year
come last, as "during 2024". No partial date is ever placed as if it fell on the 1st: a "2024"
item is not before a "2024-01-06" one, because nobody knows that. Ties are broken by label, then
href, then end date.

Picture (`timeline_svg`): vertical, because a phone is 390 px wide and a horizontal axis of many
years leaves no room for labels there; a vertical list of rows scrolls with the page and keeps
labels at full size. Rows follow the order above and are not to time scale (the `<desc>` says
so). A dot on the axis marks a known day; a bar beside the axis marks an item whose date is a
range: a span (with `end_iso`), a month-only item or a year-only item. The bar runs over every
row that the item may be among (a "2024" item's bar runs from the first 2024 row to its own),
which draws its imprecision instead of hiding it. Items that share one partial date ("during
January 2025", eight of them) share one bar, over the same rows, with each item's own small marker
on it at its row: eight bars of growing length would draw an order among them that nobody knows.
Circles are events, squares facts; a hollow, dashed marker is an item without a citation. Every
marker and label links to `href`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .graph_nodes import svg_open
from .svg_text import attr, chars_fitting, num, safe_href, text, text_lines, wrap

MONTHS = "January February March April May June July August September October November December".split()
_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)

WIDTH = 400.0
AXIS_X = 58.0
LANE_W = 9.0
LABEL_PX = 13.0
LINE_PX = 16.0
DATE_PX = 11.0
YEAR_ROW = 28.0
TOP = 8.0


@dataclass(frozen=True)
class TimelineItem:
    """One dated entry. Dates are "2024", "2024-01" or "2024-01-06"; `end_iso` "" unless a span.

    `kind` is "event" or "fact"; `cited` is False for an entry without a citation; `href` is
    relative to the page the timeline goes on, "" for no link.
    """

    date_iso: str
    end_iso: str
    label: str
    href: str = ""
    kind: str = "event"
    cited: bool = True


def parse_partial(value: str) -> tuple[int, int | None, int | None]:
    """(year, month or None, day or None). Raises ValueError for anything but YYYY, YYYY-MM, YYYY-MM-DD."""
    found = _PARTIAL.match(value)
    if not found:
        raise ValueError(f"expected a date like 2024, 2024-01 or 2024-01-06, got {value!r}")
    year = int(found.group(1))
    month = int(found.group(2)) if found.group(2) else None
    day = int(found.group(3)) if found.group(3) else None
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"month {month} out of range in {value!r}")
    if month is not None and day is not None and not 1 <= day <= _DAYS[month - 1] - (month == 2 and not leap):
        raise ValueError(f"day {day} out of range in {value!r}")
    return year, month, day


def _position(value: str) -> tuple[int, int, int]:
    """Sort position: an unknown month or day sorts after every known one of its year or month."""
    year, month, day = parse_partial(value)
    return year, month if month is not None else 13, day if day is not None else 32


def _key(item: TimelineItem) -> tuple[tuple[int, int, int], str, str, str, str]:
    return _position(item.date_iso), item.label.casefold(), item.label, item.href, item.end_iso


def _checked(items: Iterable[TimelineItem]) -> list[TimelineItem]:
    result = []
    for item in items:
        if item.kind not in ("event", "fact"):
            raise ValueError(f"{item.label!r}: kind {item.kind!r} is not 'event' or 'fact'")
        if item.end_iso and _position(item.end_iso) < _position(item.date_iso):
            raise ValueError(f"{item.label!r}: ends ({item.end_iso}) before it starts ({item.date_iso})")
        result.append(item)
    return sorted(result, key=_key)


def group_by_year(items: Iterable[TimelineItem]) -> list[tuple[int, list[TimelineItem]]]:
    """Items by start year, oldest first, each year in the honest order the module docstring states.

    Raises ValueError for a malformed date, an unknown kind or a span that ends before it starts.
    """
    groups: list[tuple[int, list[TimelineItem]]] = []
    for item in _checked(items):
        year = parse_partial(item.date_iso)[0]
        if not groups or groups[-1][0] != year:
            groups.append((year, []))
        groups[-1][1].append(item)
    return groups


def format_partial(value: str, with_year: bool = True) -> str:
    """ "6 January 2024", "January 2024", "2024"; without the year: "6 January", "January"."""
    year, month, day = parse_partial(value)
    parts = [str(day)] if day is not None else []
    if month is not None:
        parts.append(MONTHS[month - 1])
    if with_year or month is None:
        parts.append(str(year))
    return " ".join(parts)


def date_text(item: TimelineItem) -> str:
    """The date as a reader sees it in a year's list: "6 January", "during January", "2019 – 2023"."""
    if item.end_iso:
        return f"{format_partial(item.date_iso)} – {format_partial(item.end_iso)}"
    _, month, day = parse_partial(item.date_iso)
    if day is not None:
        return format_partial(item.date_iso, with_year=False)
    return "during " + format_partial(item.date_iso, with_year=month is None)


def _bar_rows(rows: list[TimelineItem], i: int) -> tuple[int, int] | None:
    """First and last row a bar runs over, or None for an item drawn as a dot.

    A span runs from its own row over every later row that starts no later than its end; a
    month-only (year-only) item runs from the first row of its month (year) down to its own row,
    which `group_by_year` puts last among them.
    """
    item = rows[i]
    if item.end_iso:
        end = _position(item.end_iso)
        last = i
        while last + 1 < len(rows) and _position(rows[last + 1].date_iso) <= end:
            last += 1
        return i, last
    year, month, day = parse_partial(item.date_iso)
    if day is not None:
        return None
    known = (year,) if month is None else (year, month)
    first = i
    while first > 0 and parse_partial(rows[first - 1].date_iso)[: len(known)] == known:
        first -= 1
    return first, i


def _shared_bars(rows: list[TimelineItem], bars: dict[int, tuple[int, int]]) -> dict[int, int]:
    """Row -> the row owning its bar, for runs of two or more items with the same partial date.

    The owner is the run's first row; `bars` is changed in place so the owner's bar runs from where
    it would start down to the run's last row, and the other rows of the run have none. Spans and
    single items keep their own bar (absent from the result).
    """
    owner: dict[int, int] = {}
    for i in sorted(bars):
        item, before = rows[i], rows[i - 1]
        if i - 1 in bars and not item.end_iso and not before.end_iso and before.date_iso == item.date_iso:
            owner[i] = owner.get(i - 1, i - 1)
            owner.setdefault(i - 1, i - 1)
    for i, first in owner.items():
        if i != first:
            bars[first] = (bars[first][0], max(bars[first][1], bars.pop(i)[1]))
    return owner


def _lanes(bars: dict[int, tuple[int, int]]) -> dict[int, int]:
    """A lane per bar such that bars sharing a row never share a lane (greedy, by first row)."""
    ends: list[int] = []
    lane_of: dict[int, int] = {}
    for i, (first, last) in sorted(bars.items(), key=lambda kv: (kv[1], kv[0])):
        lane = next((n for n, end in enumerate(ends) if end < first), len(ends))
        if lane == len(ends):
            ends.append(last)
        else:
            ends[lane] = last
        lane_of[i] = lane
    return lane_of


def timeline_svg(items: Iterable[TimelineItem], *, title: str, id_prefix: str) -> str:
    """An `<svg role="img">` of `items` as a vertical timeline, 400 units wide (see module docstring)."""
    groups = group_by_year(items)
    rows = [item for _, group in groups for item in group]
    bars = {i: span for i in range(len(rows)) if (span := _bar_rows(rows, i)) is not None}
    shared = _shared_bars(rows, bars)
    lanes = _lanes(bars)
    label_x = AXIS_X + 12 + LANE_W * (max(lanes.values(), default=-1) + 1)
    max_chars = chars_fitting(WIDTH - label_x - 8, LABEL_PX)

    # First pass: where every row goes, so that a bar can run over rows drawn after its own.
    y = TOP
    row_top: list[float] = []
    row_lines: list[list[str]] = []
    row_bottom: list[float] = []
    parts: list[str] = []
    for g, (year, group) in enumerate(groups):
        if g and year > groups[g - 1][0] + 1:
            parts.append(f'<text class="bt-date" x="24" y="{num(y + 10)}" text-anchor="middle">⋯</text>')
            y += 16
        parts.append(f'<line class="bt-tick" x1="8" y1="{num(y + 4)}" x2="{num(WIDTH - 8)}" y2="{num(y + 4)}"/>')
        axis_from = y + 4
        parts.append(f'<text class="bt-year" x="8" y="{num(y + 21)}">{year}</text>')
        y += YEAR_ROW
        for item in group:
            lines, _ = wrap(item.label, max_chars, 3)
            row_top.append(y)
            row_lines.append(lines)
            y += DATE_PX + 4 + LINE_PX * len(lines) + 8
            row_bottom.append(y)
        parts.append(
            f'<line class="bt-axis" x1="{num(AXIS_X)}" y1="{num(axis_from)}" x2="{num(AXIS_X)}" y2="{num(y)}"/>'
        )
    for i, item in enumerate(rows):
        bar: tuple[float, float, float] | float | None = None
        if i in shared:
            bar = AXIS_X + 11 + LANE_W * lanes[shared[i]]
            if shared[i] == i:
                parts.append(_shared_bar(rows, i, shared, row_top[bars[i][0]] + 2, row_bottom[bars[i][1]] - 4, bar))
        elif i in bars:
            first, last = bars[i]
            # Rows of one year are contiguous; a span running into a later year crosses its header too.
            bar = (AXIS_X + 8 + LANE_W * lanes[i], row_top[first] + 2, row_bottom[last] - 4)
        parts.append(_row(item, row_top[i], row_lines[i], label_x, bar))
    years = f"from {groups[0][0]} to {groups[-1][0]}" if groups else "none"
    desc = (
        f"{len(rows)} entries {years}, in date order from top to bottom; rows are not to time scale. "
        "A dot marks a known day; a bar marks a span, or a date known only to the month or year, "
        "and runs over the entries it may fall among; entries sharing one such date share one bar, "
        "each marked on it. Circles are events, squares facts; hollow "
        "markers are entries without a citation."
    )
    return svg_open(WIDTH, y + 8, id_prefix, title, desc, "briefing-timeline") + "".join(parts) + "</svg>"


def _shared_bar(rows: list[TimelineItem], owner: int, shared: dict[int, int], y0: float, y1: float, x: float) -> str:
    """The one bar of a run of items with the same partial date; its title says how many share it."""
    members = [rows[i] for i, first in shared.items() if first == owner]
    kinds = sorted({item.kind for item in members})
    css = f"bt-{kinds[0]}" if len(kinds) == 1 else "bt-mixed"
    css += "" if any(m.cited for m in members) else " bt-uncited"
    tip = f"{date_text(members[0])}: {len(members)} entries, in no known order among themselves"
    rect = f'<rect class="{css} bt-bar" x="{num(x - 3)}" y="{num(y0)}" width="6" height="{num(y1 - y0)}" rx="3"/>'
    return f"<g><title>{text(tip)}</title>{rect}</g>"


def _row(
    item: TimelineItem, y: float, lines: list[str], label_x: float, bar: tuple[float, float, float] | float | None
) -> str:
    """One entry: its marker (a dot; its own bar given as x, top, bottom; or, given an x alone, a
    small mark on a bar it shares there), its date and its label."""
    css = f"bt-{item.kind}" + ("" if item.cited else " bt-uncited")
    mid = y + DATE_PX + 4
    if isinstance(bar, float) and item.kind == "event":
        marker = f'<circle class="{css} bt-on-bar" cx="{num(bar)}" cy="{num(mid)}" r="3.5"/>'
    elif isinstance(bar, float):
        marker = f'<rect class="{css} bt-on-bar" x="{num(bar - 3.5)}" y="{num(mid - 3.5)}" width="7" height="7"/>'
    elif bar is not None:
        x, y0, y1 = bar
        marker = f'<rect class="{css} bt-bar" x="{num(x)}" y="{num(y0)}" width="6" height="{num(y1 - y0)}" rx="3"/>'
    elif item.kind == "event":
        marker = f'<circle class="{css}" cx="{num(AXIS_X)}" cy="{num(mid)}" r="5"/>'
    else:
        marker = f'<rect class="{css}" x="{num(AXIS_X - 4.5)}" y="{num(mid - 4.5)}" width="9" height="9"/>'
    tip = f"{date_text(item)}: {item.label}" + ("" if item.cited else " (not cited)")
    body = (
        f"<title>{text(tip)}</title>{marker}"
        f'<text class="bt-date" x="{num(label_x)}" y="{num(y + DATE_PX + 2)}">{text(date_text(item))}</text>'
        + text_lines(lines, label_x, y + DATE_PX + 4 + LINE_PX - 2, LINE_PX, "bt-label", "start")
    )
    href = safe_href(item.href)
    return f'<a xlink:href="{href}">{body}</a>' if href is not None else f"<g>{body}</g>"


def timeline_html(items: Iterable[TimelineItem]) -> str:
    """The same entries as an `<ol>` of years, each an `<ol>` of entries with a `<time>` and a link."""
    years: list[str] = []
    for year, group in group_by_year(items):
        entries: list[str] = []
        for item in group:
            href = safe_href(item.href)
            label = f'<a href="{href}">{text(item.label)}</a>' if href is not None else text(item.label)
            during = parse_partial(item.date_iso)[2] is None and not item.end_iso
            css = f"bt-{item.kind}" + (" bt-during" if during else "")
            when = f'<time datetime="{attr(item.date_iso)}">{text(date_text(item))}</time>'
            note = "" if item.cited else " (not cited)"
            entries.append(f'<li class="{css}">{when}: {label}{text(note)}</li>')
        years.append(f'<li><span class="bt-list-year">{year}</span><ol>{"".join(entries)}</ol></li>')
    return f'<ol class="briefing-timeline-list">{"".join(years)}</ol>'
