"""The JSON API: every file validates against schemas/api.schema.json and carries every record with its citations."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from briefing.pipeline import Layout, load_briefing
from briefing.publish.api import api_files
from briefing.publish.site_urls import SiteUrls
from briefing.render.resolve import resolve
from conftest import BuiltProject, Project
from test_relations_events import EVENT_YML

RUSSIA_YML = """\
name: Russia
summary: A country.
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
"""
COUNCIL_YML = """\
name: Council
summary: An organisation.
founded:
  date: '2006'
  citations:
    - source: vladivostok
      paragraph: 2
members:
  - id: russia
    joined: '2006'
    suspended: 2023-09
    as_of: 2023-09
    note: A note.
    citations:
      - source: vladivostok
        paragraph: 2
facts: []
"""

REPO = Path(__file__).resolve().parents[1]
SCHEMA = json.loads((REPO / "schemas/api.schema.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    # Kinds still to come are optional arrays already, so adding them breaks no consumer.
    for name in ("events", "relations", "memberships", "judgements", "statuses"):
        assert name in SCHEMA["properties"] and name not in SCHEMA["required"]


def undescribed(node: object, where: str) -> list[str]:
    """Paths of the schema's properties (at any depth) that have no description, on them or their $ref."""
    found = []
    if isinstance(node, dict):
        for name, sub in node.get("properties", {}).items():
            if "description" not in sub and not ("$ref" in sub and sub["$ref"].startswith("#/$defs/")):
                found.append(f"{where}.{name}")
            found += undescribed(sub, f"{where}.{name}")
        for key in ("items", "anyOf", "$defs"):
            value = node.get(key)
            subs = value.items() if isinstance(value, dict) and key == "$defs" else enumerate(value or [])
            if key == "items" and isinstance(value, dict):
                subs = [("items", value)]
            for name, sub in subs:
                found += undescribed(sub, f"{where}.{name}")
    return found


def test_the_published_schema_describes_every_field() -> None:
    assert undescribed(SCHEMA, "") == []
    assert undescribed({"properties": {"x": {"type": "string"}}}, "") == [".x"]  # the check can fail


