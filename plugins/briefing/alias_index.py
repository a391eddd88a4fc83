"""The alias index: every name a fact sheet gives an entity, and where those names occur in text.

Names are compared in a *folded* form: NFC, lower case, Latin and Greek diacritics removed, every
run of whitespace or hyphens read as one space, curly apostrophes read as straight ones. One
Aho-Corasick automaton over the folded names scans a text once; each hit is then checked against
word boundaries and against the name as declared (case rule, diacritics), and overlapping hits are
resolved leftmost first, then longest. Offsets always refer to the caller's original text. The
rules are described for contributors in docs/linking.md.
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

import ahocorasick

_HYPHENS = "-\u2010\u2011"
_SPACE_RUNS = re.compile(" {2,}")
_APOSTROPHES = {ord(c): "'" for c in "\u2019\u2018\u02bc"}
_DIACRITICS = ((0x0300, 0x036F), (0x1AB0, 0x1AFF), (0x1DC0, 0x1DFF), (0x20D0, 0x20FF), (0xFE20, 0xFE2F))
_FOLDED_SCRIPTS = ((0x41, 0x24F), (0x370, 0x3FF), (0x1E00, 0x1FFF), (0x2C60, 0x2C7F), (0xA720, 0xA7FF))
# Scripts written without spaces between words, or (Hangul) with particles attached to names:
# a name in them, or next to them, needs no word boundary.
_UNSPACED = (
    (0x0E00, 0x0EFF), (0x1000, 0x109F), (0x1100, 0x11FF), (0x1780, 0x17FF), (0x3040, 0x30FF),
    (0x3130, 0x318F), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xA960, 0xA97F), (0xAC00, 0xD7FF),
    (0xF900, 0xFAFF), (0x20000, 0x2FFFF),
)  # fmt: skip


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
    return _separators_and_apostrophes(_strip_diacritics(text).lower())


def _char_class(chars: list[int]) -> str:
    ranges: list[list[int]] = []
    for cp in chars:
        if ranges and ranges[-1][1] == cp - 1:
            ranges[-1][1] = cp
        else:
            ranges.append([cp, cp])
    return "".join(re.escape(chr(a)) + ("-" + re.escape(chr(b)) if b > a else "") for a, b in ranges)


@functools.cache
def _fold_tables() -> tuple[dict[int, str], re.Pattern[str]]:
    """A one-to-one translation table for the common case, and a pattern for everything else.

    Everything else is what changes length when folded: a letter followed by combining marks or
    conjoining Hangul jamo (decomposed input), a character that folds to several, a run of spaces.
    """
    table: dict[int, str] = {}
    combining: list[int] = []
    expanding: list[int] = []
    for cp in range(0x10000):
        ch = chr(cp)
        if 0xD800 <= cp <= 0xDFFF:
            continue
        if unicodedata.combining(ch) or 0x1160 <= cp <= 0x11FF or 0xD7B0 <= cp <= 0xD7FF:
            combining.append(cp)
        elif unicodedata.decomposition(ch) or ch.lower() != ch or ch.isspace() or ch in _HYPHENS or cp in _APOSTROPHES:
            folded = _fold_cluster(ch)
            if len(folded) == 1:
                table[cp] = folded
            else:
                expanding.append(cp)
    marks = _char_class(combining)
    expands = f"|[{_char_class(expanding)}]" if expanding else ""
    return table, re.compile(f"(?P<cluster>[^{marks}][{marks}]+|[{marks}]+{expands})|(?P<spaces> {{2,}})")


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
    """The folded text matched against, with the way back to the original offsets."""
    table, irregular = _fold_tables()
    translated = text.translate(table)
    parts: list[str] = []
    spans: list[tuple[int, int, int, int]] = []
    done = length = 0
    for found in irregular.finditer(translated):
        start, end = found.span()
        parts.append(translated[done:start])
        length += start - done
        replacement = " " if found.group("spaces") else _fold_cluster(text[start:end])
        parts.append(replacement)
        spans.append((length, length + len(replacement), start, end))
        length += len(replacement)
        done = end
    parts.append(translated[done:])
    return "".join(parts), OffsetMap(spans)


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_" or unicodedata.category(ch)[0] == "M"


def _boundary(left: str, right: str) -> bool:
    """Whether a name may begin or end between the characters left and right ("" = edge of text)."""
    if not left or not right or not (_is_word(left) and _is_word(right)):
        return True
    return _within(left, _UNSPACED) or _within(right, _UNSPACED)


def _is_acronym(word: str) -> bool:
    return any(c.isupper() for c in word) and not any(c.islower() for c in word)


@dataclass(frozen=True)
class AliasSpec:
    """One entity's names, as the core hands them over (one fact sheet)."""

    entity_id: str
    kind: str
    name: str
    aliases: tuple[str, ...] = ()
    native_names: tuple[str, ...] = ()
    ambiguous_aliases: tuple[str, ...] = ()
    fold_diacritics: bool = True
    path: str = ""
    alias_lines: tuple[tuple[str, int], ...] = ()
    """(alias, line) pairs locating each declared name in `path`, for error messages."""


