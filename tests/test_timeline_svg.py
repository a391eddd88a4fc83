"""Timelines: honest order of partial dates, links, escaping, accessibility, determinism."""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from briefing.render.pictures import timeline

Item = timeline.TimelineItem
SVG = "{http://www.w3.org/2000/svg}"


def item(date: str, label: str = "", end: str = "", href: str = "", kind: str = "event", cited: bool = True) -> object:
    return Item(date, end, label or date, href, kind, cited)


@pytest.mark.parametrize(
    ("dates", "expected"),
    [
        (["2024", "2024-03", "2024-01-06", "2023-12"], ["2023-12", "2024-01-06", "2024-03", "2024"]),
        (["2025-01", "2025-01-31", "2025-01-02", "2025-02-01"], ["2025-01-02", "2025-01-31", "2025-01", "2025-02-01"]),
        (["2024", "2024-12-31"], ["2024-12-31", "2024"]),
        (["2024-02", "2024-01"], ["2024-01", "2024-02"]),
        (["2001", "1999-05-05", "2000"], ["1999-05-05", "2000", "2001"]),
    ],
)
def test_partial_dates_are_ordered_honestly(dates: list[str], expected: list[str]) -> None:
    groups = timeline.group_by_year([item(d) for d in dates])
    assert [i.date_iso for _, g in groups for i in g] == expected
    assert [year for year, _ in groups] == sorted({int(d[:4]) for d in dates})


def test_ties_break_by_label_then_href() -> None:
    items = [item("2024-05", "b", href="2"), item("2024-05", "a", href="9"), item("2024-05", "b", href="1")]
    order = [(i.label, i.href) for _, g in timeline.group_by_year(items) for i in g]
    assert order == [("a", "9"), ("b", "1"), ("b", "2")]


