"""Templating shared by every generated page: the Jinja environment, page front matter, `Page`.

Generated pages are Markdown only for their section headings (so MkDocs builds the table
of contents); everything drawn from content is HTML escaped by Jinja, so a fact sheet
cannot inject markup, Markdown syntax or attribute lists. The rest of a page is handed to
MkDocs as finished HTML (html_page.py).
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from briefing.model import KIND_FOLDERS, KIND_LABELS
from briefing.render.citations import quote_html
from briefing.render.grades import RELIABILITY
from briefing.render.html_page import html_body, keep_newlines
from briefing.render.quote_marks import marked_paragraph
from briefing.render.resolve import fact_anchor, last_as_of, role_anchor
from briefing.render.urls import entity_uri, source_uri

KIND_SINGULAR = {
    "country": "Country",
    "leader": "Leader",
    "organisation": "Organisation",
    "topic": "Topic",
    "event": "Event",
}
TOPIC_MEMBER_LABELS = {
    "countries": "Countries",
    "leaders": "Leaders",
    "organisations": "Organisations",
    "related_topics": "Related topics",
}


@dataclass(frozen=True)
class Page:
    """A page to generate: where it goes, its text, and the file a contributor edits for it.

    `markdown` is front matter and a body: Markdown, or the HTML body of html_page.py.
    """

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
        finalize=keep_newlines,
    )
    env.globals.update(
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


def render_template(template: str, front: Markup, **context: object) -> str:
    """The page's front matter and body from a page template (which writes the body only)."""
    return str(front) + html_body(_ENV.get_template(template).render(**context))
