"""Dates weighed against their evidence and the build day (issue 9, item 5).

The base project's mkdocs.yml sets the plugin's `today: "2026-11-22"`; its one source,
sources/wire.md, was published '2023-09-13' (line 4).
"""

from __future__ import annotations

import calendar
from datetime import date
from pathlib import Path

import pytest

from hostile_fixtures import COUNTRY, LEADER, MKDOCS_YML, SOURCE, check, log_lines, make_project, mkdocs_build

COUNTRY_AS_OF = "briefings/countries/north-korea.yml:5:12: facts[0].as_of"
LATER_THAN_WIRE = (
    "is later than the newest source cited, sources/wire.md:4 published '2023-09-13'; as_of is the date of "
    "the newest source behind the claim: cite a newer source, or give its date"
)


@pytest.mark.parametrize("as_of", ["2150-01", "2024-01", "2023-10", "2024"])
def test_an_as_of_later_than_its_newest_source_names_both_lines(tmp_path: Path, as_of: str) -> None:
    country = COUNTRY.replace("as_of: '2023-09'", f"as_of: '{as_of}'")
    code, lines = check(make_project(tmp_path, {"briefings/countries/north-korea.yml": country}))
    assert lines == [f"{COUNTRY_AS_OF}: '{as_of}' {LATER_THAN_WIRE}"]
    assert code == 1


@pytest.mark.parametrize("as_of", ["2023-09-13", "2023-09", "2023", "2023-01-05"])
def test_an_as_of_that_its_source_can_support_is_accepted(tmp_path: Path, as_of: str) -> None:
    country = COUNTRY.replace("as_of: '2023-09'", f"as_of: '{as_of}'")
    assert check(make_project(tmp_path, {"briefings/countries/north-korea.yml": country})) == (0, [])


def test_a_role_as_of_is_held_to_its_sources_too(tmp_path: Path) -> None:
    leader = LEADER.replace("    status: current\n    as_of: '2023-09'", "    status: current\n    as_of: '2025-01'")
    assert check(make_project(tmp_path, {"briefings/leaders/kim-jong-un.yml": leader})) == (
        1,
        [f"briefings/leaders/kim-jong-un.yml:8:12: roles[0].as_of: '2025-01' {LATER_THAN_WIRE}"],
    )


EVENT = "    date: '{date}'\n"


def _with_event_date(when: str, expected: bool = False) -> str:
    extra = EVENT.format(date=when) + ("    expected: true\n" if expected else "")
    return COUNTRY.replace("    as_of: '2023-09'\n", "    as_of: '2023-09'\n" + extra)


def test_an_event_after_the_build_day_needs_the_expected_marker(tmp_path: Path) -> None:
    code, lines = check(make_project(tmp_path, {"briefings/countries/north-korea.yml": _with_event_date("2027-03")}))
    assert lines == [
        "briefings/countries/north-korea.yml:6:11: facts[0].date: '2027-03' is after the build day (2026-11-22); "
        "for an event announced ahead, add expected: true to the fact"
    ]
    assert code == 1
    announced = _with_event_date("2027-03", expected=True)
    assert check(make_project(tmp_path / "announced", {"briefings/countries/north-korea.yml": announced})) == (0, [])


def test_an_event_in_the_month_of_the_build_day_is_not_in_the_future(tmp_path: Path) -> None:
    same_month = _with_event_date("2026-11")
    assert check(make_project(tmp_path, {"briefings/countries/north-korea.yml": same_month})) == (0, [])


@pytest.mark.parametrize(
    ("retrieved", "message"),
    [
        (
            "2023-09-01",
            "sources/wire.md:5:12: retrieved: '2023-09-01' is before the article was published ('2023-09-13', "
            "line 4); retrieved is the day the article was saved",
        ),
        (
            "2027-01-02",
            "sources/wire.md:5:12: retrieved: '2027-01-02' is after the build day (2026-11-22); a date must be "
            "one the sources have seen",
        ),
    ],
)
def test_a_source_retrieved_before_it_appeared_or_in_the_future_is_refused(
    tmp_path: Path, retrieved: str, message: str
) -> None:
    source = SOURCE.replace("published: '2023-09-13'\n", f"published: '2023-09-13'\nretrieved: '{retrieved}'\n")
    assert check(make_project(tmp_path, {"sources/wire.md": source})) == (1, [message])


def test_a_source_retrieved_the_day_it_appeared_is_accepted(tmp_path: Path) -> None:
    source = SOURCE.replace("published: '2023-09-13'\n", "published: '2023-09-13'\nretrieved: '2023-09'\n")
    assert check(make_project(tmp_path, {"sources/wire.md": source})) == (0, [])


def test_briefing_check_falls_back_on_source_date_epoch_like_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without the plugin's `today`, the build day is SOURCE_DATE_EPOCH: the same rule as the MkDocs plugin."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(calendar.timegm(date(2023, 9, 20).timetuple())))
    files = {
        "mkdocs.yml": MKDOCS_YML.replace('      today: "2026-11-22"\n', "      stale_after_days: 365\n"),
        "briefings/countries/north-korea.yml": _with_event_date("2023-10"),
    }
    assert check(make_project(tmp_path, files)) == (
        1,
        [
            "briefings/countries/north-korea.yml:6:11: facts[0].date: '2023-10' is after the build day "
            "(2023-09-20); for an event announced ahead, add expected: true to the fact"
        ],
    )


@pytest.mark.slow
def test_the_build_refuses_what_check_refuses(tmp_path: Path) -> None:
    country = COUNTRY.replace("as_of: '2023-09'", "as_of: '2150-01'")
    result = mkdocs_build(make_project(tmp_path, {"briefings/countries/north-korea.yml": country}))
    assert result.returncode == 1
    assert f"ERROR: briefing: {COUNTRY_AS_OF}: '2150-01' {LATER_THAN_WIRE}" in log_lines(result, "ERROR")
