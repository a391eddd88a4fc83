"""schema.org JSON-LD for every page, as a `<script type="application/ld+json">` for its head.

Each page gets a graph: the WebPage, and what it is about: a `Person` (leader), `Country`,
`GovernmentOrganization` or `Organization`, a topic as a `Thing`, a source as a `NewsArticle`,
and one `Claim` per fact, whose `appearance` is the cited paragraph on the source's page
(`sources/<id>/#p2`), with the article's author (or publisher) and date. `ENTITY_NODES` maps a
kind of page to the function that draws its nodes; a new kind of record on a page (events as
`Event`) adds its nodes in one more function there.

Content is untrusted: `script_element` escapes `<`, `>` and `&` inside the JSON as \\u003c
and so on, so no name or text can close the script element or open a comment.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from briefing.model import Entity, Source
from briefing.publish.locations import fact_ids
from briefing.publish.site_urls import SiteUrls
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
    return {"leader": "Person", "country": "Country"}.get(entity.kind, "Thing")


def _entity_node(entity: Entity, urls: SiteUrls, from_path: str) -> Node:
    uri = entity_uri(entity.kind, entity.id)
    node: Node = {
        "@type": _entity_type(entity), "@id": urls.page(uri, "entity", from_path=from_path), "name": entity.name,
        "description": entity.summary, "url": urls.page(uri, from_path=from_path),
    }  # fmt: skip
    if entity.aliases or entity.native_names:
        node["alternateName"] = [*entity.aliases, *entity.native_names]
    titles = [r.title for r in entity.roles if r.status == "current"]
    if titles and entity.kind == "leader":
        node["jobTitle"] = titles
    return node


def _claims(entity: Entity, r: Resolved, urls: SiteUrls, from_path: str) -> list[Node]:
    uri = entity_uri(entity.kind, entity.id)
    claims = []
    for i, (rid, fact) in enumerate(zip(fact_ids(entity), entity.facts, strict=True)):
        appearances = []
        for citation in fact.citations:
            source = r.briefing.sources[citation.source_id]
            paragraph = r.paragraph_of(citation)
            article = _article(source, urls, from_path)
            article["url"] = urls.page(
                source_uri(source.id), f"p{paragraph}" if paragraph else None, from_path=from_path
            )
            appearances.append(article)
        claim: Node = {"@type": "Claim", "@id": urls.page(uri, fact_anchor(i), from_path=from_path),
                       "identifier": rid, "text": fact.text, "appearance": appearances,
                       "about": {"@id": urls.page(uri, "entity", from_path=from_path)}}  # fmt: skip
        first = min(appearances, key=lambda a: (a["datePublished"], a["@id"]), default=None)
        if first is not None:
            claim["datePublished"] = first["datePublished"]
            if "author" in first or "publisher" in first:
                claim["author"] = first.get("author") or first["publisher"]
        claims.append(claim)
    return claims


def entity_page_nodes(entity: Entity, r: Resolved, urls: SiteUrls, from_path: str) -> list[Node]:
    return [_entity_node(entity, urls, from_path), *_claims(entity, r, urls, from_path)]


ENTITY_NODES: list[Callable[[Entity, Resolved, SiteUrls, str], list[Node]]] = [entity_page_nodes]
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
