"""Where exactly a quote sits in its paragraph: the match on normalised text mapped back to offsets.

quotes.py finds a quote after normalising both texts (straight quotes, one kind of hyphen,
single spaces, no spaces round dashes). The source page highlights the quoted words, so the
match must be mapped back to character offsets in the paragraph as written.
"""

from __future__ import annotations

import unicodedata

from briefing.check.quotes import _QUOTE_MARKS, normalise


def normalise_with_offsets(text: str) -> tuple[str, list[int]]:
    """normalise(text) and, for each of its characters, the offset of the character it came from.

    `text` must already be NFC (paragraphs are); every other step of normalise() maps one
    character to one, or drops characters, so each kept character has one origin.
    """
    chars: list[tuple[str, int]] = []
    for offset, ch in enumerate(text.translate(_QUOTE_MARKS)):
        if ch.isspace():
            if chars and chars[-1][0] != " ":
                chars.append((" ", offset))
        else:
            chars.append((ch, offset))
    if chars and chars[-1][0] == " ":
        chars.pop()
    kept = [
        (ch, offset)
        for index, (ch, offset) in enumerate(chars)
        if not (
            ch == " "
            and ((index > 0 and chars[index - 1][0] == "-") or (index + 1 < len(chars) and chars[index + 1][0] == "-"))
        )
    ]
    return "".join(ch for ch, _ in kept), [offset for _, offset in kept]


def quote_span(quote: str, text: str) -> tuple[int, int] | None:
    """(start, end) of the first occurrence of `quote` in `text`, compared as quotes.find_quote compares them."""
    if unicodedata.normalize("NFC", text) != text:
        return None
    normal, offsets = normalise_with_offsets(text)
    if normal != normalise(text):  # a normalisation step this mapping does not know: no exact span
        return None
    wanted = normalise(quote)
    found = normal.find(wanted) if wanted else -1
    if found < 0:
        return None
    return offsets[found], offsets[found + len(wanted) - 1] + 1