class AliasSite(NamedTuple):
    entity_id: str
    path: str
    line: int

    def location(self) -> str:
        where = self.path or self.entity_id
        return f"{where}:{self.line}" if self.line else where


@dataclass(frozen=True)
class AliasClash:
    """Two entities claim one alias and not both declare it ambiguous."""

    alias: str
    first: AliasSite
    second: AliasSite

    def message(self) -> str:
        return (
            f"{self.second.location()}: alias '{self.alias}' is also claimed by {self.first.location()}; "
            "declare it under ambiguous_aliases in both, or remove it"
        )


@dataclass(frozen=True)
class Mention:
    """A name found in text; start and end index the caller's original string."""

    entity_id: str
    start: int
    end: int
    matched_text: str


@dataclass(frozen=True)
class Match:
    """A mention, or (entity_id None) a name that is never linked but still claims its words."""

    entity_id: str | None
    start: int
    end: int
    matched_text: str


@dataclass(frozen=True)
class _Variant:
    form: str
    entity_id: str | None
    fold_diacritics: bool

    def accepts(self, occurrence: str) -> bool:
        """The case rule: exact, or equal ignoring case where the occurrence is not all lower case
        and every all-capital word of the name (US, U.N.) is written exactly."""
        seen = comparable(occurrence, fold_diacritics=self.fold_diacritics)
        if seen == self.form:
            return True
        if seen.casefold() != self.form.casefold() or not any(c.isupper() for c in seen):
            return False
        seen_words, words = seen.split(" "), self.form.split(" ")
        return len(seen_words) == len(words) and all(
            a == b for a, b in zip(seen_words, words, strict=True) if _is_acronym(b)
        )


class _Claim(NamedTuple):
    alias: str
    site: AliasSite
    ambiguous: bool
    fold_diacritics: bool


