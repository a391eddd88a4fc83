"""schema.org JSON-LD for every page, as a `<script type="application/ld+json">` for its head.

Each page gets a graph: the WebPage, and what it is about: a `Person` (leader), `Country`,
`GovernmentOrganization` or `Organization`, an `Event` (its dates, place, status and who took
part), a topic as a `Thing`, a source as a `NewsArticle`, and one `Claim` per fact and per
relation, whose `appearance` is the cited paragraph on the source's page (`sources/<id>/#p2`),
with the article's author (or publisher) and date. A relation's claim is on the pages of both
its ends, `about` both. Memberships are the organisation's `member`, as an `OrganizationRole`
carrying the dates (schema.org's Role pattern), on the organisation's page and the member's
(a `Country` has no `memberOf` in schema.org, so the organisation is named there instead).
`ENTITY_NODES` lists the functions that draw an entity page's nodes; a new kind of record on
a page adds its nodes in one more function there.

Content is untrusted: `script_element` escapes `<`, `>` and `&` inside the JSON as \\u003c
and so on, so no name or text can close the script element or open a comment.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from briefing.model import Citation, Entity, Membership, Source
from briefing.publish.locations import fact_ids, relation_ids
from briefing.publish.site_urls import SiteUrls
from briefing.render.relations import relation_anchor
from briefing.render.resolve import Resolved, fact_anchor
from briefing.render.urls import entity_uri, source_uri

Node = dict[str, Any]

_GOVERNMENT = re.compile(
    r"\b(UN|United Nations|government|intergovernmental|ministry|agency|parliament|armed forces)\b", re.I
)


def script_element(data: object) -> str:
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    text = text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
    return f'<script type="application/ld+json">{text}</script>'


def _article(source: Source, urls: SiteUrls, from_path: str) -> Node:
    node: Node = {
        "@type": "NewsArticle", "@id": urls.page(source_uri(source.id), from_path=from_path),
        "headline": source.display_title, "datePublished": source.published.iso(), "inLanguage": source.language,
    }  # fmt: skip
    if source.author:
        node["author"] = {"@type": "Person", "name": source.author}
    if source.publisher:
        node["publisher"] = {"@type": "Organization", "name": source.publisher}
    if source.url:
        node["sameAs"] = source.url
    return node


def _entity_type(entity: Entity) -> str:
    if entity.kind == "organisation":
        return "GovernmentOrganization" if entity.org_type and _GOVERNMENT.search(entity.org_type) else "Organization"
    return {"leader": "Person", "country": "Country", "event": "Event"}.get(entity.kind, "Thing")


def _ref(entity: Entity, urls: SiteUrls, from_path: str) -> Node:
    return {"@id": urls.page(entity_uri(entity.kind, entity.id), "entity", from_path=from_path)}


def _entity_node(entity: Entity, r: Resolved, urls: SiteUrls, from_path: str) -> Node:
    uri = entity_uri(entity.kind, entity.id)
    node: Node = {
        "@type": _entity_type(entity), "@id": urls.page(uri, "entity", from_path=from_path), "name": entity.name,
        "description": entity.summary, "url": urls.page(uri, from_path=from_path),
    }  # fmt: skip
    if entity.aliases or entity.native_names:
        node["alternateName"] = [*entity.aliases, *entity.native_names]
    titles = [role.title for role in entity.roles if role.status == "current"]
    if titles and entity.kind == "leader":
        node["jobTitle"] = titles
    if entity.kind == "event" and entity.date:
        node.update(_event_fields(entity, r, urls, from_path))
    if entity.memberships:
        node["member"] = [_member_role(m, r, urls, from_path) for m in entity.memberships]
    return node


def _event_fields(event: Entity, r: Resolved, urls: SiteUrls, from_path: str) -> Node:
    """Dates, place, status (scheduled when expected), who took part, and the articles it is cited from.

    Leaders and organisations are `attendee`s (with their part as a `Role`); countries, topics and
    other events, which schema.org does not let attend, are what the event is `about`.
    """
    assert event.date is not None
    fields: Node = {"startDate": event.date.iso()}
    if event.end:
        fields["endDate"] = event.end.iso()
    if event.place:
        fields["location"] = {"@type": "Place", "name": event.place}
    if event.expected:
        fields["eventStatus"] = "https://schema.org/EventScheduled"
    attendees, about = [], []
    for p in event.participants:
        other = r.briefing.entities.get(p.entity)
        if other is None:
            continue
        ref = _ref(other, urls, from_path)
        if other.kind in ("leader", "organisation"):
            attendees.append({"@type": "Role", "attendee": ref, "roleName": p.role} if p.role else ref)
        else:
            about.append(ref)
    if attendees:
        fields["attendee"] = attendees
    if about:
        fields["about"] = about
    fields["subjectOf"] = _appearances(event.event_citations, r, urls, from_path)
    return fields


def _member_role(m: Membership, r: Resolved, urls: SiteUrls, from_path: str) -> Node:
    """schema.org's Role pattern: the member, wrapped with the dates of its membership."""
    role: Node = {"@type": "OrganizationRole", "roleName": "member"}
    if m.member in r.briefing.entities:
        role["member"] = _ref(r.briefing.entities[m.member], urls, from_path)
    if m.joined:
        role["startDate"] = m.joined.iso()
    if m.left:
        role["endDate"] = m.left.iso()
    return role


