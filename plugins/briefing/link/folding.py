"""Folding text for name matching: one comparable form, and offsets back into the original.

Names are compared in a *folded* form: NFC, lower case, Latin and Greek diacritics removed, every
run of whitespace or hyphens read as one space, curly apostrophes read as straight ones. `fold`
returns the folded text with an `OffsetMap`, so a hit in the folded text maps back to the exact
characters of the caller's text. The alias index (alias_index.py) matches names on this form.
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from collections.abc import Iterable
from typing import NamedTuple

_HYPHENS = "-\u2010\u2011"
_SPACE_RUNS = re.compile(" {2,}")
_NON_ASCII = re.compile(r"([^\x00-\x7f]+)")
_ASCII_SEPARATORS = "".join(c for c in map(chr, range(128)) if c != " " and (c.isspace() or c in _HYPHENS))
_APOSTROPHES = {ord(c): "'" for c in "\u2019\u2018\u02bc"}
_FINAL_SIGMA = {ord("ς"): "σ"}  # lower() of ΟΔΟΣ depends on position; σ and ς are one letter
_DIACRITICS = ((0x0300, 0x036F), (0x1AB0, 0x1AFF), (0x1DC0, 0x1DFF), (0x20D0, 0x20FF), (0xFE20, 0xFE2F))
_FOLDED_SCRIPTS = ((0x41, 0x24F), (0x370, 0x3FF), (0x1E00, 0x1FFF), (0x2C60, 0x2C7F), (0xA720, 0xA7FF))
# Where a word boundary is needed: next to a letter (or mark) of a script that puts spaces between
# words (Latin, Greek, Cyrillic, Armenian, Hebrew, Arabic, Indic, Georgian, Ethiopic, Cherokee,
# Canadian, Mongolian). Next to Thai, Lao, Burmese, Khmer, Chinese, Japanese or Korean text no
# boundary is needed: those write words together, and Korean attaches particles to names (김정은은).
# Ranges, not exact lists, keep the compiled pattern small; \w narrows them to letters and digits.
SPACED_SCRIPTS = (
    "\x00-\u0dff\u10a0-\u10ff\u1200-\u18af\u1ab0-\u1aff\u1dc0-\u1fff\u20d0-\u20ff\u2d00-\u2d2f\ufe20-\ufe2f"
)
MARKS_IN_WORDS = (  # combining diacritics, Hebrew and Arabic points, Indic signs (less the danda full stops)
    "\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"
    "\u0900-\u0963\u0966-\u0dff\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
)


def _within(ch: str, ranges: tuple[tuple[int, int], ...]) -> bool:
    cp = ord(ch)
    return any(low <= cp <= high for low, high in ranges)


def _separators_and_apostrophes(text: str) -> str:
    spaced = "".join(" " if c.isspace() or c in _HYPHENS else c for c in text)
    return _SPACE_RUNS.sub(" ", spaced.translate(_APOSTROPHES))


def _strip_diacritics(text: str) -> str:
    """Drops combining diacritics that sit on a Latin or Greek letter (Cyrillic й stays й)."""
    kept: list[str] = []
    on_folded_letter = False
    for ch in unicodedata.normalize("NFD", text):
        if unicodedata.combining(ch):
            if on_folded_letter and _within(ch, _DIACRITICS):
                continue
        else:
            on_folded_letter = _within(ch, _FOLDED_SCRIPTS)
        kept.append(ch)
    return unicodedata.normalize("NFC", "".join(kept))


def comparable(text: str, *, fold_diacritics: bool) -> str:
    """The form a name is checked in: NFC, separators and apostrophes unified, case kept."""
    text = _strip_diacritics(text) if fold_diacritics else unicodedata.normalize("NFC", text)
    return _separators_and_apostrophes(text).strip(" ")


def _fold_cluster(text: str) -> str:
    return _separators_and_apostrophes(_strip_diacritics(text).lower().translate(_FINAL_SIGMA))


def _char_class(code_points: Iterable[int]) -> str:
    ranges: list[list[int]] = []
    for cp in code_points:
        if ranges and ranges[-1][1] == cp - 1:
            ranges[-1][1] = cp
        else:
            ranges.append([cp, cp])
    return "".join(re.escape(chr(a)) + ("-" + re.escape(chr(b)) if b > a else "") for a, b in ranges)


class _Tables(NamedTuple):
    translate: dict[int, str]  # one character to one, for everything that folds so
    joining: re.Pattern[str]  # combining marks and conjoining jamo: they fold with the letter before
    expanding: re.Pattern[str] | None  # characters that fold to several


@functools.cache
def _tables() -> _Tables:
    translate: dict[int, str] = {}
    joining: list[int] = []
    expanding: list[int] = []
    for cp in (*range(0xD800), *range(0xE000, 0x10000)):
        ch = chr(cp)
        if unicodedata.combining(ch) or 0x1160 <= cp <= 0x11FF or 0xD7B0 <= cp <= 0xD7FF:
            joining.append(cp)
        elif (
            unicodedata.decomposition(ch) or ch.lower() != ch or ch.isspace() or ch in _HYPHENS
            or cp in _APOSTROPHES or cp in _FINAL_SIGMA
        ):  # fmt: skip
            folded = _fold_cluster(ch)
            if len(folded) == 1:
                translate[cp] = folded
            else:
                expanding.append(cp)
    return _Tables(
        translate,
        re.compile(f"[{_char_class(joining)}]+"),
        re.compile(f"[{_char_class(expanding)}]") if expanding else None,
    )


class OffsetMap:
    """Maps positions in a derived string (folded, or entity-decoded) back to its source string.

    Built from the spans where lengths differ, as (derived_start, derived_end, source_start,
    source_end); elsewhere the two strings run in step. A position inside such a span has no
    counterpart (it would cut a character and its accents, or an entity, in two): None.
    """

    def __init__(self, spans: list[tuple[int, int, int, int]]) -> None:
        self._spans = spans
        self._starts = [span[0] for span in spans]

    def source(self, pos: int) -> int | None:
        if not self._starts:
            return pos
        i = bisect.bisect_right(self._starts, pos) - 1
        if i < 0:
            return pos
        d_start, d_end, s_start, s_end = self._spans[i]
        if pos == d_start:
            return s_start
        if pos < d_end:
            return None
        return s_end + (pos - d_end)


def fold(text: str) -> tuple[str, OffsetMap]:
    """The folded text that names are matched in, with the way back to the original offsets."""
    tables = _tables()
    ascii_only = text.isascii()
    if ascii_only:
        folded = text.lower()
    else:  # lower() on the ASCII stretches is much faster than translate() on everything
        parts = _NON_ASCII.split(text)
        folded = "".join(p.translate(tables.translate) if n % 2 else p.lower() for n, p in enumerate(parts))
    for separator in _ASCII_SEPARATORS:
        if separator in folded:
            folded = folded.replace(separator, " ")
    irregular = [(*m.span(), False) for m in _SPACE_RUNS.finditer(folded)]
    if not ascii_only:
        irregular += [(*m.span(), True) for m in tables.joining.finditer(text)]
        if tables.expanding:
            irregular += [(*m.span(), True) for m in tables.expanding.finditer(text)]
        irregular.sort()
    if not irregular:
        return folded, OffsetMap([])
    pieces: list[str] = []
    spans: list[tuple[int, int, int, int]] = []
    done = length = 0
    for start, end, joins in irregular:
        if joins and start > done:
            start -= 1  # the letter the marks belong to
        pieces.append(folded[done:start])
        length += start - done
        replacement = _fold_cluster(text[start:end]) if joins else " "
        pieces.append(replacement)
        spans.append((length, length + len(replacement), start, end))
        length += len(replacement)
        done = end
    pieces.append(folded[done:])
    return "".join(pieces), OffsetMap(spans)
