"""Numbered citations on one page: superscripts in the text, a References list at the end."""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup, escape

from briefing.check.quote_spans import quote_span
from briefing.model import Citation, Source
from briefing.render.grades import grade, grade_link
from briefing.render.quote_marks import mark_id
from briefing.render.resolve import Resolved
from briefing.render.urls import Hrefs, source_uri


@dataclass
class Reference:
    number: int
    source: Source
    paragraph: int | None
    quote: str | None
    href: str
    backrefs: list[str] = field(default_factory=list)
    grade: Markup = field(default_factory=Markup)
    """The Admiralty grade ("B2") as a link to the legend."""


class PageCitations:
    """Numbers citations in order of first appearance; the same passage keeps its number."""

    def __init__(self, resolved: Resolved, hrefs: Hrefs) -> None:
        self._resolved = resolved
        self._hrefs = hrefs
        self._numbers: dict[tuple[str, int | None, str | None, int], Reference] = {}
        self.references: list[Reference] = []

    def __call__(self, citations: tuple[Citation, ...]) -> Markup:
        """Superscript links for a claim's citations, in the markup Material's footnote tooltips expect."""
        marks = []
        for citation in citations:
            paragraph = self._resolved.paragraph_of(citation)
            key = (citation.source_id, paragraph, citation.quote, citation.credibility)
            ref = self._numbers.get(key)
            if ref is None:
                source = self._resolved.briefing.sources[citation.source_id]
                anchor = f"p{paragraph}" if paragraph else None
                if paragraph and citation.quote and quote_span(citation.quote, source.paragraphs[paragraph - 1].text):
                    anchor = mark_id(citation.quote)  # the quoted words, highlighted on arrival
                ref = Reference(len(self.references) + 1, source, paragraph, citation.quote,
                                self._hrefs(source_uri(source.id), anchor),
                                grade=grade_link(grade(source, citation), self._hrefs))  # fmt: skip
                self._numbers[key] = ref
                self.references.append(ref)
            backref = f"fnref:{ref.number}" if not ref.backrefs else f"fnref{len(ref.backrefs) + 1}:{ref.number}"
            ref.backrefs.append(backref)
            marks.append(
                Markup('<sup id="{0}"><a class="footnote-ref" href="#fn:{1}">{1}</a></sup>').format(backref, ref.number)
            )
        return Markup("").join(marks)


def quote_html(text: str | None) -> Markup:
    return Markup("“{}”").format(escape(text)) if text else Markup("")