def _appearances(citations: tuple[Citation, ...], r: Resolved, urls: SiteUrls, from_path: str) -> list[Node]:
    """The cited articles, each at its cited paragraph."""
    found = []
    for citation in citations:
        source = r.briefing.sources[citation.source_id]
        paragraph = r.paragraph_of(citation)
        article = _article(source, urls, from_path)
        article["url"] = urls.page(source_uri(source.id), f"p{paragraph}" if paragraph else None, from_path=from_path)
        found.append(article)
    return found


def _claim(node_id: str, rid: str, text: str, citations: tuple[Citation, ...], about: list[Node],
           r: Resolved, urls: SiteUrls, from_path: str) -> Node:  # fmt: skip
    appearances = _appearances(citations, r, urls, from_path)
    claim: Node = {"@type": "Claim", "@id": node_id, "identifier": rid, "text": text, "appearance": appearances,
                   "about": about[0] if len(about) == 1 else about}  # fmt: skip
    first = min(appearances, key=lambda a: (a["datePublished"], a["@id"]), default=None)
    if first is not None:
        claim["datePublished"] = first["datePublished"]
        if "author" in first or "publisher" in first:
            claim["author"] = first.get("author") or first["publisher"]
    return claim


def _claims(entity: Entity, r: Resolved, urls: SiteUrls, from_path: str) -> list[Node]:
    uri = entity_uri(entity.kind, entity.id)
    about = [_ref(entity, urls, from_path)]
    claims = []
    for i, (rid, fact) in enumerate(zip(fact_ids(entity), entity.facts, strict=True)):
        node_id = urls.page(uri, fact_anchor(i), from_path=from_path)
        claims.append(_claim(node_id, rid, fact.text, fact.citations, about, r, urls, from_path))
    return claims


def entity_page_nodes(entity: Entity, r: Resolved, urls: SiteUrls, from_path: str) -> list[Node]:
    return [_entity_node(entity, r, urls, from_path), *_claims(entity, r, urls, from_path)]


def _declared_by(entity: Entity, r: Resolved, kind: str) -> list[Entity]:
    """The sheets that declare a relation ('relation') or a membership ('members') touching `entity`."""
    links = r.links.get(entity.id, [])
    ids = (
        {x.declared_on for x in links if x.anchor.startswith("relation-")}
        if kind == "relation"
        else {x.declared_on for x in links if x.anchor == "members" and x.source == entity.id}
    )
    return [r.briefing.entities[i] for i in sorted(ids)]


def relation_nodes(entity: Entity, r: Resolved, urls: SiteUrls, from_path: str) -> list[Node]:
    """A Claim per relation touching the entity, in the declaring sheet's wording, `about` both ends."""
    entities = r.briefing.entities
    claims = []
    for owner in _declared_by(entity, r, "relation"):
        for i, (rid, rel) in enumerate(zip(relation_ids(owner), owner.relations, strict=True)):
            if entity.id not in (owner.id, rel.other) or rel.other not in entities:
                continue
            other = entities[rel.other]
            words = r.briefing.words(rel.type, True)
            text = f"{owner.name} {words} {other.name} ({rel.status}, as of {rel.as_of.human()})"
            node_id = urls.page(entity_uri(owner.kind, owner.id), relation_anchor(i), from_path=from_path)
            about = [_ref(owner, urls, from_path), _ref(other, urls, from_path)]
            claims.append(_claim(node_id, rid, text, rel.citations, about, r, urls, from_path))
    return claims


def organisation_nodes(entity: Entity, r: Resolved, urls: SiteUrls, from_path: str) -> list[Node]:
    """On a member's page, the organisations it belongs to, each naming it as `member` with the dates."""
    nodes = []
    for org in _declared_by(entity, r, "members"):
        mine = [_member_role(m, r, urls, from_path) for m in org.memberships if m.member == entity.id]
        nodes.append({"@type": _entity_type(org), **_ref(org, urls, from_path), "name": org.name, "member": mine})
    return nodes


ENTITY_NODES: list[Callable[[Entity, Resolved, SiteUrls, str], list[Node]]] = [
    entity_page_nodes,
    relation_nodes,
    organisation_nodes,
]
"""Functions adding nodes to an entity page's graph; a new kind of record appends one here."""


def page_scripts(r: Resolved, urls: SiteUrls, site_name: str) -> dict[str, str]:
    """src_uri -> the JSON-LD script of every generated entity and source page."""
    found = {}
    for entity in r.briefing.entities.values():
        uri = entity_uri(entity.kind, entity.id)
        here = urls.from_page(uri)
        nodes = [node for draw in ENTITY_NODES for node in draw(entity, r, urls, here)]
        found[uri] = script_element(_graph(uri, entity.name, urls, site_name, nodes[0]["@id"], nodes))
    for source in r.briefing.sources.values():
        uri = source_uri(source.id)
        article = _article(source, urls, urls.from_page(uri))
        found[uri] = script_element(_graph(uri, source.display_title, urls, site_name, article["@id"], [article]))
    return found


def other_page_script(src_uri: str, title: str, urls: SiteUrls, site_name: str) -> str:
    """A page the briefing did not generate (an index, a hand-written page): a WebPage only."""
    return script_element(_graph(src_uri, title, urls, site_name, None, []))


def _graph(uri: str, title: str, urls: SiteUrls, site_name: str, about: str | None, nodes: list[Node]) -> Node:
    here = urls.from_page(uri)
    site: Node = {"@type": "WebSite", "name": site_name, "@id": urls.path("", from_path=here)}
    page: Node = {"@type": "WebPage", "@id": urls.page(uri, from_path=here), "name": title, "isPartOf": site}
    if about:
        page["about"] = {"@id": about}
    return {"@context": "https://schema.org", "@graph": [page, *nodes]}
