"""Where exactly a quote sits in its paragraph: the match on normalised text mapped back to offsets.

quotes.py finds a quote after normalising both texts (straight quotes, one kind of hyphen,
single spaces, no spaces round dashes). The source page highlights the quoted words, so the
match must be mapped back to character offsets in the paragraph as written.
"""

from __future__ import annotations

import bisect
import itertools
import re
import unicodedata

from briefing.check.quotes import normalise, straighten

_WORD = re.compile(r"\S+")  # \S is the complement of str.isspace(), as str.split() and strip() use


def quote_span(quote: str, text: str) -> tuple[int, int] | None:
    """(start, end) of the first occurrence of `quote` in `text`, compared as quotes.find_quote compares them.

    `text` must be NFC (paragraphs are). Every other step of normalise() maps one character to
    one (quote marks, dashes) or only touches spaces (collapses, drops), so the characters that
    are not spaces are the same, in the same order, in the paragraph and in its normalised form:
    the n-th of them in one is the n-th in the other. A quote never starts or ends with a space.
    """
    if not unicodedata.is_normalized("NFC", text):
        return None
    normal = normalise(text)
    wanted = normalise(quote)
    found = normal.find(wanted) if wanted else -1
    if found < 0:
        return None
    straight = straighten(text)
    words = straight.split()
    if normal.replace(" ", "") != "".join(words):  # a normalisation step this mapping does not know
        return None
    origins = list(map(re.Match.start, _WORD.finditer(straight)))
    before = list(itertools.accumulate(map(len, words), initial=0))  # characters of the words before each

    def origin(offset: int) -> int:
        nth = offset - normal.count(" ", 0, offset)
        word = bisect.bisect_right(before, nth) - 1
        return origins[word] + nth - before[word]

    return origin(found), origin(found + len(wanted) - 1) + 1
