"""Hedges kept: a claim may not state as fact, or as done, what its quote only reports or expects.

A quote that says "allegedly", "accused", "reportedly", "according to", "said" or "claimed"
attributes what follows to someone; one that says "will", "plans to" or "expected" speaks of
what has not happened. A claim resting on such a quote must keep the attribution or the
future: "Blinken said ...", "... was expected to ...". This is a warning, so `mkdocs build
--strict` fails on it, and the message names both texts so the writer can compare them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from briefing.check.quote_spans import quote_span
from briefing.check.quotes import find_quote
from briefing.model import Citation, Entity, Source
from briefing.problems import Problem, Severity


@dataclass(frozen=True)
class Hedge:
    word: str
    pattern: re.Pattern[str]
    kind: str
    """'attribution' (someone else says so) or 'future' (not yet done)."""


def _words(*words: str) -> str:
    return r"\b(?:" + "|".join(words) + r")\b"


QUOTE_HEDGES = tuple(
    Hedge(word, re.compile(_words(pattern), re.IGNORECASE), kind)
    for word, pattern, kind in (
        ("allegedly", r"allegedly|alleged|allegations?", "attribution"),
        ("accused", r"accused|accuses|accusing", "attribution"),
        ("reportedly", r"reportedly", "attribution"),
        ("according to", r"according to", "attribution"),
        ("said", r"said|says", "attribution"),
        ("claimed", r"claimed|claims", "attribution"),
        ("reported by", r"reported by|reports from|as reported", "attribution"),
        ("indicated", r"indicated|indicate", "attribution"),
        ("will", r"will", "future"),
        ("plans to", r"plans to|planning to|planned to", "future"),
        ("expected", r"expected|anticipated", "future"),
    )
)
# Words by which a claim keeps an attribution: it says who says so, or that it is only said.
ATTRIBUTION_IN_CLAIM = re.compile(
    _words(
        r"alleg\w*",
        r"accus\w*",
        r"reported(?:ly)?",
        r"reports?",
        r"according",
        r"sa(?:id|ys|y)",
        r"claim\w*",
        r"stated?",
        r"told",
        r"describ\w+",
        r"called",
        r"denounc\w+",
        r"warn\w*",
        r"express\w+",
        r"voic\w+",
        r"condemn\w+",
        r"urg\w+",
        r"announc\w+",
        r"characteri[sz]\w+",
        r"caution\w*",
        r"suggest\w*",
        r"consider\w*",
        r"believ\w+",
        r"argu\w+",
        r"assert\w*",
        r"insist\w*",
        r"den(?:y|ied|ies)",
        r"reject\w*",
        r"fear\w*",
        r"concern\w*",
        r"view\w*",
        r"assess\w*",
        r"analysis",
        r"intelligence",
        r"pledg\w+",
        r"committ?\w*",
        r"vow\w*",
        r"promis\w+",
        r"dismiss\w*",
        r"criticis\w+",
        r"criticiz\w+",
        r"label\w*",
        r"indicat\w+",
        r"confirm\w*",
        r"worr\w+",
        r"apprehensions?",
        r"sources?",
        r"article",
    ),
    re.IGNORECASE,
)
# Words by which a claim keeps a future: it has not happened, or only may.
FUTURE_IN_CLAIM = re.compile(
    _words(
        r"will",
        r"would",
        r"shall",
        r"plans?",
        r"planned",
        r"planning",
        r"expect\w*",
        r"anticipat\w*",
        r"intend\w*",
        r"due",
        r"set to",
        r"may",
        r"might",
        r"could",
        r"possibl\w*",
        r"prospect\w*",
        r"future",
        r"upcoming",
        r"aims?",
        r"preparing",
        r"ahead",
        r"(?:is|are|was|were) to",
    ),
    re.IGNORECASE,
)


_SENTENCE_START = re.compile(r"[.!?][\"'”’]?\s+")
_SENTENCE_END = re.compile(r"[.!?][\"'”’]?(?=\s|$)")


def quoted_sentence(text: str, start: int, end: int) -> str:
    """The sentence (or run of sentences) of `text` that holds text[start:end]."""
    starts = [m.end() for m in _SENTENCE_START.finditer(text, 0, start)]
    first = starts[-1] if starts else 0
    stop = _SENTENCE_END.search(text, max(start, end - 1))
    return text[first : stop.end() if stop else len(text)]


def hedge_window(context: str, word: str, limit: int = 200) -> str:
    """`context` cut to about `limit` characters round the first place it carries the hedge `word`."""
    context = " ".join(context.split())
    if len(context) <= limit:
        return context
    hedge = next(h for h in QUOTE_HEDGES if h.word == word)
    found = hedge.pattern.search(context)
    start = max(0, (found.start() if found else 0) - limit // 2)
    end = min(len(context), start + limit)
    return ("…" if start else "") + context[start:end].strip() + ("…" if end < len(context) else "")


def dropped_hedge(claim: str, quote: str) -> str | None:
    """The hedge the quote carries and the claim drops, or None when the claim keeps it (or there is none).

    `quote` may be the whole sentence the quote comes from: "as reported by South Korea's
    military" at its end attributes the words quoted before it.
    """
    if ATTRIBUTION_IN_CLAIM.search(claim):
        return None  # the claim says who says so: that keeps a future as well as an attribution
    return _dropped(quote, FUTURE_IN_CLAIM.search(claim) is not None)


def _dropped(quote: str, keeps_future: bool) -> str | None:
    """The first hedge of `quote` a claim with no attribution drops (`keeps_future`: it keeps a future)."""
    for hedge in _FUTURE_KEPT if keeps_future else QUOTE_HEDGES:
        if hedge.pattern.search(quote):
            return hedge.word
    return None


def _claims(entity: Entity) -> Iterator[tuple[str, str, tuple[Citation, ...], int, int]]:
    """(field, text, citations, line, col) of every claim on a sheet written in the briefing's words."""
    for index, fact in enumerate(entity.facts):
        yield f"facts[{index}].text", fact.text, fact.citations, fact.origin.line, fact.origin.col
    if entity.summary_citations:
        yield "summary", entity.summary, entity.summary_citations, 0, 0
    for index, entry in enumerate(entity.status):
        yield f"status[{index}].text", entry.text, entry.citations, entry.origin.line, entry.origin.col


