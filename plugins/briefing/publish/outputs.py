"""Everything the briefing publishes besides its pages, behind one call for the front-end adapter.

`build_outputs` reads the history, then hands the adapter: the extra pages (What's new), the
extra files (feed.xml, api/*.json and the API schema) and, per page, what goes into its head
(the feed link and the page's JSON-LD). The adapter only registers and inserts them.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from briefing.publish.api import api_documents
from briefing.publish.feed import FEED_FILE, atom_feed, feed_link_tag
from briefing.publish.history import History, read_history
from briefing.publish.jsonld import other_page_script, page_scripts
from briefing.publish.site_urls import SiteUrls
from briefing.publish.whats_new import WHATS_NEW_TITLE, WHATS_NEW_URI, render_whats_new
from briefing.render.pages import Page
from briefing.render.resolve import Resolved

API_SCHEMA = "api.schema.json"


@dataclass(frozen=True)
class OutputSettings:
    site_name: str
    site_url: str | None
    directory_urls: bool
    build_date: date
    root: Path
    briefings_dir: str = "briefings"
    sources_dir: str = "sources"
    schemas_dir: str = "schemas"
    history_commits: int = 500
    history_days: int = 365


@dataclass
class SiteOutputs:
    pages: list[Page]
    files: Iterator[tuple[str, str | bytes]]
    """(site path, content) of each file, made as it is iterated: take each before the next is made."""
    history: History
    urls: SiteUrls
    site_name: str
    _scripts: dict[str, str] = field(default_factory=dict, repr=False)

    @property
    def log_line(self) -> str:
        if self.history.unavailable:
            return f"what's new: no history of changes ({self.history.unavailable}); the page and feed say so"
        return f"what's new: {len(self.history.changes)} change(s) in {self.history.commits_read} commit(s)"

    def head_html(self, src_uri: str, title: str | None) -> str:
        """The feed link and JSON-LD for the head of the page built from `src_uri`."""
        script = self._scripts.get(src_uri) or other_page_script(
            src_uri, title or self.site_name, self.urls, self.site_name
        )
        return feed_link_tag(self.urls, src_uri, self.site_name) + script


def build_outputs(resolved: Resolved, settings: OutputSettings) -> SiteOutputs:
    urls = SiteUrls(settings.site_url, settings.directory_urls)
    history = read_history(
        settings.root, settings.briefings_dir, settings.sources_dir,
        max_commits=settings.history_commits, max_days=settings.history_days,
    )  # fmt: skip
    schema_path = settings.root / settings.schemas_dir / API_SCHEMA
    schema = schema_path.read_text(encoding="utf-8") if schema_path.is_file() else None
    files: Iterator[tuple[str, str | bytes]] = itertools.chain(
        api_documents(resolved, urls, site_name=settings.site_name, build_date=settings.build_date, schema=schema),
        [(FEED_FILE, atom_feed(history, resolved, urls, site_name=settings.site_name, build_date=settings.build_date))],
    )
    page = render_whats_new(history, resolved, directory_urls=settings.directory_urls, edit_path=settings.briefings_dir)
    scripts = page_scripts(resolved, urls, settings.site_name)
    scripts[WHATS_NEW_URI] = other_page_script(WHATS_NEW_URI, WHATS_NEW_TITLE, urls, settings.site_name)
    return SiteOutputs([page], files, history, urls, settings.site_name, scripts)


def add_to_head(html: str, extra: str) -> str:
    """`extra` inserted before the first `</head>`; a page without one is left as it is."""
    at = html.find("</head>")
    return html if at < 0 else html[:at] + extra + html[at:]
