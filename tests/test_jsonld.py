"""JSON-LD in every page head: read back with extruct, as a search engine would, with hostile text inside."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import extruct
import pytest

from briefing.pipeline import Layout, load_briefing
from briefing.publish.jsonld import page_scripts, script_element
from briefing.publish.site_urls import SiteUrls
from briefing.render.resolve import resolve
from conftest import COUNTRY_YML, Project
from test_api import COUNCIL_YML, RUSSIA_YML
from test_relations_events import EVENT_YML

HOSTILE = "</script><script>alert(1)</script><!--"
SITE = "https://example.invalid/briefing/"


@pytest.mark.parametrize(
    ("value", "inside"),
    [
        ("</script>", '"\\u003c/script\\u003e"'),
        ("<!-- a & b -->", '"\\u003c!-- a \\u0026 b --\\u003e"'),
        ("김정은 “quoted”", '"김정은 “quoted”"'),
    ],
)
def test_script_element_escapes_what_could_end_it(value: str, inside: str) -> None:
    script = script_element({"name": value})
    assert script == f'<script type="application/ld+json">{{"name":{inside}}}</script>'
    assert json.loads(script.removeprefix('<script type="application/ld+json">').removesuffix("</script>")) == {
        "name": value
    }


def graph(site: Path, rel: str) -> list[dict[str, Any]]:
    html = (site / rel).read_text(encoding="utf-8")
    head = html.split("</head>")[0]
    assert head.count('<script type="application/ld+json">') == 1, rel
    found = extruct.extract(html, base_url=SITE + rel, syntaxes=["json-ld"], uniform=False)["json-ld"]
    assert len(found) == 1, rel
    nodes: list[dict[str, Any]] = found[0]["@graph"]
    return nodes


@pytest.mark.slow
def test_every_page_has_json_ld_of_the_right_types(small_project: Project) -> None:
    small_project.write("briefings/countries/north-korea.yml", COUNTRY_YML.replace(
        "Its leader travelled to Russia by armoured train.", f"Its leader travelled by train. {HOSTILE}"
    ))  # fmt: skip
    result = small_project.build()
    assert result.returncode == 0, result.stderr
    site = small_project.root / "site"
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("index.html"))
    for rel in pages:
        assert graph(site, rel)[0]["@type"] == "WebPage", rel
    types = {rel: [n["@type"] for n in graph(site, rel)] for rel in pages}
    assert types["leaders/kim-jong-un/index.html"] == ["WebPage", "Person", "Claim", "Claim"]
    assert types["countries/north-korea/index.html"] == ["WebPage", "Country", "Claim"]
    assert types["sources/vladivostok/index.html"] == ["WebPage", "NewsArticle"]
    assert types["whats-new/index.html"] == ["WebPage"]

    page, person, met, _ = graph(site, "leaders/kim-jong-un/index.html")
    assert page["about"] == {"@id": person["@id"]} and person["name"] == "Kim Jong Un"
    assert person["jobTitle"] == ["Leader of North Korea"]
    assert met["@id"] == SITE + "leaders/kim-jong-un/#fact-1"
    assert met["text"] == "Met Vladimir Putin in Vladivostok."
    assert met["datePublished"] == "2023-09-13"
    assert met["author"] == {"@type": "Person", "name": "A. Writer"}
    [appearance] = met["appearance"]
    assert appearance["@type"] == "NewsArticle"
    assert appearance["url"] == SITE + "sources/vladivostok/#p1"
    assert appearance["@id"] == graph(site, "sources/vladivostok/index.html")[1]["@id"]

    claim = graph(site, "countries/north-korea/index.html")[2]
    assert claim["text"] == f"Its leader travelled by train. {HOSTILE}"  # kept whole, inside the JSON
    html = (site / "countries/north-korea/index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in html
    assert html.count("</script>") == html.count("<script")


def graph_of(script: str) -> list[dict[str, Any]]:
    """A page's JSON-LD read back by extruct from a head holding only the script."""
    html = f"<!doctype html><html><head>{script}</head><body></body></html>"
    [found] = extruct.extract(html, base_url=SITE, syntaxes=["json-ld"], uniform=False)["json-ld"]
    nodes: list[dict[str, Any]] = found["@graph"]
    return nodes


def test_an_event_is_an_event_with_its_participants_and_relations_are_claims(small_project: Project) -> None:
    small_project.write("briefings/events/vladivostok-summit.yml", EVENT_YML.replace("date:", "expected: true\ndate:"))
    small_project.write("briefings/countries/russia.yml", RUSSIA_YML)
    small_project.write("briefings/organisations/council.yml", COUNCIL_YML)
    loaded = load_briefing(Layout(small_project.root))
    assert loaded.ok, loaded.problems
    scripts = page_scripts(resolve(loaded.briefing, date(2026, 11, 22)), SiteUrls(SITE, True), "T")

    page, event = graph_of(scripts["events/vladivostok-summit.md"])
    assert page["about"] == {"@id": event["@id"]}
    assert event == {
        "@type": "Event", "@id": SITE + "events/vladivostok-summit/#entity", "name": "Vladivostok summit",
        "description": "Kim and Putin met in Vladivostok.", "url": SITE + "events/vladivostok-summit/",
        "startDate": "2023-09-11", "location": {"@type": "Place", "name": "Vladivostok"},
        "eventStatus": "https://schema.org/EventScheduled",
        "attendee": [{"@type": "Role", "attendee": {"@id": SITE + "leaders/kim-jong-un/#entity"}, "roleName": "visitor"}],
        "about": [{"@id": SITE + "countries/north-korea/#entity"}],
        "subjectOf": [{"@type": "NewsArticle", "@id": SITE + "sources/vladivostok/", "url": SITE + "sources/vladivostok/#p1",
                       "headline": "Leaders meet in Vladivostok", "datePublished": "2023-09-13", "inLanguage": "en",
                       "author": {"@type": "Person", "name": "A. Writer"}, "publisher": {"@type": "Organization",
                       "name": "Example Wire"}, "sameAs": "https://example.com/kim-putin"}],
    }  # fmt: skip

    # The relation is one claim, about both ends, on both pages, with the declaring sheet's anchor.
    russia = graph_of(scripts["countries/russia.md"])
    nk = graph_of(scripts["countries/north-korea.md"])
    [claim] = [n for n in russia if n["@id"] == SITE + "countries/russia/#relation-1"]
    assert claim in nk
    assert claim["@type"] == "Claim" and claim["identifier"].startswith("russia/relation/")
    assert claim["text"] == "Russia supplies arms to North Korea (alleged, as of September 2023)"
    assert claim["about"] == [
        {"@id": SITE + "countries/russia/#entity"},
        {"@id": SITE + "countries/north-korea/#entity"},
    ]
    assert claim["appearance"][0]["url"] == SITE + "sources/vladivostok/#p2"

    # A membership: the organisation's member, with its dates, on its page and on the member's.
    member = {"@type": "OrganizationRole", "roleName": "member", "member": {"@id": SITE + "countries/russia/#entity"},
              "startDate": "2006"}  # fmt: skip
    council = graph_of(scripts["organisations/council.md"])[1]
    assert (council["@type"], council["member"]) == ("Organization", [member])
    assert {"@type": "Organization", "@id": council["@id"], "name": "Council", "member": [member]} in russia
