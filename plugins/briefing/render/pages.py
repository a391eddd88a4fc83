"""Render stage: model records to page Markdown, through autoescaped Jinja templates (templating.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from briefing.model import KIND_FOLDERS, KIND_LABELS, Entity, Role, Source
from briefing.render.citations import PageCitations
from briefing.render.entity_view import (
    also_named,
    bare_lines,
    by_kind,
    dated_rows,
    linked_in_records,
    pointed,
    table_rows,
)
from briefing.render.figures import locator_figure, members_figure, relations_figure, timeline_figure
from briefing.render.quote_marks import quotes_by_paragraph
from briefing.render.relations import neighbours_in_office, rows_for
from briefing.render.resolve import Resolved
from briefing.render.review import REVIEW_URI
from briefing.render.templating import Page, front_matter, render_template
from briefing.render.urls import Hrefs, entity_uri, source_uri
from briefing.render.views import render_graph_page, render_timeline_page

__all__ = ["LaterPage", "Page", "front_matter", "render_all"]
IN_OFFICE = ("current", "expected", "acting", "interim")


class RoleView:
    """How a role reads today: honest about how old the sources are."""

    def __init__(self, role: Role, resolved: Resolved) -> None:
        self.role = role
        self.stale = role.status in IN_OFFICE and resolved.is_stale(role.as_of)
        self.months = resolved.months_since(role.as_of)

    @property
    def span(self) -> str:
        start, end = self.role.start, self.role.end
        if start and end:
            return f"{start.human()} – {end.human()}"
        if start:
            return f"since {start.human()}"
        if end:
            return f"until {end.human()}"
        return ""

    @property
    def status_text(self) -> str:
        as_of = self.role.as_of.human()
        return {
            "current": f"In office as of {as_of}",
            "expected": f"Expected to take office, as of {as_of}",
            "former": f"Former (reported as of {as_of})",
            "acting": f"Acting, as of {as_of}",
            "interim": f"Interim, as of {as_of}",
        }[self.role.status]

    @property
    def status_phrase(self) -> str:
        """The status text to follow a comma: 'in office as of January 2025'."""
        text = self.status_text
        return text[0].lower() + text[1:]

    @property
    def stale_text(self) -> str:
        return f"not confirmed since {self.role.as_of.human()}, {self.months} months before this build"


OfficeRows = list[tuple[str, list[tuple[Entity, "RoleView"]]]]


def render_entity_page(
    entity: Entity, resolved: Resolved, directory_urls: bool, offices_by_country: dict[str, OfficeRows] | None = None
) -> Page:
    """An entity's page; `offices_by_country` (from _offices_by_country, once for all pages) saves a pass
    over every office of the briefing for each page."""
    uri = entity_uri(entity.kind, entity.id)
    hrefs = Hrefs(uri, directory_urls)
    cites = PageCitations(resolved, hrefs)
    sections = [(s.label, [(i, f) for i, f in enumerate(entity.facts) if f.section == s.id]) for s in resolved.sections]
    entities = resolved.briefing.entities
    rows = table_rows(entity, rows_for(entity.id, resolved.links.get(entity.id, []), entities), entities)
    entries = resolved.entries.get(entity.id, [])
    if offices_by_country is None:
        offices_by_country = _offices_by_country(resolved, entity.id)
    offices = offices_by_country.get(entity.id, [])
    in_tables = {v.role.office for _, holders in offices for _, v in holders}
    records = linked_in_records(entity, (leader for leader, _ in resolved.leaders_of.get(entity.id, [])))
    markdown = render_template(
        "entity.md.j2",
        front=front_matter(entity.name, (*entity.aliases, *entity.native_names)),
        e=entity,
        b=resolved.briefing,
        r=resolved,
        hrefs=hrefs,
        cites=cites,
        sections=[(label, facts) for label, facts in sections if facts],
        roles=[RoleView(role, resolved) for role in entity.roles],
        leaders=[(leader, RoleView(role, resolved)) for leader, role in resolved.leaders_of.get(entity.id, [])],
        mentioned=resolved.mentioned_in.get(entity.id, []),
        linked_from=by_kind(entities[i] for i in resolved.linked_from.get(entity.id, ())),
        timeline=timeline_figure(pointed(entity, entries, resolved.sections), f"Timeline of {entity.name}", hrefs,
                                 resolved.pictures, fold=True),
        relation_rows=dated_rows(rows),
        bare_lines=bare_lines(rows, records, entities),
        also_named=also_named(entity, records, rows, entries, entities),
        relations_figure=relations_figure(entity, resolved, hrefs),
        map_figure=locator_figure(entity, resolved) if entity.kind == "country" else members_figure(entity, resolved),
        offices=offices,
        former_leaders=[(leader, RoleView(role, resolved)) for leader, role in resolved.leaders_of.get(entity.id, [])
                        if role.status == "former" and (role.office is None or role.office not in in_tables)],
        any_office=any(role.office for role in entity.roles),
        succession=[neighbours_in_office(resolved.offices, entity.id, i) for i in range(len(entity.roles))],
        told_in=resolved.told_in.get(entity.id, []),
        REVIEW_URI=REVIEW_URI,
        link_stale=lambda link: link.status == "active" and link.as_of is not None and resolved.is_stale(link.as_of),
    )  # fmt: skip
    return Page(uri, markdown, entity.origin.path)


def _offices_by_country(resolved: Resolved, only: str | None = None) -> dict[str, OfficeRows]:
    """Country id -> (office title, holders in order with their role) for the offices of the country with
    more than one holder on file, by title; a single holder in office is shown by the infobox, a former one
    among former leaders. `only`: that country's offices alone."""
    found: dict[str, OfficeRows] = {}
    for rows in resolved.offices.values():
        if len(rows) < 2 or (only is not None and all(t.holder.roles[t.index].country != only for t in rows)):
            continue
        holders = [(t.holder, RoleView(t.holder.roles[t.index], resolved)) for t in rows]
        for country in sorted({v.role.country for _, v in holders if v.role.country is not None}):
            if only is None or country == only:
                found.setdefault(country, []).append((holders[-1][1].role.title, holders))
    return {c: sorted(rows, key=lambda office: (office[0], office[1][0][0].id)) for c, rows in found.items()}


