"""The printable briefing pack: one self-contained HTML page, made from the model, for print_pdf.py.

Order: a cover with the briefing date (the newest source's), contents, key judgements (when
the model has them), then topics, countries, leaders and organisations, each with its pictures
and its citations as endnotes with the articles' URLs. Everything is inline: styles and SVG
pictures, no script, no web font, nothing to fetch, so printing needs no network.

`pack` narrows it to some topics or countries: those, plus the entities a selected topic lists
and the leaders on file for a selected country. Hooks for what is to come:
`PICTURES` (functions of an entity giving inline SVG) and `KEY_JUDGEMENTS` (a function giving
the briefing's key judgements as text, empty until the model carries them).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib.resources import files as package_files

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from briefing.model import KIND_LABELS, Citation, Entity
from briefing.publish.api import briefing_date
from briefing.render.pages import RoleView
from briefing.render.pictures.country_shapes import UnknownCountryCode
from briefing.render.pictures.locator_map import locator_map_svg
from briefing.render.resolve import Resolved

PACK_ORDER = ("topic", "country", "leader", "organisation")

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


def locator_map(entity: Entity, resolved: Resolved) -> str:
    if entity.kind != "country" or not entity.iso_code:
        return ""
    try:
        return locator_map_svg([entity.iso_code], title=f"Where {entity.name} is", id_prefix=f"map-{entity.id}")
    except UnknownCountryCode:
        return ""


PICTURES: list[Callable[[Entity, Resolved], str]] = [locator_map]
"""Inline SVG pictures printed with an entity, in this order; each returns '' when it has none."""


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
    keep = chosen if pack else set(entities)
    return [e for kind in PACK_ORDER for e in resolved.briefing.of_kind(kind) if e.id in keep]


def print_html(resolved: Resolved, *, title: str, pack: Sequence[str] = ()) -> str:
    """The whole pack as one HTML document."""
    entities = select(resolved, pack)
    css = package_files("briefing.publish").joinpath("templates", "print.css").read_text(encoding="utf-8")
    pictures_css = package_files("briefing.render.pictures").joinpath("pictures.css").read_text(encoding="utf-8")
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
        pictures=lambda e: [Markup(svg) for draw in PICTURES if (svg := draw(e, resolved))],
        role_view=lambda role: RoleView(role, resolved),
    )
