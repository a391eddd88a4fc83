"""Render stage: model records to page Markdown, through autoescaped Jinja templates.

Generated pages are Markdown only for their section headings (so MkDocs builds the table
of contents); everything drawn from content is HTML escaped by Jinja, so a fact sheet
cannot inject markup, Markdown syntax or attribute lists.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from briefing.model import KIND_FOLDERS, KIND_LABELS, Entity, Role, Source
from briefing.render.citations import PageCitations, quote_html
from briefing.render.grades import RELIABILITY
from briefing.render.quote_marks import marked_paragraph, quotes_by_paragraph
from briefing.render.resolve import Resolved, fact_anchor, last_as_of, role_anchor
from briefing.render.urls import Hrefs, entity_uri, source_uri

SECTIONS = {
    "background": "Background",
    "politics": "Politics and government",
    "military": "Military and weapons",
    "diplomacy": "Diplomacy and relations",
    "economy": "Economy and sanctions",
    "statements": "Statements and positions",
}
KIND_SINGULAR = {"country": "Country", "leader": "Leader", "organisation": "Organisation", "topic": "Topic"}
TOPIC_MEMBER_LABELS = {
    "countries": "Countries",
    "leaders": "Leaders",
    "organisations": "Organisations",
    "related_topics": "Related topics",
}


@dataclass(frozen=True)
class Page:
    """A page to generate: where it goes, its Markdown, and the file a contributor edits for it."""

    src_uri: str
    markdown: str
    edit_path: str


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("briefing.render", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals.update(
        SECTIONS=SECTIONS,
        KIND_SINGULAR=KIND_SINGULAR,
        KIND_LABELS=KIND_LABELS,
        TOPIC_MEMBER_LABELS=TOPIC_MEMBER_LABELS,
        entity_uri=entity_uri,
        source_uri=source_uri,
        fact_anchor=fact_anchor,
        role_anchor=role_anchor,
        last_as_of=last_as_of,
        quote_html=quote_html,
        marked_paragraph=marked_paragraph,
        RELIABILITY=RELIABILITY,
        KIND_FOLDERS_INDEX={kind: f"{folder}/index.md" for kind, folder in KIND_FOLDERS.items()},
    )
    return env


_ENV = _environment()


def front_matter(title: str, tags: tuple[str, ...] = ()) -> Markup:
    """Page meta for MkDocs. The title is HTML-escaped because themes print page.title unescaped.

    `tags` go to Material's search index only (its tags plugin is off): a page's other names
    rank it first when searched for, and survive any cut of the index text.
    """
    meta: dict[str, object] = {"title": str(Markup.escape(title))}
    if tags:
        meta["tags"] = list(tags)
    data = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
    return Markup(f"---\n{data}---\n")


class RoleView:
    """How a role reads today: honest about how old the sources are."""

    def __init__(self, role: Role, resolved: Resolved) -> None:
        self.role = role
        self.stale = role.status in ("current", "expected") and resolved.is_stale(role.as_of)
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
        }[self.role.status]

    @property
    def status_phrase(self) -> str:
        """The status text to follow a comma: 'in office as of January 2025'."""
        text = self.status_text
        return text[0].lower() + text[1:]

    @property
    def stale_text(self) -> str:
        return f"not confirmed since {self.role.as_of.human()}, {self.months} months before this build"


def _render(template: str, **context: object) -> str:
    return _ENV.get_template(template).render(**context)


def render_entity_page(entity: Entity, resolved: Resolved, directory_urls: bool) -> Page:
    uri = entity_uri(entity.kind, entity.id)
    hrefs = Hrefs(uri, directory_urls)
    cites = PageCitations(resolved, hrefs)
    sections = [(key, [(i, f) for i, f in enumerate(entity.facts) if f.section == key]) for key in SECTIONS]
    markdown = _render(
        "entity.md.j2",
        front=front_matter(entity.name, (*entity.aliases, *entity.native_names)),
        e=entity,
        b=resolved.briefing,
        r=resolved,
        hrefs=hrefs,
        cites=cites,
        sections=[(key, facts) for key, facts in sections if facts],
        roles=[RoleView(role, resolved) for role in entity.roles],
        leaders=[(leader, RoleView(role, resolved)) for leader, role in resolved.leaders_of.get(entity.id, [])],
        mentioned=resolved.mentioned_in.get(entity.id, []),
        linked_from=sorted(
            (resolved.briefing.entities[i] for i in resolved.linked_from.get(entity.id, ())),
            key=lambda x: (x.kind, x.name),
        ),
        timeline=resolved.timelines.get(entity.id, []),
    )
    return Page(uri, markdown, entity.origin.path)


def render_source_page(source: Source, resolved: Resolved, directory_urls: bool) -> Page:
    uri = source_uri(source.id)
    markdown = _render(
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
    markdown = _render(
        "kind_index.md.j2",
        front=front_matter(KIND_LABELS[kind]),
        kind=kind,
        entities=resolved.briefing.of_kind(kind),
        r=resolved,
        hrefs=Hrefs(uri, directory_urls),
        current_roles=lambda e: [RoleView(x, resolved) for x in e.roles if x.status in ("current", "expected")],
    )
    return Page(uri, markdown, edit_dir)


def sources_newest_first(resolved: Resolved) -> list[Source]:
    return sorted(resolved.briefing.sources.values(), key=lambda s: (s.published, s.id), reverse=True)


def render_sources_index(resolved: Resolved, directory_urls: bool, edit_dir: str) -> Page:
    uri = "sources/index.md"
    markdown = _render(
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
    markdown = _render(
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


def render_all(
    resolved: Resolved, *, directory_urls: bool, site_name: str, briefings_dir: str, sources_dir: str,
    home: bool = True,
) -> list[Page]:  # fmt: skip
    """Every generated page, in a fixed order."""
    pages = []
    for kind, folder in KIND_FOLDERS.items():
        pages.append(render_kind_index(kind, resolved, directory_urls, f"{briefings_dir}/{folder}"))
        pages.extend(render_entity_page(e, resolved, directory_urls) for e in resolved.briefing.of_kind(kind))
    pages.append(render_sources_index(resolved, directory_urls, sources_dir))
    pages.extend(render_source_page(s, resolved, directory_urls) for s in resolved.briefing.sources.values())
    if home:
        pages.append(render_home(resolved, directory_urls, site_name, briefings_dir))
    return pages
