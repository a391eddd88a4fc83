"""Whole-briefing views: the timeline and the relations overview, each one generated page."""

from __future__ import annotations

from briefing.render.figures import overview_figure, timeline_figure
from briefing.render.resolve import Resolved
from briefing.render.templating import Page, front_matter, render_template
from briefing.render.urls import GRAPH_URI, TIMELINE_URI, Hrefs


def render_timeline_page(resolved: Resolved, directory_urls: bool, edit_dir: str) -> Page:
    hrefs = Hrefs(TIMELINE_URI, directory_urls)
    entries = resolved.entries.get("", [])
    markdown = render_template(
        "timeline.md.j2",
        front=front_matter("Timeline"),
        count=len(entries),
        events=sum(e.kind == "event" for e in entries),
        timeline=timeline_figure(entries, "Timeline of the whole briefing", hrefs, resolved.pictures),
    )
    return Page(TIMELINE_URI, markdown, edit_dir)


def render_graph_page(resolved: Resolved, directory_urls: bool, edit_dir: str) -> Page:
    hrefs = Hrefs(GRAPH_URI, directory_urls)
    markdown = render_template(
        "graph.md.j2",
        front=front_matter("Relations graph"),
        overview=overview_figure(resolved, hrefs) if resolved.pictures else "",
        links=len(resolved.all_links),
        entities=len(resolved.briefing.entities),
    )
    return Page(GRAPH_URI, markdown, edit_dir)
