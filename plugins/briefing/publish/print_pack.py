"""The printable briefing pack: one self-contained HTML page, made from the model, for print_pdf.py.

Order: a cover with the briefing date (the newest source's), contents, key judgements (when
the model has them), then topics, events (in date order), countries, leaders and organisations,
each with its pictures (locator map, relations graph, timeline), its relations and members as
lists, and its citations as endnotes with the articles' URLs. Everything is inline: styles and SVG
pictures, no script, no web font, nothing to fetch, so printing needs no network.

`pack` narrows it to some topics or countries: those, plus the entities a selected topic lists,
the leaders on file for a selected country, and the events a selected sheet took part in or
tells of. Links in pictures go to the entity's section when it is printed, else nowhere.
Hooks: `PICTURES` (functions of an entity giving a `<figure>` with inline SVG) and
`KEY_JUDGEMENTS` (the briefing's key judgements as text, empty until the model carries them).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib.resources import files as package_files
from pathlib import PurePosixPath

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from briefing.model import KIND_LABELS, Citation, Entity
from briefing.publish.api import briefing_date
from briefing.render.pages import RoleView
from briefing.render.pictures.country_shapes import UnknownCountryCode
from briefing.render.pictures.graph import GraphEdge, GraphNode, neighbourhood_svg
from briefing.render.pictures.locator_map import locator_map_svg
from briefing.render.pictures.timeline import timeline_html, timeline_svg
from briefing.render.relations import Row, rows_for
from briefing.render.resolve import Resolved
from briefing.render.timelines import timeline_items
from briefing.render.urls import entity_uri

PACK_ORDER = ("topic", "event", "country", "leader", "organisation")
PackLink = Callable[[str, str | None], str]
"""A link from the pack to a page (src_uri, anchor): `#<id>` for an entity printed in it, else ''."""

_ENV = Environment(
    loader=PackageLoader("briefing.publish", "templates"),
    autoescape=True, undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
)  # fmt: skip


@dataclass
class Note:
    number: int
    citation: Citation
    paragraph: int | None


@dataclass
class Endnotes:
    """Citation numbers of one entity's section, in order of first use; the same passage keeps its number."""

    entity_id: str
    resolved: Resolved
    notes: list[Note] = field(default_factory=list)
    _numbers: dict[tuple[str, int | None, str | None], Note] = field(default_factory=dict)

    def __call__(self, citations: tuple[Citation, ...]) -> Markup:
        marks = []
        for citation in citations:
            paragraph = self.resolved.paragraph_of(citation)
            key = (citation.source_id, paragraph, citation.quote)
            if key not in self._numbers:
                self._numbers[key] = Note(len(self.notes) + 1, citation, paragraph)
                self.notes.append(self._numbers[key])
            number = self._numbers[key].number
            marks.append(Markup('<sup><a href="#note-{0}-{1}">{1}</a></sup>').format(self.entity_id, number))
        return Markup("<sup>,</sup>").join(marks)


def _figure(svg: str, caption: str) -> str:
    return str(Markup("<figure>{}<figcaption>{}</figcaption></figure>").format(Markup(svg), caption))


def locator_map(entity: Entity, resolved: Resolved, link: PackLink) -> str:
    if entity.kind != "country" or not entity.iso_code or not resolved.pictures:
        return ""
    try:
        svg = locator_map_svg([entity.iso_code], title=f"Where {entity.name} is", id_prefix=f"map-{entity.id}")
    except UnknownCountryCode:
        return ""
    return _figure(svg, f"Where {entity.name} is.")


def relations_graph(entity: Entity, resolved: Resolved, link: PackLink) -> str:
    """The page's relations graph, with ids of its own (one document holds every entity's)."""
    links = resolved.links.get(entity.id, [])
    if not links or not resolved.pictures:
        return ""
    entities = resolved.briefing.entities
    ids = sorted({entity.id} | {x.source for x in links} | {x.target for x in links})
    nodes = [GraphNode(i, entities[i].name, entities[i].kind, link(entity_uri(entities[i].kind, i), None)) for i in ids]
    edges = [GraphEdge(x.source, x.target, x.forward, x.dated) for x in links]
    svg = neighbourhood_svg(entity.id, nodes, edges, title=f"Relations of {entity.name}",
                            id_prefix=f"relations-{entity.id}")  # fmt: skip
    return _figure(svg, "Relations graph: the list of relations below says the same, with sources.")