def render_source_page(source: Source, resolved: Resolved, directory_urls: bool) -> Page:
    uri = source_uri(source.id)
    markdown = render_template(
        "source.md.j2",
        front=front_matter(source.display_title),
        s=source,
        b=resolved.briefing,
        cited_by=resolved.cited_by.get(source.id, {}),
        hrefs=Hrefs(uri, directory_urls),
        quotes=quotes_by_paragraph(resolved.briefing, source.id),
    )
    return Page(uri, markdown, source.origin.path)


def render_kind_index(kind: str, resolved: Resolved, directory_urls: bool, edit_dir: str) -> Page:
    uri = f"{KIND_FOLDERS[kind]}/index.md"
    markdown = render_template(
        "kind_index.md.j2",
        front=front_matter(KIND_LABELS[kind]),
        kind=kind,
        entities=resolved.briefing.of_kind(kind),
        r=resolved,
        hrefs=Hrefs(uri, directory_urls),
        current_roles=lambda e: [RoleView(x, resolved) for x in e.roles if x.status in IN_OFFICE],
        groups=_index_groups(kind, resolved),
    )
    return Page(uri, markdown, edit_dir)


def _index_groups(kind: str, resolved: Resolved) -> list[tuple[str, list[Entity]]]:
    """Leaders: heads of state and government apart from other officials; other kinds: one group."""
    entities = resolved.briefing.of_kind(kind)
    if kind != "leader":
        return [("", entities)] if entities else []
    heads = [e for e in entities if any(r.head for r in e.roles)]
    others = [e for e in entities if e not in heads]
    return [(title, group) for title, group in (("Heads of state and government", heads), ("Other officials", others))
            if group]  # fmt: skip


def sources_newest_first(resolved: Resolved) -> list[Source]:
    return sorted(resolved.briefing.sources.values(), key=lambda s: (s.published, s.id), reverse=True)


def render_sources_index(resolved: Resolved, directory_urls: bool, edit_dir: str) -> Page:
    uri = "sources/index.md"
    markdown = render_template(
        "sources_index.md.j2",
        front=front_matter("Sources"),
        sources=sources_newest_first(resolved),
        cited_by=resolved.cited_by,
        hrefs=Hrefs(uri, directory_urls),
    )
    return Page(uri, markdown, edit_dir)


def render_home(resolved: Resolved, directory_urls: bool, site_name: str, edit_path: str) -> Page:
    briefing = resolved.briefing
    counts = [(kind, len(briefing.of_kind(kind))) for kind in KIND_FOLDERS]
    facts = sum(len(e.facts) for e in briefing.entities.values())
    citations = sum(len(e.citations()) for e in briefing.entities.values())
    markdown = render_template(
        "home.md.j2",
        front=front_matter(site_name),
        site_name=site_name,
        counts=counts,
        facts=facts,
        citations=citations,
        sources=sources_newest_first(resolved)[:10],
        source_count=len(briefing.sources),
        today=resolved.today,
        stale_after_days=resolved.stale_after_days,
        hrefs=Hrefs("index.md", directory_urls),
    )
    return Page("index.md", markdown, edit_path)


@dataclass(frozen=True)
class LaterPage:
    """A page to generate whose text is rendered each time it is asked for, not held: a build reads
    each page once, and thousands of pages' text held at once is most of a large build's memory."""

    src_uri: str
    edit_path: str
    render: Callable[[], Page]

    @property
    def markdown(self) -> str:
        page = self.render()
        if page.src_uri != self.src_uri:
            raise AssertionError(f"{self.src_uri} rendered as {page.src_uri}")
        return page.markdown


def render_all(
    resolved: Resolved, *, directory_urls: bool, site_name: str, briefings_dir: str, sources_dir: str,
    home: bool = True, later: bool = False,
) -> list[Page | LaterPage]:  # fmt: skip
    """Every generated page, in a fixed order; with `later`, entity and source pages are LaterPages."""
    pages: list[Page | LaterPage] = []
    offices = _offices_by_country(resolved)
    for kind, folder in KIND_FOLDERS.items():
        pages.append(render_kind_index(kind, resolved, directory_urls, f"{briefings_dir}/{folder}"))
        for e in resolved.briefing.of_kind(kind):
            render = partial(render_entity_page, e, resolved, directory_urls, offices)
            pages.append(LaterPage(entity_uri(e.kind, e.id), e.origin.path, render) if later else render())
    pages.append(render_timeline_page(resolved, directory_urls, briefings_dir))
    pages.append(render_graph_page(resolved, directory_urls, briefings_dir))
    pages.append(render_sources_index(resolved, directory_urls, sources_dir))
    for s in resolved.briefing.sources.values():
        render_source = partial(render_source_page, s, resolved, directory_urls)
        pages.append(LaterPage(source_uri(s.id), s.origin.path, render_source) if later else render_source())
    if home:
        pages.append(render_home(resolved, directory_urls, site_name, briefings_dir))
    return pages
