"""Whole-briefing pages beside the entity pages: the grading legend and the review queue,
and the line under every page's title that dates the briefing."""

from __future__ import annotations

from datetime import date

from markupsafe import Markup

from briefing.link.linking import AliasIndex
from briefing.model import Briefing, PartialDate
from briefing.render.grades import CREDIBILITY, CREDIBILITY_MEANS, GRADES_URI, RELIABILITY, RELIABILITY_MEANS
from briefing.render.pages import sources_newest_first
from briefing.render.resolve import Resolved
from briefing.render.review import REVIEW_URI, review_queue
from briefing.render.templating import Page, front_matter, render_template
from briefing.render.urls import Hrefs


def render_grades_page(resolved: Resolved, directory_urls: bool, edit_path: str) -> Page:
    markdown = render_template(
        "grades.md.j2",
        front=front_matter("Source grades"),
        reliability=RELIABILITY,
        reliability_means=RELIABILITY_MEANS,
        credibility=CREDIBILITY,
        credibility_means=CREDIBILITY_MEANS,
        sources=sources_newest_first(resolved),
        hrefs=Hrefs(GRADES_URI, directory_urls),
    )
    return Page(GRADES_URI, markdown, edit_path)


def render_review_page(resolved: Resolved, index: AliasIndex, directory_urls: bool, edit_path: str) -> Page:
    markdown = render_template(
        "review.md.j2",
        front=front_matter("Review queue"),
        queue=review_queue(resolved, index),
        today=resolved.today,
        stale_after_days=resolved.stale_after_days,
        hrefs=Hrefs(REVIEW_URI, directory_urls),
    )
    return Page(REVIEW_URI, markdown, edit_path)


def render_briefing_pages(
    resolved: Resolved, index: AliasIndex, *, directory_urls: bool, briefings_dir: str, sources_dir: str
) -> list[Page]:
    return [
        render_grades_page(resolved, directory_urls, sources_dir),
        render_review_page(resolved, index, directory_urls, briefings_dir),
    ]


def briefing_date(briefing: Briefing) -> PartialDate | None:
    """The briefing's date: the publication date of its newest source."""
    return max((s.published for s in briefing.sources.values()), default=None)


def dateline(briefing: Briefing, today: date) -> Markup:
    """'Briefing as of January 2025 (its newest source) · built 1 December 2026', for the top of every page."""
    newest = briefing_date(briefing)
    built = Markup('built <time datetime="{}">{} {}</time>').format(
        today.isoformat(), today.day, today.strftime("%B %Y")
    )
    if newest is None:
        return Markup('<p class="briefing-dateline">No sources yet · {}</p>').format(built)
    return Markup(
        '<p class="briefing-dateline">Briefing as of <time datetime="{}">{}</time> (its newest source) · {}</p>'
    ).format(newest.iso(), newest.human(), built)


def with_dateline(html: str, line: Markup) -> str:
    """The page's HTML with the dateline after its first heading (or at the top when it has none).

    `html` is finished HTML (generated, or contributor HTML already sanitised); `line` is ours.
    """
    end = html.find("</h1>")
    at = end + len("</h1>") if end >= 0 else 0
    return f"{html[:at]}\n{line}{html[at:]}" if end >= 0 else f"{line}\n{html}"