def timeline(entity: Entity, resolved: Resolved, link: PackLink) -> str:
    """The page's timeline picture and its list (the picture's text alternative)."""
    items = timeline_items(resolved.entries.get(entity.id, []), link)
    if not items:
        return ""
    listing = str(Markup('<div class="timeline-text">{}</div>').format(Markup(timeline_html(items))))
    if not resolved.pictures:
        return listing
    svg = timeline_svg(items, title=f"Timeline of {entity.name}", id_prefix=f"timeline-{entity.id}")
    return _figure(svg, "Timeline: the list below says the same.") + listing


PICTURES: list[Callable[[Entity, Resolved, PackLink], str]] = [locator_map, relations_graph, timeline]
"""Pictures printed with an entity, in this order; each returns a `<figure>`, or '' when it has none."""


def no_judgements(resolved: Resolved) -> list[str]:
    return []


KEY_JUDGEMENTS: Callable[[Resolved], list[str]] = no_judgements
"""The key judgements printed after the contents; none until the model carries them."""


def select(resolved: Resolved, pack: Sequence[str]) -> list[Entity]:
    """The entities to print, in pack order. Raises ValueError naming ids that are not topics or countries."""
    entities = resolved.briefing.entities
    wrong = [i for i in pack if i not in entities or entities[i].kind not in ("topic", "country")]
    if wrong:
        raise ValueError(f"pack: {', '.join(wrong)}: expected the id of a topic or a country")
    chosen = set(pack)
    for entity_id in pack:
        entity = entities[entity_id]
        for ids in entity.members.values():
            chosen.update(ids)
        chosen.update(leader.id for leader, _ in resolved.leaders_of.get(entity_id, []))
        chosen.update(f.event for f in entity.facts if f.event in entities)
    chosen.update(e.id for e in resolved.briefing.of_kind("event") if any(p.entity in pack for p in e.participants))
    keep = chosen if pack else set(entities)
    return [e for kind in PACK_ORDER for e in resolved.briefing.of_kind(kind) if e.id in keep]


def print_html(resolved: Resolved, *, title: str, pack: Sequence[str] = ()) -> str:
    """The whole pack as one HTML document."""
    entities = select(resolved, pack)
    css = package_files("briefing.publish").joinpath("templates", "print.css").read_text(encoding="utf-8")
    pictures_css = package_files("briefing.render.pictures").joinpath("pictures.css").read_text(encoding="utf-8")
    printed = {e.id for e in entities}

    def link(uri: str, anchor: str | None) -> str:
        entity_id = PurePosixPath(uri).stem
        return f"#{entity_id}" if entity_id in printed else ""

    chapters = [
        (kind, [e for e in entities if e.kind == kind]) for kind in PACK_ORDER if any(e.kind == kind for e in entities)
    ]
    return _ENV.get_template("print.html.j2").render(
        title=title,
        css=Markup(css + pictures_css),
        briefing_date=briefing_date(resolved),
        build_date=resolved.today,
        judgements=KEY_JUDGEMENTS(resolved),
        chapters=chapters,
        labels=KIND_LABELS,
        sections={s.id: s.label for s in resolved.sections},
        pack=list(pack),
        r=resolved,
        b=resolved.briefing,
        endnotes=lambda e: Endnotes(e.id, resolved),
        pictures=lambda e: [Markup(svg) for draw in PICTURES if (svg := draw(e, resolved, link))],
        relation_rows=lambda e: _relation_rows(e, resolved),
        role_view=lambda role: RoleView(role, resolved),
    )


def _relation_rows(entity: Entity, resolved: Resolved) -> list[Row]:
    """What the relations graph shows, in the entity's wording; roles and topic lists are printed apart."""
    rows = rows_for(entity.id, resolved.links.get(entity.id, []), resolved.briefing.entities)
    return [row for row in rows if row.link.citations and not row.link.anchor.startswith("role-")]