def _shorten(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _sentence_of(citation: Citation, sources: dict[str, Source], keeps_future: bool) -> str | None:
    """The sentence a citation quotes from, when it may carry a hedge that the claim drops."""
    source = sources.get(citation.source_id)
    if citation.quote is None or source is None:
        return None
    number = find_quote(citation.quote, source.paragraphs)
    if number is None:
        return None
    text = source.paragraphs[number - 1].text
    # The sentence is a run of the paragraph cut at spaces: a hedge in it is one in the paragraph.
    if not (_ANY_FUTURE_KEPT if keeps_future else _ANY_HEDGE).search(text):
        return None
    span = quote_span(citation.quote, text)
    return quoted_sentence(text, *span) if span else None


def check_hedges(entities: dict[str, Entity], sources: dict[str, Source]) -> Iterator[Problem]:
    """A warning per claim that drops a hedge or attribution one of its quotes (or the quote's sentence) carries."""
    for entity in entities.values():
        for field, text, citations, line, col in _claims(entity):
            if ATTRIBUTION_IN_CLAIM.search(text):
                continue  # keeps every hedge (see dropped_hedge)
            keeps_future = FUTURE_IN_CLAIM.search(text) is not None
            for citation in citations:
                if citation.quote is None:
                    continue
                where, context = "quote", citation.quote
                word = _dropped(context, keeps_future)
                if word is None and (sentence := _sentence_of(citation, sources, keeps_future)) is not None:
                    where, context = "sentence it quotes from", sentence
                    word = _dropped(sentence, keeps_future)
                if word is None:
                    continue
                done = " or as done" if word in _FUTURE else ""
                message = (
                    f"the {where} says {word!r} but the claim states it as fact{done}; keep the hedge "
                    f"or say who says so. claim: {_shorten(text)!r}; {where} ({citation.source_id}): "
                    f"{hedge_window(context, word)!r}"
                )
                yield Problem(entity.origin.path, line or citation.origin.line, col, field, message, Severity.WARNING)
                break


_FUTURE = {hedge.word for hedge in QUOTE_HEDGES if hedge.kind == "future"}
# The hedges a claim that keeps a future (but names no one) can still drop.
_FUTURE_KEPT = tuple(hedge for hedge in QUOTE_HEDGES if hedge.kind != "future")
# Whether a text carries any hedge at all (or any of _FUTURE_KEPT): one scan instead of one a hedge.
_ANY_HEDGE = re.compile("|".join(hedge.pattern.pattern for hedge in QUOTE_HEDGES), re.IGNORECASE)
_ANY_FUTURE_KEPT = re.compile("|".join(hedge.pattern.pattern for hedge in _FUTURE_KEPT), re.IGNORECASE)
