"""An entity page tells each thing once (issue 11, "No repetition"): tier 1, on a briefing built in memory.

Facts keep only their date and citations; the timeline points at the page's own dated facts; the
relations table leaves out what roles, members and the timeline show; related sheets and the sheets
linking here read one line per kind; sections with nothing in them are left out.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from briefing.model import (
    Briefing,
    Citation,
    Entity,
    Fact,
    Origin,
    Paragraph,
    PartialDate,
    Participant,
    Relation,
    Role,
    Source,
)
from briefing.read.vocabulary import relation_wording
from briefing.render.pages import render_entity_page
from briefing.render.resolve import resolve
from content_invariants import page_text, repeated_facts

REPO = Path(__file__).resolve().parents[1]
D = PartialDate.parse
CITE = (Citation("wire", None, 1, Origin("x.yml")),)
WIRE = Source("wire", D("2023-09-13"), "en", (Paragraph(1, "Kim met Putin.", 5),), Origin("sources/wire.md"),
              title="Leaders meet")  # fmt: skip


def entity(kind: str, id_: str, name: str, **fields: object) -> Entity:
    return Entity(kind=kind, id=id_, name=name, summary="S.", origin=Origin(f"{id_}.yml"), **fields)  # type: ignore[arg-type]


def fact(text: str, date_: str | None = None, about: tuple[str, ...] = (), event: str | None = None) -> Fact:
    return Fact(text, D("2023-09"), D(date_) if date_ else None, "background", about, CITE, Origin("f.yml"), event)


def briefing() -> Briefing:
    xland = entity("country", "xland", "Xland", facts=(
        fact("Xland held talks in Yland.", "2023-09", ("yland", "dry-topic")),
        fact("Xland went to the summit.", "2023-09-11", event="summit"),
        fact("Xland is dry.", about=("kim",)),
        fact("Both sheets say this.", "2022"),
    ), relations=(Relation("arms-supply", "yland", "alleged", D("2023-09"), CITE, Origin("xland.yml")),))  # fmt: skip
    yland = entity("country", "yland", "Yland", facts=(fact("Yland hosted Xland.", "2023-08", ("xland",)),
                                                     fact("Both sheets say this.", "2022", ("xland",))))  # fmt: skip
    kim = entity("leader", "kim", "Kim", roles=(Role("Leader", "current", D("2023-09"), CITE, Origin("k.yml"),
                                                     country="xland"),))  # fmt: skip
    summit = entity("event", "summit", "Summit, 2023", date=D("2023-09-11"), event_citations=CITE,
                    event_type="summit", org_type="summit",  # as records.py reads `type:` for every kind
                    participants=(Participant("xland", None, Origin("s.yml")),))  # fmt: skip
    topic = entity("topic", "dry-topic", "Dry topic", members={"countries": ("xland",)})
    sheets = {e.id: e for e in (xland, yland, kim, summit, topic)}
    return Briefing(sheets, {"wire": WIRE}, wording=relation_wording(REPO / "schemas"))


def xland_page(linked_from: list[str] | None = None) -> str:
    resolved = resolve(briefing(), date(2024, 1, 1))
    resolved.linked_from = {"xland": linked_from or []}
    return render_entity_page(resolved.briefing.entities["xland"], resolved, directory_urls=True).markdown


def test_each_fact_of_any_sheet_is_shown_once() -> None:
    page = xland_page()
    assert repeated_facts(page, briefing(), "xland") == []
    # The other sheet's dated fact about Xland is on its timeline, in full; the one in Xland's own words points.
    assert page_text(page).count("Yland hosted Xland.") == 1
    assert '<a href="#fact-4">Fact 4, under Background above</a>' in page
    assert '<a href="#fact-1">Fact 1, under Background above</a>' in page


def test_a_fact_keeps_only_its_date_and_citations() -> None:
    page = xland_page()
    item = re.search(r'<li id="fact-1">(.*?)</li>', page)
    assert item is not None
    tail = re.sub(r"<sup .*?</sup>", "", item.group(1))
    assert tail == (
        'Xland held talks in Yland. <span class="briefing-asof"><time datetime="2023-09">September 2023</time></span>'
    )
    assert "See also" not in page and "Event:" not in page


def test_the_relations_table_leaves_out_what_other_parts_show() -> None:
    page = xland_page()
    table = page.split('class="briefing-relations-table"')[1].split("</table>")[0]
    assert re.findall(r"<tr[^>]*><td>([a-z ]+)<", table) == ["supplies arms to"]  # not the summit, not Kim's role
    assert (
        '<p class="briefing-related"><strong>Concerned in:</strong> <a href="../../topics/dry-topic/">Dry topic</a></p>'
    ) in page
    # Kim is in the infobox, Yland in the table, the summit on the timeline: nothing else is left to name.
    assert 'id="also-named"' not in page


def test_linked_from_is_one_line_grouped_by_kind_and_empty_sections_are_left_out() -> None:
    page = xland_page(["yland", "kim", "summit"])
    assert (
        '<p class="briefing-related" id="linked-from"><strong>Linked from</strong> '
        '<span class="briefing-kind-group">Countries: <a href="../yland/">Yland</a></span> · '
        '<span class="briefing-kind-group">Leaders: <a href="../../leaders/kim/">Kim</a></span> · '
        '<span class="briefing-kind-group">Events: <a href="../../events/summit/">Summit, 2023</a></span></p>'
    ) in page
    quiet = xland_page()
    assert "## Mentioned in" not in quiet and "yet." not in quiet
    assert "## Officeholders" not in quiet  # one holder in office: the infobox says it


def test_the_bottom_line_comes_first() -> None:
    page = xland_page()
    order = [page.index(marker) for marker in ('class="briefing-infobox', "## Background", "## Relations",
                                               "## Timeline", "## References")]  # fmt: skip
    assert order == sorted(order)


def test_an_event_page_leaves_itself_off_its_timeline_and_names_its_type_once() -> None:
    resolved = resolve(briefing(), date(2024, 1, 1))
    page = render_entity_page(resolved.briefing.entities["summit"], resolved, directory_urls=True).markdown
    assert "## Timeline" not in page  # its only entry would be itself; the infobox gives the date
    assert page.count("<dt>Type</dt>") == 1
