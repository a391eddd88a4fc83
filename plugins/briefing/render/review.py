"""The review queue: what an editor should look at next, per fact sheet.

Stale roles and facts, facts with a single source or resting only on sources graded D-F,
summaries and judgements without citations, sheets no source names, and sources no fact cites.
`briefing review` prints it; the site shows it at review/.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from briefing.link.gaps import unmentioned_sheets
from briefing.link.linking import AliasIndex
from briefing.model import Entity, PartialDate, Source
from briefing.render.grades import WEAK_RELIABILITY
from briefing.render.resolve import Resolved, fact_anchor, role_anchor

REVIEW_URI = "review.md"


@dataclass(frozen=True)
class Item:
    """One thing to look at: what it is, where on the page it is, and why."""

    label: str
    anchor: str
    why: str


@dataclass
class SheetReview:
    entity: Entity
    groups: dict[str, list[Item]] = field(default_factory=dict)
    """Heading -> items, in a fixed order; only non-empty groups."""

    def count(self) -> int:
        return sum(len(items) for items in self.groups.values())


@dataclass(frozen=True)
class ReviewQueue:
    sheets: list[SheetReview]
    uncited_sources: list[Source]


GROUPS = (
    "Stale roles",
    "Stale facts",
    "Single-source facts",
    "Facts resting only on sources graded D-F",
    "Without citations",
    "Named by no source",
)


def _age(resolved: Resolved, as_of: PartialDate) -> str:
    return f"as of {as_of.human()}, {resolved.months_since(as_of)} months before this build"


def review_sheet(entity: Entity, resolved: Resolved, unnamed: set[str]) -> SheetReview:
    sources = resolved.briefing.sources
    groups: dict[str, list[Item]] = {name: [] for name in GROUPS}
    for index, role in enumerate(entity.roles):
        if role.status in ("current", "expected") and resolved.is_stale(role.as_of):
            groups["Stale roles"].append(
                Item(role.title, role_anchor(index), f"{role.status}, {_age(resolved, role.as_of)}")
            )
    for index, fact in enumerate(entity.facts):
        label, anchor = f"Fact {index + 1}", fact_anchor(index)
        if fact.date is None and resolved.is_stale(fact.as_of):  # a state of affairs, not a dated event
            groups["Stale facts"].append(Item(label, anchor, _age(resolved, fact.as_of)))
        cited = {c.source_id for c in fact.citations}
        if len(cited) == 1:
            groups["Single-source facts"].append(Item(label, anchor, f"only {next(iter(cited))}"))
        grades = sorted({sources[s].reliability for s in cited if s in sources})
        if grades and all(g in WEAK_RELIABILITY for g in grades):
            groups["Facts resting only on sources graded D-F"].append(
                Item(label, anchor, f"graded {', '.join(grades)}")
            )
    if not entity.summary_citations:
        groups["Without citations"].append(Item("Summary", "", "no summary_citations"))
    for index, judgement in enumerate(entity.key_judgements):
        if not judgement.citations and not judgement.facts:
            groups["Without citations"].append(
                Item(f"Key judgement {index + 1}", "key-judgements", "no citations or facts")
            )
    if entity.id in unnamed:
        groups["Named by no source"].append(Item(entity.name, "", "no source names it or its aliases"))
    return SheetReview(entity, {name: items for name, items in groups.items() if items})


def review_queue(resolved: Resolved, index: AliasIndex) -> ReviewQueue:
    briefing = resolved.briefing
    named = resolved.named_by_sources
    unnamed = set(unmentioned_sheets(briefing, index)) if named is None else set(briefing.entities) - named
    kinds = ("country", "leader", "organisation", "topic")
    sheets = [review_sheet(e, resolved, unnamed) for kind in kinds for e in briefing.of_kind(kind)]
    cited = {c.source_id for e in briefing.entities.values() for c in e.citations()}
    uncited = [s for s in briefing.sources.values() if s.id not in cited]
    return ReviewQueue([s for s in sheets if s.groups], sorted(uncited, key=lambda s: s.id))


def review_text(queue: ReviewQueue) -> list[str]:
    """The queue as `briefing review` prints it: one line per item, under its sheet's file."""
    lines: list[str] = []
    for sheet in queue.sheets:
        lines.append(f"{sheet.entity.origin.path} ({sheet.entity.name}): {sheet.count()} to review")
        for group, items in sheet.groups.items():
            lines.append(f"  {group}:")
            lines.extend(f"    {item.label}: {item.why}" for item in items)
    if queue.uncited_sources:
        lines.append(f"Sources no fact cites: {len(queue.uncited_sources)}")
        lines.extend(f"  {s.origin.path} ({s.display_title})" for s in queue.uncited_sources)
    return lines