class AliasIndex:
    """Every name of every entity, compiled into one automaton; build with build_alias_index()."""

    def __init__(self, keys: dict[str, tuple[_Variant, ...]], ambiguous: dict[str, tuple[str, ...]]) -> None:
        self.ambiguous: dict[str, tuple[str, ...]] = ambiguous
        """Names never linked: alias -> the entities that declare it ambiguous or clash over it."""
        self._entries = [(len(key), variants) for key, variants in sorted(keys.items())]
        self._automaton: ahocorasick.Automaton | None = None
        if keys:
            self._automaton = ahocorasick.Automaton()
            for number, key in enumerate(sorted(keys)):
                self._automaton.add_word(key, number)
            self._automaton.make_automaton()

    def find_mentions(self, text: str) -> list[Mention]:
        """Every linkable mention in plain text, in order, none overlapping."""
        return [Mention(m.entity_id, m.start, m.end, m.matched_text) for m in self.scan(text) if m.entity_id]

    def find_mentions_by_entity(self, text: str) -> dict[str, list[Mention]]:
        grouped: dict[str, list[Mention]] = {}
        for mention in self.find_mentions(text):
            grouped.setdefault(mention.entity_id, []).append(mention)
        return dict(sorted(grouped.items()))

    def scan(self, text: str, before: str = "", after: str = "") -> list[Match]:
        """Names in text, leftmost first then longest, ambiguous ones included with entity_id None.

        before and after are the characters just outside text (e.g. across an <em> tag), so
        that a name is not found inside a word that merely continues in the next text node.
        """
        if self._automaton is None or not text:
            return []
        folded, offsets = fold(text)
        before, after = _fold_cluster(before)[-1:], _fold_cluster(after)[:1]
        hits: list[tuple[int, int, int]] = []
        for last, number in self._automaton.iter(folded):
            start, end = last + 1 - self._entries[number][0], last + 1
            left = folded[start - 1] if start else before
            if not _boundary(left, folded[start]) or not self._ends_word(folded, end, after):
                continue
            hits.append((start, -end, number))
        hits.sort()
        found: list[Match] = []
        taken = 0
        for start, minus_end, number in hits:
            if start < taken:
                continue
            source_start, source_end = offsets.source(start), offsets.source(-minus_end)
            if source_start is None or source_end is None:
                continue
            occurrence = text[source_start:source_end]
            for variant in self._entries[number][1]:
                if variant.accepts(occurrence):
                    found.append(Match(variant.entity_id, source_start, source_end, occurrence))
                    taken = -minus_end
                    break
        return found

    @staticmethod
    def _ends_word(folded: str, end: int, after: str) -> bool:
        right = folded[end] if end < len(folded) else after
        if _boundary(folded[end - 1], right):
            return True
        if folded.startswith("'s", end):  # possessive: the name is linked, the 's is not
            return _boundary("s", folded[end + 2] if end + 2 < len(folded) else after)
        return False


def _claims(spec: AliasSpec) -> Iterable[_Claim]:
    lines = dict(spec.alias_lines)
    declared = (spec.name, *spec.aliases, *spec.native_names)
    for alias in (*declared, *(a for a in spec.ambiguous_aliases if a not in declared)):
        site = AliasSite(spec.entity_id, spec.path, lines.get(alias, 0))
        yield _Claim(alias, site, alias in spec.ambiguous_aliases, spec.fold_diacritics)


def build_alias_index(specs: Iterable[AliasSpec]) -> tuple[AliasIndex, list[AliasClash]]:
    """The index of all names, and every clash between two entities over one name.

    A clashing name is treated like an ambiguous one (never linked), so the index is usable even
    while the clashes are reported.
    """
    by_key: dict[str, list[_Claim]] = {}
    for spec in specs:
        for claim in _claims(spec):
            key = fold(claim.alias)[0].strip(" ")
            if key:
                by_key.setdefault(key, []).append(claim)
    keys: dict[str, tuple[_Variant, ...]] = {}
    ambiguous: dict[str, tuple[str, ...]] = {}
    clashes: list[AliasClash] = []
    for key, claims in by_key.items():
        claims.sort(key=lambda c: (c.site.path, c.site.line, c.site.entity_id, c.alias))
        entity_ids = sorted({c.site.entity_id for c in claims})
        blocked = any(c.ambiguous for c in claims) or len(entity_ids) > 1
        first, reported = claims[0], {claims[0].site.entity_id}
        for other in claims[1:]:
            if other.site.entity_id in reported:
                continue
            reported.add(other.site.entity_id)
            if not (first.ambiguous and other.ambiguous):
                clashes.append(AliasClash(other.alias, first.site, other.site))
        if blocked:
            ambiguous.setdefault(comparable(first.alias, fold_diacritics=False), tuple(entity_ids))
        variants = {(comparable(c.alias, fold_diacritics=c.fold_diacritics), c.fold_diacritics): c for c in claims}
        keys[key] = tuple(
            _Variant(form, None if blocked else c.site.entity_id, fold_diacritics)
            for (form, fold_diacritics), c in variants.items()
        )
    clashes.sort(key=lambda c: (c.second.path, c.second.line, c.alias, c.first.path))
    return AliasIndex(keys, dict(sorted(ambiguous.items()))), clashes
