"""Validation across files: every id names a fact sheet, every citation a source, every quote its passage."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from briefing.check.near_miss import closest_passage
from briefing.check.quote_span import spanned_paragraphs
from briefing.check.quotes import MIN_QUOTE_WORDS, find_elsewhere, find_quote, quote_words, text_hash
from briefing.model import Citation, Origin, Source
from briefing.problems import Problem
from briefing.read.records import ReadResult

_KIND_NAMES = {
    "country": "a country",
    "leader": "a leader",
    "organisation": "an organisation",
    "topic": "a topic",
    "event": "an event",
}


def _at(where: Origin, message: str, leaf: str | None = None) -> Problem:
    """A problem at a written value; `leaf` names a sibling field of the citation (".paragraph")."""
    field = where.field if leaf is None else where.field.rsplit(".", 1)[0] + leaf
    return Problem(where.path, where.line, where.col, field, message)


def check_references(result: ReadResult) -> Iterator[Problem]:
    for ref in result.references:
        where = ref.origin
        if ref.target not in result.known_ids:
            close = difflib.get_close_matches(ref.target, sorted(result.known_ids), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            wanted = "" if len(ref.kinds) > 1 else f" ({_KIND_NAMES[ref.kinds[0]]})"
            yield _at(
                where,
                f"unknown id {ref.target!r}: no fact sheet has it{wanted}{hint}",
            )
            continue
        kind, path = result.known_ids[ref.target]
        if kind not in ref.kinds:
            wanted = " or ".join(_KIND_NAMES[k] for k in ref.kinds)
            yield _at(
                where,
                f"expected {wanted}, got {ref.target!r}, which is {_KIND_NAMES[kind]} ({path})",
            )
        elif path == where.path:
            yield _at(where, f"expected the id of another fact sheet, got {ref.target!r}, this sheet's own id")


def check_citations(result: ReadResult, unreadable_sources: set[str]) -> Iterator[Problem]:
    for entity in result.entities.values():
        for citation in entity.citations():
            yield from _check_citation(citation, result.sources, unreadable_sources)


def check_citations_of(result: ReadResult, source_id: str) -> Iterator[Problem]:
    """The problems of every citation of one source: what `briefing rehash` must see fixed first."""
    unreadable = result.source_ids - set(result.sources)
    for entity in result.entities.values():
        for citation in entity.citations():
            if citation.source_id == source_id:
                yield from _check_citation(citation, result.sources, unreadable)


def _check_citation(citation: Citation, sources: dict[str, Source], unreadable: set[str]) -> Iterator[Problem]:
    where = citation.origin
    source = sources.get(citation.source_id)
    if source is None:
        if citation.source_id in unreadable:
            return
        close = difflib.get_close_matches(citation.source_id, sorted(sources), n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        yield _at(
            where, f"unknown source {citation.source_id!r}: no file sources/{citation.source_id}.md{hint}", ".source"
        )
        return
    count = len(source.paragraphs)
    if citation.quote is None:
        if citation.paragraph is None:
            yield _at(
                where,
                "give the quote that backs the claim, or at least the paragraph number",
                "",
            )
        elif citation.paragraph > count:
            yield _at(
                where,
                f"{source.origin.path} has {count} paragraphs, not {citation.paragraph}",
                ".paragraph",
            )
        return
    if message := _too_short(citation):
        yield _at(where, message)
        return
    found = find_quote(citation.quote, source.paragraphs)
    if found is not None:
        if citation.paragraph is not None and citation.paragraph != found:
            yield _at(
                where,
                f"the quote is in paragraph {found} of {source.origin.path}, not {citation.paragraph}",
                ".paragraph",
            )
        return
    elsewhere = find_elsewhere(citation.quote, sources.values(), source.id)
    if elsewhere:
        other, paragraph = elsewhere
        yield _at(
            where,
            f"misattributed quote: it is not in {source.origin.path} but in "
            f"{sources[other].origin.path} paragraph {paragraph} (source: {other})",
        )
        return
    if spanned := spanned_paragraphs(citation.quote, source.paragraphs):
        yield _at(
            where,
            f"the quote runs from paragraph {spanned[0]} into paragraph {spanned[1]} of {source.origin.path}; "
            "a quote must lie within one paragraph: quote the part that backs the claim, or cite each part",
        )
        return
    passage = closest_passage(citation.quote, source.paragraphs)
    closest = (
        f"; closest passage (paragraph {passage.paragraph}, {passage.similarity:.0%} alike): {passage.text!r}"
        if passage
        else ""
    )
    yield _at(where, f"quote not found in {source.origin.path}{closest}")


def _too_short(citation: Citation) -> str | None:
    """A quote must carry words enough to prove something: three, or one for a declared short quote."""
    assert citation.quote is not None
    words = quote_words(citation.quote)
    shown = citation.quote if len(citation.quote) <= 60 else citation.quote[:57] + "..."
    if words == 0:
        return "expected the words of the passage cited, got a quote of blanks or punctuation only"
    if words < MIN_QUOTE_WORDS and not citation.short_quote:
        return (
            f"expected a quote of at least {MIN_QUOTE_WORDS} words, got {words} ({shown!r}); quote more of the "
            "passage, or, for a short name or figure, add short_quote: true to this citation"
        )
    return None


def check_source_hashes(sources: dict[str, Source]) -> Iterator[Problem]:
    """A source whose text changed since its quotes were verified is reported: the quotes may now mislead."""
    for source in sources.values():
        if source.sha256 is None:
            continue
        now = text_hash(source.paragraphs)
        if now != source.sha256:
            yield Problem(
                source.origin.path,
                0,
                0,
                "sha256",
                f"the article text changed since its quotes were verified (recorded {source.sha256[:12]}…, "
                f"now {now[:12]}…); check the citations of this source, then run: briefing rehash {source.id}",
            )
