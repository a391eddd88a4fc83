"""The records of the JSON API, one serialiser per array of `briefing.json`.

`API_ARRAYS` maps each array to a function of (Resolved, SiteUrls) returning `ApiRecord`s, in
the order the arrays appear in the file. A record's `citations` are written inline by its
serialiser; api.py moves them into the `citations` array and leaves their ids behind, so a new
kind of record with citations needs nothing else. A new kind of record
gets a serialiser here and an optional array in schemas/api.schema.json, which is not a breaking
change.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from briefing.model import Citation, PartialDate
from briefing.publish.locations import fact_ids, membership_anchor, membership_ids, relation_ids, role_ids
from briefing.publish.site_urls import SiteUrls
from briefing.render.relations import relation_anchor
from briefing.render.resolve import Resolved, fact_anchor, last_as_of, role_anchor
from briefing.render.urls import entity_uri, source_uri

KIND_FOLDER_API = "api"


@dataclass(frozen=True)
class ApiRecord:
    owners: tuple[str, ...]
    """The entities whose own file (`api/<kind>/<id>.json`) carries this record."""
    data: dict[str, Any]


def _date(value: PartialDate | None) -> str | None:
    return value.iso() if value else None


def _citations(record_id: str, citations: tuple[Citation, ...], r: Resolved, urls: SiteUrls) -> list[dict[str, Any]]:
    found = []
    for number, citation in enumerate(citations, 1):
        paragraph = r.paragraph_of(citation)
        found.append({
            "id": f"{record_id}/c{number}",
            "source": citation.source_id,
            "paragraph": paragraph,
            "quote": citation.quote,
            "url": urls.page(source_uri(citation.source_id), f"p{paragraph}" if paragraph else None),
        })  # fmt: skip
    return found


def entities(r: Resolved, urls: SiteUrls) -> list[ApiRecord]:
    found = []
    for e in r.briefing.entities.values():
        uri = entity_uri(e.kind, e.id)
        capital = founded = predecessor = None
        if e.capital:
            capital = {"name": e.capital.name, "citations": _citations(f"{e.id}/capital", e.capital.citations, r, urls)}
        if e.founded:
            cited = _citations(f"{e.id}/founded", e.founded.citations, r, urls)
            founded = {"date": e.founded.date.iso(), "citations": cited}
        if e.predecessor:
            cited = _citations(f"{e.id}/predecessor", e.predecessor.citations, r, urls)
            predecessor = {"id": e.predecessor.entity, "citations": cited}
        data = {
            "id": e.id, "kind": e.kind, "name": e.name, "summary": e.summary,
            "summary_sources": {"citations": _citations(f"{e.id}/summary", e.summary_citations, r, urls)},
            "aliases": list(e.aliases), "native_names": list(e.native_names),
            "url": urls.page(uri), "api_url": urls.path(api_path(uri)),
            "country": e.country, "capital": capital, "iso_code": e.iso_code, "org_type": e.org_type,
            "members": {k: list(v) for k, v in e.members.items()},
            "founded": founded, "predecessor": predecessor,
            "facts": fact_ids(e), "roles": role_ids(e), "relations": relation_ids(e),
            "memberships": membership_ids(e), "last_as_of": _date(last_as_of(e)),
        }  # fmt: skip
        found.append(ApiRecord((e.id,), data))
    return found


def facts(r: Resolved, urls: SiteUrls) -> list[ApiRecord]:
    found = []
    for e in r.briefing.entities.values():
        for i, (rid, fact) in enumerate(zip(fact_ids(e), e.facts, strict=True)):
            data = {
                "id": rid, "entity": e.id, "anchor": fact_anchor(i),
                "url": urls.page(entity_uri(e.kind, e.id), fact_anchor(i)),
                "text": fact.text, "section": fact.section, "as_of": fact.as_of.iso(), "date": _date(fact.date),
                "about": list(fact.about), "citations": _citations(rid, fact.citations, r, urls),
            }  # fmt: skip
            owners = (e.id, *(a for a in fact.about if a in r.briefing.entities and a != e.id))
            found.append(ApiRecord(owners, data))
    return found


def roles(r: Resolved, urls: SiteUrls) -> list[ApiRecord]:
    found = []
    for e in r.briefing.entities.values():
        for i, (rid, role) in enumerate(zip(role_ids(e), e.roles, strict=True)):
            data = {
                "id": rid, "entity": e.id, "anchor": role_anchor(i),
                "url": urls.page(entity_uri(e.kind, e.id), role_anchor(i)),
                "title": role.title, "status": role.status, "as_of": role.as_of.iso(),
                "from": _date(role.start), "to": _date(role.end),
                "country": role.country, "organisation": role.organisation, "note": role.note,
                "office": role.office, "head": role.head,
                "stale": role.status in ("current", "expected") and r.is_stale(role.as_of),
                "citations": _citations(rid, role.citations, r, urls),
            }  # fmt: skip
            owners = tuple(dict.fromkeys(x for x in (e.id, role.country, role.organisation) if x))
            found.append(ApiRecord(owners, data))
    return found


def events(r: Resolved, urls: SiteUrls) -> list[ApiRecord]:
    found = []
    for e in r.briefing.of_kind("event"):
        participants = [{"entity": p.entity, "role": p.role} for p in e.participants]
        data = {
            "id": e.id, "name": e.name, "url": urls.page(entity_uri(e.kind, e.id)), "type": e.event_type,
            "date": _date(e.date), "end": _date(e.end), "expected": e.expected, "place": e.place,
            "participants": participants, "citations": _citations(e.id, e.event_citations, r, urls),
        }  # fmt: skip
        found.append(ApiRecord(tuple(dict.fromkeys((e.id, *(p.entity for p in e.participants)))), data))
    return found


def relations(r: Resolved, urls: SiteUrls) -> list[ApiRecord]:
    found = []
    for e in r.briefing.entities.values():
        for i, (rid, rel) in enumerate(zip(relation_ids(e), e.relations, strict=True)):
            data = {
                "id": rid, "entity": e.id, "with": rel.other, "anchor": relation_anchor(i),
                "url": urls.page(entity_uri(e.kind, e.id), relation_anchor(i)), "type": rel.type,
                "wording": {"forward": r.briefing.words(rel.type, True), "inverse": r.briefing.words(rel.type, False)},
                "status": rel.status, "as_of": rel.as_of.iso(), "from": _date(rel.start), "to": _date(rel.end),
                "note": rel.note, "stale": rel.status == "active" and r.is_stale(rel.as_of),
                "citations": _citations(rid, rel.citations, r, urls),
            }  # fmt: skip
            found.append(ApiRecord(tuple(dict.fromkeys((e.id, rel.other))), data))
    return found


def memberships(r: Resolved, urls: SiteUrls) -> list[ApiRecord]:
    found = []
    for e in r.briefing.entities.values():
        for i, (rid, m) in enumerate(zip(membership_ids(e), e.memberships, strict=True)):
            status = "ended" if m.left else "suspended" if m.suspended else "active"
            data = {
                "id": rid, "organisation": e.id, "member": m.member, "anchor": membership_anchor(i),
                "url": urls.page(entity_uri(e.kind, e.id), membership_anchor(i)), "status": status,
                "joined": _date(m.joined), "suspended": _date(m.suspended), "left": _date(m.left),
                "as_of": m.as_of.iso(), "note": m.note, "citations": _citations(rid, m.citations, r, urls),
            }  # fmt: skip
            found.append(ApiRecord(tuple(dict.fromkeys((e.id, m.member))), data))
    return found


def sources(r: Resolved, urls: SiteUrls) -> list[ApiRecord]:
    found = []
    for s in r.briefing.sources.values():
        data = {
            "id": s.id, "title": s.title, "display_title": s.display_title, "publisher": s.publisher,
            "author": s.author, "published": s.published.iso(), "retrieved": _date(s.retrieved),
            "language": s.language, "url": s.url, "page_url": urls.page(source_uri(s.id)), "sha256": s.sha256,
            "paragraphs": [
                {"number": p.number, "text": p.text, "url": urls.page(source_uri(s.id), f"p{p.number}")}
                for p in s.paragraphs
            ],
        }  # fmt: skip
        found.append(ApiRecord((), data))  # an entity's file carries the sources its citations name
    return found


def judgements(r: Resolved, urls: SiteUrls) -> list[ApiRecord]:
    found = []
    for e in r.briefing.entities.values():
        for number, j in enumerate(e.key_judgements, 1):
            rid = f"{e.id}/judgement/{number}"
            data = {
                "id": rid, "entity": e.id, "text": j.text, "likelihood": j.likelihood, "confidence": j.confidence,
                "facts": list(j.facts), "citations": _citations(rid, j.citations, r, urls),
            }  # fmt: skip
            found.append(ApiRecord((e.id,), data))
    return found


def statuses(r: Resolved, urls: SiteUrls) -> list[ApiRecord]:
    found = []
    for e in r.briefing.entities.values():
        for number, s in enumerate(e.status, 1):
            rid = f"{e.id}/status/{number}"
            data = {
                "id": rid, "entity": e.id, "date": s.date.iso(), "assessment": s.assessment, "text": s.text,
                "citations": _citations(rid, s.citations, r, urls),
            }  # fmt: skip
            found.append(ApiRecord((e.id,), data))
    return found


API_ARRAYS: dict[str, Callable[[Resolved, SiteUrls], list[ApiRecord]]] = {
    "entities": entities,
    "facts": facts,
    "roles": roles,
    "events": events,
    "relations": relations,
    "memberships": memberships,
    "judgements": judgements,
    "statuses": statuses,
    "sources": sources,
}
"""Array name -> serialiser. `citations` is not here: api.py collects it from the records above."""


def api_path(src_uri: str) -> str:
    """The API file of a page's entity: leaders/kim-jong-un.md -> api/leaders/kim-jong-un.json."""
    return f"{KIND_FOLDER_API}/{src_uri.removesuffix('.md')}.json"