@pytest.mark.parametrize(
    ("it", "shown"),
    [
        (item("2024-01-06"), "6 January"),
        (item("2025-01"), "during January"),
        (item("2024"), "during 2024"),
        (item("2019", end="2023"), "2019 – 2023"),
        (item("2022-09", end="2024-10-01"), "September 2022 – 1 October 2024"),
    ],
)
def test_dates_say_what_is_known(it: object, shown: str) -> None:
    assert timeline.date_text(it) == shown
    assert f">{shown}</text>" in timeline.timeline_svg([it], title="t", id_prefix="p")
    assert f">{shown}</time>" in timeline.timeline_html([it])


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (item("2024-13"), "month 13"),
        (item("2023-02-29"), "day 29"),
        (item("24"), "expected a date like"),
        (item("2024-1-6"), "expected a date like"),
        (item("2024", end="2023"), "ends"),
        (item("2024", kind="rumour"), "kind 'rumour'"),
    ],
)
def test_bad_dates_are_refused(bad: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        timeline.group_by_year([bad])


ITEMS = [
    item("2024", "Sanctions reviewed all year", href="../facts/#f1", kind="fact"),
    item("2024-03", "Panel mandate lapses", href="../events/poe/"),
    item("2024-01-06", "Missile launch", href="../events/launch/"),
    item("2023-12", "Satellite attempt", href="../events/sat/", cited=False),
    item("2022-09", '<script>alert(1)</script> "arms"', end="2024-10", href="javascript:alert(1)", kind="fact"),
]


def svg() -> str:
    out: str = timeline.timeline_svg(ITEMS, title="Timeline of North Korea", id_prefix="nk-tl")
    return out


def test_markers_link_in_date_order_and_bad_links_are_dropped() -> None:
    root = ET.fromstring(svg())
    hrefs = [a.get("{http://www.w3.org/1999/xlink}href") for a in root.iter(f"{SVG}a")]
    assert hrefs == ["../events/sat/", "../events/launch/", "../events/poe/", "../facts/#f1"]
    assert "javascript" not in svg()


def test_dots_for_days_and_bars_for_ranges() -> None:
    root = ET.fromstring(svg())
    by_title = {a.findtext(f"{SVG}title"): a for a in root.iter(f"{SVG}a")}
    assert by_title["6 January: Missile launch"].find(f"{SVG}circle") is not None
    bar = by_title["during 2024: Sanctions reviewed all year"].find(f"{SVG}rect")
    assert bar is not None and "bt-bar" in bar.get("class", "")
    # The year-only bar runs over every 2024 row, from the first one down to its own.
    first = by_title["6 January: Missile launch"].find(f"{SVG}circle")
    assert first is not None
    assert float(bar.get("y", "0")) < float(first.get("cy", "0"))
    assert "bt-uncited" in svg().split("Satellite attempt (not cited)")[1].split("</a>")[0]


def test_items_sharing_a_partial_date_share_one_bar() -> None:
    """Three "during January 2025" items: one bar over the month's rows, not a staircase of three."""
    items = [
        item("2025-01", "Talks in Tokyo", href="t/"),
        item("2025-01", "Talks in Seoul", href="s/", kind="fact"),
        item("2025-01-06", "Launch", href="l/"),
        item("2025-01", "Talks in Paris", href="p/", cited=False),
        item("2025-02", "Later alone", href="a/"),
    ]
    root = ET.fromstring(timeline.timeline_svg(items, title="t", id_prefix="p"))
    bars = [r for r in root.iter(f"{SVG}rect") if "bt-bar" in r.get("class", "")]
    assert len(bars) == 2  # the shared January bar and February's own
    shared = next(g for g in root.iter(f"{SVG}g") if "3 entries" in (g.findtext(f"{SVG}title") or ""))
    assert shared.findtext(f"{SVG}title") == "during January: 3 entries, in no known order among themselves"
    bar = shared.find(f"{SVG}rect")
    assert bar is not None and bar.get("class") == "bt-mixed bt-bar"
    by_title = {a.findtext(f"{SVG}title"): a for a in root.iter(f"{SVG}a")}
    launch = by_title["6 January: Launch"].find(f"{SVG}circle")
    assert launch is not None and "bt-on-bar" not in launch.get("class", "")
    top, bottom = float(bar.get("y", "0")), float(bar.get("y", "0")) + float(bar.get("height", "0"))
    assert top < float(launch.get("cy", "0"))  # it may fall before the known day as well as after it
    marks = {}
    for title in (
        "during January: Talks in Paris (not cited)",
        "during January: Talks in Seoul",
        "during January: Talks in Tokyo",
    ):
        mark = by_title[title].find(f"{SVG}*[@class]")
        assert mark is not None and "bt-on-bar" in mark.get("class", ""), title
        centre = float(mark.get("cy") or float(mark.get("y", "0")) + 3.5)
        assert top < centre < bottom, title
        marks[title] = mark
    assert marks["during January: Talks in Seoul"].tag == f"{SVG}rect"  # a fact stays a square
    assert "bt-uncited" in marks["during January: Talks in Paris (not cited)"].get("class", "")
    assert len({float(m.get("cx") or float(m.get("x", "0")) + 3.5) for m in marks.values()}) == 1


def test_escaping_accessibility_and_well_formed() -> None:
    out = svg()
    root = ET.fromstring(out)
    assert root.get("role") == "img"
    assert root.findtext(f"{SVG}title") == "Timeline of North Korea"
    assert "not to time scale" in root.findtext(f"{SVG}desc", "")
    assert "<script" not in out and "&lt;script&gt;alert(1)&lt;/script&gt; &quot;arms&quot;" in out


def test_html_list_groups_by_year_without_headings() -> None:
    html = timeline.timeline_html(ITEMS)
    ET.fromstring(html)
    assert "<h" not in html and "<script" not in html
    assert [y.text for y in ET.fromstring(html).iter("span")] == ["2022", "2023", "2024"]
    assert (
        '<li class="bt-event bt-during"><time datetime="2023-12">during December</time>: <a href="../events/sat/">Satellite attempt</a> (not cited)</li>'
        in html
    )
    assert html.index("Missile launch") < html.index("Panel mandate") < html.index("Sanctions reviewed")


def test_empty_timeline_is_still_a_picture() -> None:
    ET.fromstring(timeline.timeline_svg([], title="t", id_prefix="p"))
    assert timeline.timeline_html([]) == '<ol class="briefing-timeline-list"></ol>'


SCRIPT = """
import sys
from briefing.render.pictures import timeline as t
items = [t.TimelineItem(f"{{2000 + i % 7}}" + ("-%02d" % (i % 12 + 1) if i % 3 else ""), "", f"Item {{i}}", f"i{{i}}/", "event", i % 2 == 0) for i in range(80)]
sys.stdout.write(t.timeline_svg(items, title="t", id_prefix="p") + t.timeline_html(reversed(items)))
"""


def test_byte_identical_across_hash_seeds() -> None:
    tests = str(Path(__file__).resolve().parent)
    outputs = [
        subprocess.run(
            [sys.executable, "-c", SCRIPT.format(tests=tests)],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("0", "7", "31337")
    ]
    assert outputs[0] == outputs[1] == outputs[2] and "Item 79" in outputs[0]
    assert timeline.timeline_svg(list(reversed(ITEMS)), title="Timeline of North Korea", id_prefix="nk-tl") == svg()