def load(site: Path, rel: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((site / rel).read_text(encoding="utf-8"))
    return data


def api_of(root: Path, urls: SiteUrls) -> dict[str, str]:
    loaded = load_briefing(Layout(root))
    day = date(2026, 11, 22)
    return api_files(resolve(loaded.briefing, day), urls, site_name="T", build_date=day, schema=None)


@pytest.mark.slow
def test_built_api_validates_and_names_every_record(small_site: BuiltProject) -> None:
    result = small_site.result
    assert result.returncode == 0, result.stderr
    site = small_site.root / "site"
    files = sorted(p.relative_to(site).as_posix() for p in (site / "api").rglob("*.json"))
    assert files == ["api/api.schema.json", "api/briefing.json", "api/countries/north-korea.json",
                     "api/leaders/kim-jong-un.json"]  # fmt: skip
    for rel in files[1:]:
        assert list(VALIDATOR.iter_errors(load(site, rel))) == [], rel
    api = load(site, "api/briefing.json")
    assert api["$schema"] == "https://example.invalid/briefing/api/api.schema.json"
    assert (api["build_date"], api["briefing_date"]) == ("2026-11-22", "2023-09-13")
    assert [f["text"] for f in api["facts"]] == [  # sheets in id order, facts in reading order
        "Met Vladimir Putin in Vladivostok.",
        "Voiced support for Russia's actions.",
        "Its leader travelled to Russia by armoured train.",
    ]
    met = api["facts"][0]
    assert met["url"] == "https://example.invalid/briefing/leaders/kim-jong-un/#fact-1"
    citation = next(c for c in api["citations"] if c["id"] == met["citations"][0])
    assert citation == {
        "id": f"{met['id']}/c1", "source": "vladivostok", "paragraph": 1,
        "quote": "traveled to Russia by armored train and met Putin in Vladivostok",
        "url": "https://example.invalid/briefing/sources/vladivostok/#p1", "record": met["id"],
    }  # fmt: skip
    assert api["counts"] == {"entities": 2, "facts": 3, "roles": 1, "events": 0, "relations": 0, "memberships": 0,
                             "judgements": 0, "statuses": 0, "sources": 1, "citations": 4}  # fmt: skip
    # The country's own file: its fact, the leader's fact about it and the role in it, and what they cite.
    own = load(site, "api/countries/north-korea.json")
    assert own["entity"] == "north-korea" and own["$schema"] == api["$schema"]
    assert [f["text"] for f in own["facts"]] == ["Met Vladimir Putin in Vladivostok.",
                                                 "Its leader travelled to Russia by armoured train."]  # fmt: skip
    assert [r["title"] for r in own["roles"]] == ["Leader of North Korea"]
    assert [s["id"] for s in own["sources"]] == ["vladivostok"]


def test_ids_do_not_move_when_facts_are_reordered(small_project: Project) -> None:
    def fact_ids() -> dict[str, str]:
        api = json.loads(api_of(small_project.root, SiteUrls(None, False))["api/briefing.json"])
        return {f["text"]: f["id"] for f in api["facts"]}

    before = fact_ids()
    sheet = small_project.root / "briefings/leaders/kim-jong-un.yml"
    head, met, voiced = sheet.read_text(encoding="utf-8").split("  - text: ")
    sheet.write_text(f"{head}  - text: {voiced}  - text: {met}", encoding="utf-8")
    after = fact_ids()
    assert after == before and len(set(after.values())) == 3


def test_without_site_url_urls_are_paths_from_the_site_root(small_project: Project) -> None:
    own = json.loads(api_of(small_project.root, SiteUrls(None, False))["api/leaders/kim-jong-un.json"])
    assert own["$schema"] == "../api.schema.json"
    assert own["site_url"] is None
    assert own["facts"][0]["url"] == "leaders/kim-jong-un.html#fact-1"
    assert own["entities"][0]["api_url"] == "api/leaders/kim-jong-un.json"


def test_the_demo_api_has_every_fact_with_its_citations() -> None:
    """An invariant of any briefing, checked on the repository's own: nothing is left out."""
    loaded = load_briefing(Layout(REPO))
    api = json.loads(api_of(REPO, SiteUrls("https://example.org/b/", True))["api/briefing.json"])
    assert list(VALIDATOR.iter_errors(api)) == []
    facts = [f for e in loaded.briefing.entities.values() for f in e.facts]
    assert sorted(f["text"] for f in api["facts"]) == sorted(f.text for f in facts)
    by_id = {c["id"]: c for c in api["citations"]}
    records = api["facts"] + api["roles"] + api["events"] + api["relations"] + api["memberships"]
    entities = loaded.briefing.entities.values()
    assert len(api["events"]) == sum(e.kind == "event" for e in entities)
    assert len(api["relations"]) == sum(len(e.relations) for e in entities)
    assert len(api["memberships"]) == sum(len(e.memberships) for e in entities)
    for record in records:
        assert record["citations"], record["id"]
        assert all(by_id[c]["record"] == record["id"] for c in record["citations"])
    assert len(api["citations"]) == sum(len(e.citations()) for e in loaded.briefing.entities.values())
    assert len({r["id"] for r in records}) == len(records)


@pytest.fixture
def linked_project(small_project: Project) -> Project:
    """The small project with an event, a relation and an organisation with a suspended member."""
    small_project.write("briefings/events/vladivostok-summit.yml", EVENT_YML)
    small_project.write("briefings/countries/russia.yml", RUSSIA_YML)
    small_project.write("briefings/organisations/council.yml", COUNCIL_YML)
    return small_project


def test_events_relations_and_memberships_validate_with_their_citations(linked_project: Project) -> None:
    files = api_of(linked_project.root, SiteUrls("https://example.invalid/b/", True))
    api = json.loads(files["api/briefing.json"])
    assert list(VALIDATOR.iter_errors(api)) == []
    [event] = api["events"]
    assert {k: v for k, v in event.items() if k != "citations"} == {
        "id": "vladivostok-summit", "name": "Vladivostok summit",
        "url": "https://example.invalid/b/events/vladivostok-summit/", "type": "summit", "date": "2023-09-11",
        "end": None, "expected": False, "place": "Vladivostok",
        "participants": [{"entity": "kim-jong-un", "role": "visitor"}, {"entity": "north-korea", "role": None}],
    }  # fmt: skip
    assert event["citations"] == ["vladivostok-summit/c1"]
    assert next(e["kind"] for e in api["entities"] if e["id"] == "vladivostok-summit") == "event"
    [relation] = api["relations"]
    assert relation["id"].startswith("russia/relation/")
    assert {k: v for k, v in relation.items() if k not in ("id", "citations")} == {
        "entity": "russia", "with": "north-korea", "anchor": "relation-1",
        "url": "https://example.invalid/b/countries/russia/#relation-1", "type": "arms-supply",
        "wording": {"forward": "supplies arms to", "inverse": "receives arms from"}, "status": "alleged",
        "as_of": "2023-09", "from": "2023", "to": None, "note": None, "stale": False,
    }  # fmt: skip
    [member] = api["memberships"]
    assert {k: v for k, v in member.items() if k not in ("id", "citations")} == {
        "organisation": "council", "member": "russia", "anchor": "member-1",
        "url": "https://example.invalid/b/organisations/council/#member-1", "status": "suspended",
        "joined": "2006", "suspended": "2023-09", "left": None, "as_of": "2023-09", "note": "A note.",
    }  # fmt: skip
    council = next(e for e in api["entities"] if e["id"] == "council")
    assert council["founded"] == {"date": "2006", "citations": ["council/founded/c1"]}
    assert council["memberships"] == [member["id"]]
    cited = {c["record"] for c in api["citations"]}
    assert {event["id"], relation["id"], member["id"], "council"} <= cited
    # Both ends of a relation, every participant and the member carry the record in their own file.
    nk = json.loads(files["api/countries/north-korea.json"])
    assert [r["id"] for r in nk["relations"]] == [relation["id"]] and [e["id"] for e in nk["events"]] == [event["id"]]
    russia = json.loads(files["api/countries/russia.json"])
    assert [m["id"] for m in russia["memberships"]] == [member["id"]] and russia["events"] == []
    for text in files.values():
        assert list(VALIDATOR.iter_errors(json.loads(text))) == []


def test_relation_and_membership_ids_do_not_move_when_reordered(linked_project: Project) -> None:
    def ids() -> list[str]:
        api = json.loads(api_of(linked_project.root, SiteUrls(None, False))["api/briefing.json"])
        return sorted(r["id"] for r in api["relations"] + api["memberships"])

    before = ids()
    linked_project.write("briefings/countries/russia.yml", RUSSIA_YML.replace("status: alleged", "status: active"))
    assert ids() == before  # a changed status is the same record, changed
    linked_project.write("briefings/countries/russia.yml", RUSSIA_YML.replace("arms-supply", "military-assistance"))
    assert ids() != before  # another type is another relation
