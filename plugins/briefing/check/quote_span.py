"""A quote not found because it runs across a paragraph break: said so, naming the paragraphs.

Quotes are looked for within one paragraph, since a citation links to one. A quote copied across
two paragraphs was reported as "not found, 60% alike" with no word of why.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from briefing.check.quotes import normalise
from briefing.model import Paragraph


def spanned_paragraphs(quote: str, paragraphs: Sequence[Paragraph]) -> tuple[int, int] | None:
    """(first, last) paragraph numbers of a quote found only across a paragraph break, else None."""
    wanted = normalise(quote)
    if not wanted or not paragraphs:
        return None
    texts = [normalise(p.text) for p in paragraphs]
    starts = []
    offset = 0
    for text in texts:
        starts.append(offset)
        offset += len(text) + 1  # the paragraph break reads as one space, as whitespace in a quote does
    start = " ".join(texts).find(wanted)
    if start < 0:
        return None
    first = bisect.bisect_right(starts, start) - 1
    last = bisect.bisect_right(starts, start + len(wanted) - 1) - 1
    if first == last:
        return None
    return paragraphs[first].number, paragraphs[last].number
