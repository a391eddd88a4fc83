"""The Atom feed of record changes (`feed.xml`), written by feedgen from history.py's changes.

Deterministic: every date comes from git (or, with no change, from the build day), entries are
in history order, and feedgen writes the same bytes for the same input. With `site_url` every
link is absolute; without it (the offline edition) links are relative to feed.xml, at the root.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from html import escape

from feedgen.feed import FeedGenerator

from briefing.publish.history import History
from briefing.publish.site_urls import SiteUrls
from briefing.publish.whats_new import WHATS_NEW_TITLE, WHATS_NEW_URI, locate_changes
from briefing.render.resolve import Resolved
from briefing.render.urls import relative_url

FEED_FILE = "feed.xml"
FEED_ENTRIES = 100
_LABEL_CHARS = 160


def feed_link_tag(urls: SiteUrls, from_page_uri: str, site_name: str) -> str:
    """The `<link rel="alternate">` every page head carries, so readers and browsers find the feed.

    Material takes every `link[rel=alternate]` for a language version of the site and fetches
    `sitemap.xml` beside its address. So the address is relative (the fetch stays on the site that
    serves the page, whatever site_url says), and a site without site_url (the offline edition,
    read from file://, where that fetch fails) carries no feed link at all.
    """
    if urls.site_url is None:
        return ""
    href = relative_url(FEED_FILE, urls.from_page(from_page_uri))
    title = escape(f"{site_name}: {WHATS_NEW_TITLE}")
    return f'<link rel="alternate" type="application/atom+xml" title="{title}" href="{escape(href)}">'


def _short(text: str) -> str:
    return text if len(text) <= _LABEL_CHARS else text[: _LABEL_CHARS - 1].rstrip() + "…"


def atom_feed(history: History, resolved: Resolved, urls: SiteUrls, *, site_name: str, build_date: date) -> bytes:
    """The feed's bytes: the newest FEED_ENTRIES changes, newest first."""
    views = locate_changes(history.changes[:FEED_ENTRIES], resolved)
    newest = datetime.fromtimestamp(views[0].change.timestamp, tz=UTC) if views else None
    fg = FeedGenerator()
    fg.id(urls.path(FEED_FILE) if urls.site_url else f"urn:briefing:feed:{site_name}")
    fg.title(f"{site_name}: {WHATS_NEW_TITLE}")
    fg.author({"name": site_name})
    fg.updated(newest or datetime.combine(build_date, time(), tzinfo=UTC))
    fg.link(href=urls.page(WHATS_NEW_URI, from_path=FEED_FILE), rel="alternate")
    if urls.site_url:
        fg.link(href=urls.path(FEED_FILE), rel="self")
    if history.unavailable:
        fg.subtitle(f"No history of changes: built without git history ({history.unavailable})")
    else:
        fg.subtitle("Facts, roles, sheets and sources added, changed or removed, from the git history")
    for view in views:
        change = view.change
        when = datetime.fromtimestamp(change.timestamp, tz=UTC)
        entry = fg.add_entry(order="append")
        entry.id(f"urn:briefing:change:{change.commit}:{change.kind}:{change.record_id}:{change.action}")
        entry.title(f"{view.heading}: {_short(change.label)}")
        entry.updated(when)
        entry.published(when)
        entry.author({"name": change.author})
        target = view.location
        href = (
            urls.page(target.src_uri, target.anchor, from_path=FEED_FILE)
            if target
            else urls.page(WHATS_NEW_URI, from_path=FEED_FILE)
        )
        entry.link(href=href, rel="alternate")
        entry.summary(f"{change.label} ({change.commit[:10]}: {change.subject})")
    data: bytes = fg.atom_str(pretty=True)
    return data
