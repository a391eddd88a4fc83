"""The pictures a page carries, from resolved records: relations graph, timeline, locator map.

Each function returns ready HTML (`Markup`) built by the pure functions in `pictures/`, which
escape everything they are given; each picture goes in a `<figure>` on one line, so Markdown
passes it through as one HTML block.
"""

from __future__ import annotations

from markupsafe import Markup

from briefing.model import Entity
from briefing.render.pictures.graph import GraphEdge, GraphNode, neighbourhood_svg, overview_svg
from briefing.render.pictures.locator_map import locator_map_svg
from briefing.render.pictures.timeline import timeline_html, timeline_svg
from briefing.render.relations import Link
from briefing.render.resolve import Resolved
from briefing.render.timelines import Entry, timeline_items
from briefing.render.urls import Hrefs, entity_uri


def _figure(picture: str, caption: str, css: str) -> Markup:
    return Markup('<figure class="briefing-figure {}">{}<figcaption>{}</figcaption></figure>').format(
        css, Markup(picture), caption
    )


def _nodes(ids: set[str], resolved: Resolved, hrefs: Hrefs) -> list[GraphNode]:
    entities = resolved.briefing.entities
    return [
        GraphNode(i, entities[i].name, entities[i].kind, hrefs(entity_uri(entities[i].kind, i))) for i in sorted(ids)
    ]


def _edges(links: list[Link]) -> list[GraphEdge]:
    return [GraphEdge(link.source, link.target, link.forward, link.dated) for link in links]


def relations_figure(entity: Entity, resolved: Resolved, hrefs: Hrefs) -> Markup:
    links = resolved.links.get(entity.id, [])
    if not links or not resolved.pictures:
        return Markup("")
    ids = {entity.id} | {link.source for link in links} | {link.target for link in links}
    svg = neighbourhood_svg(entity.id, _nodes(ids, resolved, hrefs), _edges(links),
                            title=f"Relations of {entity.name}", id_prefix="relations")  # fmt: skip
    caption = "Relations graph: every link in it is also listed in words on this page."
    return _figure(svg, caption, "briefing-graph-figure")


def timeline_figure(entries: list[Entry], title: str, hrefs: Hrefs, pictures: bool, *, fold: bool = False) -> Markup:
    """The picture (when pictures are on) and always the list, which is its text alternative.

    `fold`: the list goes under the picture in a closed `<details>` (an entity page, where the
    picture is the summary and the list only gives the titles in full); it prints open.
    """
    items = timeline_items(entries, hrefs)
    if not items:
        return Markup("")
    listing = Markup(timeline_html(items))
    if not pictures:
        return Markup('<div class="briefing-timeline-text">{}</div>').format(listing)
    svg = timeline_svg(items, title=title, id_prefix="timeline")
    if fold:
        caption = "Timeline: the list under it gives the same entries with their full titles."
        listing = Markup(
            '<details class="briefing-timeline-text"><summary>The timeline as a list</summary>{}</details>'
        ).format(listing)
    else:
        caption = "Timeline: the list below says the same."
        listing = Markup('<div class="briefing-timeline-text">{}</div>').format(listing)
    return _figure(svg, caption, "briefing-timeline-figure") + listing


def locator_figure(entity: Entity, resolved: Resolved) -> Markup:
    if not entity.iso_code or not resolved.pictures:
        return Markup("")
    svg = locator_map_svg([entity.iso_code], title=f"Locator map of {entity.name}",
                          labels={entity.iso_code: entity.name}, id_prefix="locator")  # fmt: skip
    return _figure(svg, f"Where {entity.name} is.", "briefing-map-figure")


def members_figure(entity: Entity, resolved: Resolved) -> Markup:
    """Organisations: the members that are countries with a code and have not left, on one map."""
    entities = resolved.briefing.entities
    members = [entities[m.member] for m in entity.memberships if m.member in entities and m.left is None]
    codes = {m.iso_code: m.name for m in members if m.iso_code}
    if not codes or not resolved.pictures:
        return Markup("")
    svg = locator_map_svg(sorted(codes), title=f"Members of {entity.name}", labels=codes, id_prefix="members-map")
    names = ", ".join(codes[c] for c in sorted(codes, key=lambda c: codes[c]))
    return _figure(svg, f"Members on file: {names}.", "briefing-map-figure")


def overview_figure(resolved: Resolved, hrefs: Hrefs) -> Markup:
    entities = resolved.briefing.entities
    nodes = _nodes(set(entities), resolved, hrefs)
    html = overview_svg(
        nodes, _edges(resolved.all_links), title="Relations of the whole briefing", id_prefix="overview"
    )
    return Markup(html)
