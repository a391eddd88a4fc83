"""The What's new page: the record changes of history.py, newest first, grouped by day.

Each change links to the record as it stands today (locations.py), or to its page when the
record has since gone or been rewritten. Outside a git checkout the page says why it is empty.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from itertools import groupby

from jinja2 import Environment, PackageLoader, StrictUndefined

from briefing.publish.history import Change, History
from briefing.publish.locations import Location, record_locations, source_location
from briefing.render.pages import Page, front_matter
from briefing.render.resolve import Resolved
from briefing.render.urls import Hrefs

WHATS_NEW_URI = "whats-new.md"
WHATS_NEW_TITLE = "What's new"

_ENV = Environment(
    loader=PackageLoader("briefing.publish", "templates"),
    autoescape=True, undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
)  # fmt: skip


@dataclass(frozen=True)
class ChangeView:
    change: Change
    location: Location | None
    """Where the record (or, when it is gone, its page) is today; None when neither exists."""
    exact: bool
    """Whether `location` is the record itself, not only its page."""

    @property
    def heading(self) -> str:
        """'Fact added', 'Source changed', 'Leader removed'."""
        return f"{self.change.kind.capitalize()} {self.change.action}"


def locate_changes(changes: tuple[Change, ...], resolved: Resolved) -> list[ChangeView]:
    here = record_locations(resolved.briefing)
    views = []
    for change in changes:
        if change.kind == "source":
            found = source_location(change.record_id) if change.record_id in resolved.briefing.sources else None
            views.append(ChangeView(change, found, found is not None))
        elif change.record_id in here and change.action != "removed":
            views.append(ChangeView(change, here[change.record_id], True))
        else:
            views.append(ChangeView(change, here.get(change.entity_id), False))
    return views


def render_whats_new(history: History, resolved: Resolved, *, directory_urls: bool, edit_path: str) -> Page:
    views = locate_changes(history.changes, resolved)
    days: list[tuple[date, list[ChangeView]]] = [
        (d, list(group)) for d, group in groupby(views, key=lambda v: v.change.day)
    ]
    markdown = _ENV.get_template("whats_new.md.j2").render(
        front=front_matter(WHATS_NEW_TITLE),
        title=WHATS_NEW_TITLE,
        history=history,
        days=days,
        hrefs=Hrefs(WHATS_NEW_URI, directory_urls),
    )
    return Page(WHATS_NEW_URI, markdown, edit_path)
