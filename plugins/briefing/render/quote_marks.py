"""The quoted words on a source page: each cited span of a paragraph wrapped in <mark id="q-...">.

A citation's reference and tooltip link to its mark, so the reader lands on the very words a
claim rests on. Ids come from the quote's normalised text: the same quote always gets the same
id, whatever else is cited, and two citations of one passage share one mark.

Marks must nest. A quote inside another is a mark inside the other's; when two quotes overlap
without one containing the other, the earlier mark is widened to the end of the later one, so
each mark still holds all of its quote (and the wider one a few words more).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from markupsafe import Markup, escape

from briefing.check.quote_spans import quote_span
from briefing.check.quotes import find_quote, normalise
from briefing.model import Briefing


def mark_id(quote: str) -> str:
    """The id of the <mark> that holds `quote` on its source page: stable, unique per passage."""
    return "q-" + hashlib.sha256(normalise(quote).encode("utf-8")).hexdigest()[:10]


def _nested_spans(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The spans in document order, each lying within every span open at its start (widened if needed)."""
    ordered = sorted(spans, key=lambda s: (s[0], -s[1], s[2]))
    ends = [end for _, end, _ in ordered]
    open_spans: list[int] = []  # indexes into `ordered`; their ends never increase up the stack
    for index, (start, end, _) in enumerate(ordered):
        while open_spans and ends[open_spans[-1]] <= start:
            open_spans.pop()
        for outer in open_spans:  # every open span now holds this one
            ends[outer] = max(ends[outer], end)
        open_spans.append(index)
    return [(start, ends[index], ident) for index, (start, _, ident) in enumerate(ordered)]


def marked_paragraph(text: str, quotes: Iterable[str]) -> Markup:
    """The paragraph's text, escaped, with a <mark> round each quote found in it."""
    spans: dict[str, tuple[int, int, str]] = {}
    for quote in quotes:
        ident = mark_id(quote)
        if ident not in spans and (found := quote_span(quote, text)) is not None:
            spans[ident] = (found[0], found[1], ident)
    parts: list[str] = []
    done = 0
    open_ends: list[int] = []
    for start, end, ident in _nested_spans(list(spans.values())):
        while open_ends and open_ends[-1] <= start:
            close = open_ends.pop()
            parts += [str(escape(text[done:close])), "</mark>"]
            done = close
        parts += [str(escape(text[done:start])), f'<mark class="briefing-quote" id="{ident}">']
        done = start
        open_ends.append(end)
    while open_ends:
        close = open_ends.pop()
        parts += [str(escape(text[done:close])), "</mark>"]
        done = close
    parts.append(str(escape(text[done:])))
    return Markup("".join(parts))


_last_briefing: list[tuple[Briefing, dict[str, dict[int, list[str]]]]] = []


def quotes_by_paragraph(briefing: Briefing, source_id: str) -> dict[int, list[str]]:
    """Every quote any sheet cites from the source, by paragraph number (worked out once per briefing)."""
    if not _last_briefing or _last_briefing[0][0] is not briefing:
        found: dict[str, dict[int, list[str]]] = {}
        for entity in briefing.entities.values():
            for citation in entity.citations():
                source = briefing.sources.get(citation.source_id)
                if citation.quote is None or source is None:
                    continue
                number = find_quote(citation.quote, source.paragraphs)
                if number is not None:
                    found.setdefault(source.id, {}).setdefault(number, []).append(citation.quote)
        _last_briefing[:] = [(briefing, found)]
    return _last_briefing[0][1].get(source_id, {})
