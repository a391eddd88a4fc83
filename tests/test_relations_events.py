"""Relations read from both ends, offices in order, timelines with each event once (tiers 1 and 3)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing.check.links import check_offices
from briefing.model import Briefing, Citation, Entity, Fact, Origin, PartialDate, Participant, Relation, Role
from briefing.read.vocabulary import relation_wording
from briefing.render.relations import all_links, offices_of, rows_for
from briefing.render.timelines import all_entries
from conftest import Project

REPO = Path(__file__).resolve().parents[1]
CITE = (Citation("wire", None, 1, Origin("x.yml")),)
D = PartialDate.parse


def entity(kind: str, id_: str, **fields: object) -> Entity:
    return Entity(kind=kind, id=id_, name=id_.replace("-", " ").title(), summary="s", origin=Origin(f"{id_}.yml"),
                  **fields)  # type: ignore[arg-type]  # fmt: skip


def role(status: str, start: str | None = None, office: str = "president-of-x") -> Role:
    return Role("President", status, D("2025-01"), CITE, Origin("r.yml", 5, 5), country="x",
                start=D(start) if start else None, office=office)  # fmt: skip


def test_a_relation_reads_forward_on_its_sheet_and_inverse_on_the_other() -> None:
    supply = Relation("arms-supply", "north-korea", "alleged", D("2025-01"), CITE, Origin("russia.yml", 3, 11))
    briefing = Briefing(
        {"russia": entity("country", "russia", relations=(supply,)), "north-korea": entity("country", "north-korea")},
        {},
        wording=relation_wording(REPO / "schemas"),
    )
    links = all_links(briefing)
    assert [(r.words, r.other) for r in rows_for("russia", links, briefing.entities)] == [
        ("supplies arms to", "north-korea")
    ]
    assert [(r.words, r.other) for r in rows_for("north-korea", links, briefing.entities)] == [
        ("receives arms from", "russia")
    ]


@pytest.mark.parametrize(
    ("holders", "expected"),
    [
        ({"a": role("current"), "b": role("former"), "c": role("expected")}, ["b", "a", "c"]),
        ({"a": role("former", "2010"), "b": role("former", "2001"), "c": role("current", "2020")}, ["b", "a", "c"]),
        ({"a": role("acting", "2024-12"), "b": role("current", "2022")}, ["b", "a"]),
    ],
)
def test_an_office_lists_its_holders_in_order(holders: dict[str, Role], expected: list[str]) -> None:
    briefing = Briefing({k: entity("leader", k, roles=(v,)) for k, v in holders.items()}, {})
    assert [t.holder.id for t in offices_of(briefing)["president-of-x"]] == expected


def test_two_current_holders_of_one_office_are_an_error_at_the_second() -> None:
    sheets = [entity("leader", "a", roles=(role("current"),)), entity("leader", "b", roles=(role("current"),))]
    assert [p.format() for p in check_offices(sheets)] == [
        "r.yml:5:5: roles[0]: office 'president-of-x' has two current holders: 'a' (r.yml:5) and 'b'; "
        "mark one former, acting or interim, or end one with a 'to' date"
    ]
    sheets[1] = entity("leader", "b", roles=(role("acting"),))
    assert list(check_offices(sheets)) == []


def test_an_event_told_on_two_sheets_is_on_each_timeline_once() -> None:
    def fact(text: str, date: str | None, event: str | None, about: tuple[str, ...] = ()) -> Fact:
        return Fact(text, D("2023"), D(date) if date else None, "background", about, CITE, Origin("f.yml"), event)

    summit = entity("event", "summit", date=D("2023-09-11"), event_citations=CITE,
                    participants=(Participant("kim", None, Origin("e.yml")),))  # fmt: skip
    kim = entity("leader", "kim", facts=(fact("Met Putin.", "2023-09", "summit", ("russia",)),
                                         fact("Went home.", "2023-09", None)))  # fmt: skip
    russia = entity("country", "russia", facts=(fact("Hosted Kim.", None, "summit"), fact("War.", "2022", None)))
    entries = all_entries(Briefing({"kim": kim, "russia": russia, "summit": summit}, {}))
    assert [e.key for e in entries[""]] == ["event:summit", "fact:kim:1", "fact:russia:1"]
    assert [e.key for e in entries["kim"]] == ["event:summit", "fact:kim:1"]
    assert [e.key for e in entries["russia"]] == ["event:summit", "fact:russia:1"]


def test_relation_types_without_wording_are_refused(tmp_path: Path) -> None:
    vocabulary = json.loads((REPO / "schemas" / "vocabulary.schema.json").read_text(encoding="utf-8"))
    del vocabulary["$defs"]["relation_type"]["x-wording"]["borders"]
    (tmp_path / "vocabulary.schema.json").write_text(json.dumps(vocabulary), encoding="utf-8")
    with pytest.raises(ValueError, match="enum and x-wording disagree about borders"):
        relation_wording(tmp_path)


EVENT_YML = """\
name: Vladivostok summit
summary: Kim and Putin met in Vladivostok.
date: 2023-09-11
type: summit
place: Vladivostok
participants:
  - id: kim-jong-un
    role: visitor
  - id: north-korea
citations:
  - source: vladivostok
    quote: met Putin in Vladivostok
"""


@pytest.mark.slow
def test_a_small_briefing_shows_its_event_relation_and_pictures(small_project: Project) -> None:
    small_project.write("briefings/events/vladivostok-summit.yml", EVENT_YML)
    small_project.write("briefings/countries/russia.yml", """\
        name: Russia
        summary: A country.
        iso_code: RU
        relations:
          - type: arms-supply
            with: north-korea
            status: alleged
            from: '2023'
            as_of: 2023-09
            citations:
              - source: vladivostok
                quote: condemned the Western sanctions
        facts: []
    """)  # fmt: skip
    result = small_project.build()
    assert result.returncode == 0, result.stderr
    nk = small_project.html("countries/north-korea/index.html")
    assert "<td>receives arms from" in nk and '<td><a href="../russia/">Russia</a></td> <td>since 2023</td>' in nk
    assert '<title id="relations-title">Relations of North Korea</title>' in nk
    event = small_project.html("events/vladivostok-summit/index.html")
    assert "<dt>Place</dt> <dd>Vladivostok</dd>" in event
    assert '<a href="../../leaders/kim-jong-un/">Kim Jong Un</a> (visitor)' in event
    russia = small_project.html("countries/russia/index.html")
    assert '<title id="locator-title">Locator map of Russia</title>' in russia
    timeline = small_project.html("timeline/index.html").split('class="md-content"')[1]
    assert timeline.count('href="../events/vladivostok-summit/"') == 2  # the picture's link and the list's
