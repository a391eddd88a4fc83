"""The alias index: every name a fact sheet gives an entity, and where those names occur in text.

Names are compared in the folded form of folding.py (NFC, lower case, Latin and Greek diacritics
removed, whitespace and hyphen runs as one space, curly apostrophes straight). All
folded names are compiled into one trie-shaped regular expression with the word-boundary rules
built in, so a text is scanned once (benchmarks/bench_linker.py: faster than pyahocorasick here,
because Python sees only word-bounded hits). Each hit is then checked against the name as declared
(case rule, diacritics); if that fails, shorter names at the same place are tried. Offsets always
refer to the caller's original text. docs/linking.md describes the rules for contributors.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple, TypeAlias

from briefing.link.folding import MARKS_IN_WORDS, SPACED_SCRIPTS, OffsetMap, comparable, fold

_Trie: TypeAlias = "dict[str, _Trie]"


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
    case_sensitive: tuple[str, ...] = ()
    """Names that match only exactly as written."""
    not_links: tuple[str, ...] = ()
    """Phrases never linked: they occupy their words, so a name inside them is not linked either."""


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

    def description(self) -> str:
        """What is wrong and how to settle it, without the location of the second claim."""
        return (
            f"alias '{self.alias}' is also claimed by {self.first.location()}; "
            "declare it under ambiguous_aliases in both, or remove it"
        )

    def message(self) -> str:
        return f"{self.second.location()}: {self.description()}"


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
    alias: str  # as declared, NFC
    form: str  # comparable(alias)
    entity_id: str | None
    fold_diacritics: bool
    exact: bool = False
    """Declared case-sensitive: the case of every letter must match."""

    def accepts(self, occurrence: str) -> bool:
        """The case rule: exact, or equal ignoring case where the occurrence is not all lower case
        and every all-capital word of the name (US, U.N.) is written exactly."""
        if occurrence == self.alias:
            return True
        if self.exact:
            return comparable(occurrence, fold_diacritics=self.fold_diacritics) == self.form
        if occurrence.islower() and not self.alias.islower():
            return False
        seen = comparable(occurrence, fold_diacritics=self.fold_diacritics)
        if seen == self.form:
            return True
        if seen.casefold() != self.form.casefold() or not any(c.isupper() for c in seen):
            return False
        seen_words, words = seen.split(" "), self.form.split(" ")
        return len(seen_words) == len(words) and all(
            a == b for a, b in zip(seen_words, words, strict=True) if _is_acronym(b)
        )


def _trie_pattern(root: _Trie) -> str:
    """One alternation per branching trie node; where a name ends, the rest is an optional greedy
    group, so longer names are tried first. Built bottom-up without recursion: names can be long."""
    patterns: dict[int, str] = {}
    stack: list[tuple[_Trie, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        if not children_done:
            stack.append((node, True))
            stack.extend((child, False) for ch, child in node.items() if ch)
            continue
        branches = [re.escape(ch) + patterns.pop(id(child)) for ch, child in sorted(node.items()) if ch]
        body = "" if not branches else branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
        patterns[id(node)] = f"(?:{body})?" if "" in node and body else body
    return patterns[id(root)]


@functools.cache
def name_boundaries() -> tuple[str, str]:
    """Patterns for where a name may start and end: not inside a word of a script that puts spaces
    between words; a possessive 's may follow the end."""
    letter = rf"(?=[\w{MARKS_IN_WORDS}])[{SPACED_SCRIPTS}]"
    return rf"(?<!{letter})", rf"(?:(?!{letter})|(?='s(?!{letter})))"


class AliasIndex:
    """Every name of every entity, compiled into one pattern; build it with build_alias_index()."""

    def __init__(self, variants: dict[str, tuple[_Variant, ...]], ambiguous: dict[str, tuple[str, ...]]) -> None:
        self.ambiguous: dict[str, tuple[str, ...]] = ambiguous
        """Names never linked: alias -> the entities that declare it ambiguous, or clash over it."""
        self._variants = variants
        trie: _Trie = {}
        for key in variants:
            node = trie
            for ch in key:
                node = node.setdefault(ch, {})
            node[""] = {}
        # Shorter names that a longer one starts with, longest first: tried when the longer one fails.
        self._shorter = {key: tuple(n for n in range(len(key) - 1, 0, -1) if key[:n] in variants) for key in variants}
        starts, ends = name_boundaries()
        self._pattern = re.compile(starts + _trie_pattern(trie) + ends) if variants else None
        self._ends_name = re.compile(ends)

    def fingerprint(self) -> bytes:
        """A hash of every name and what it links to: equal for two indexes that link any text alike."""
        digest = hashlib.blake2b(digest_size=16)
        for key in sorted(self._variants):
            digest.update(repr((key, self._variants[key])).encode())
        digest.update(repr(sorted(self.ambiguous.items())).encode())
        return digest.digest()

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
        if self._pattern is None or not text:
            return []
        folded, offsets = fold(text)
        head = fold(before)[0][-1:] if before else ""
        tail = fold(after)[0][:1] if after else ""
        haystack, low, high = head + folded + tail, len(head), len(head) + len(folded)
        found: list[Match] = []
        position = low
        while (hit := self._pattern.search(haystack, position)) and hit.start() < high:
            accepted = self._accept(text, offsets, haystack, hit.start(), hit.end(), low, high)
            if accepted is None:
                position = hit.start() + 1
            else:
                found.append(accepted[0])
                position = accepted[1]
        return found

    def _accept(
        self, text: str, offsets: OffsetMap, haystack: str, start: int, end: int, low: int, high: int
    ) -> tuple[Match, int] | None:
        """The longest name at start that is written as declared, trying shorter names if needed."""
        key = haystack[start:end]
        source_start = offsets.source(start - low)
        if source_start is None:
            return None
        shorter = self._shorter[key]
        for length in (len(key), *shorter) if shorter else (len(key),):
            stop = start + length
            if stop > high or (stop < end and not self._ends_name.match(haystack, stop)):
                continue
            source_end = offsets.source(stop - low)
            if source_end is None:
                continue
            occurrence = text[source_start:source_end]
            for variant in self._variants[key[:length]]:
                if variant.accepts(occurrence):
                    return Match(variant.entity_id, source_start, source_end, occurrence), stop
        return None


class _Claim(NamedTuple):
    alias: str
    site: AliasSite
    ambiguous: bool
    fold_diacritics: bool
    exact: bool = False
    never: bool = False
    """A not_links phrase: blocks its words, clashes with nothing."""


def _claims(spec: AliasSpec) -> Iterable[_Claim]:
    lines = dict(spec.alias_lines)
    declared = (spec.name, *spec.aliases, *spec.native_names)
    for alias in (*declared, *(a for a in spec.ambiguous_aliases if a not in declared)):
        site = AliasSite(spec.entity_id, spec.path, lines.get(alias, 0))
        exact = alias in spec.case_sensitive
        yield _Claim(alias, site, alias in spec.ambiguous_aliases, spec.fold_diacritics, exact)
    for phrase in spec.not_links:
        yield _Claim(phrase, AliasSite(spec.entity_id, spec.path, 0), True, True, never=True)


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
    for key, all_claims in by_key.items():
        never = any(c.never for c in all_claims)
        claims = sorted(
            (c for c in all_claims if not c.never), key=lambda c: (c.site.path, c.site.line, c.site.entity_id, c.alias)
        )
        entity_ids = sorted({c.site.entity_id for c in claims})
        blocked = never or any(c.ambiguous for c in claims) or len(entity_ids) > 1
        reported = {claims[0].site.entity_id} if claims else set()
        for other in claims[1:]:
            if other.site.entity_id in reported:
                continue
            reported.add(other.site.entity_id)
            if not (claims[0].ambiguous and other.ambiguous):
                clashes.append(AliasClash(other.alias, claims[0].site, other.site))
        if blocked and claims:
            ambiguous.setdefault(comparable(claims[0].alias, fold_diacritics=False), tuple(entity_ids))
        ordered = [*claims, *(c for c in all_claims if c.never)]
        variants = {(unicodedata.normalize("NFC", c.alias), c.fold_diacritics, c.exact): c for c in ordered}
        keys[key] = tuple(
            _Variant(
                alias, comparable(alias, fold_diacritics=folds), None if blocked else c.site.entity_id, folds, exact
            )
            for (alias, folds, exact), c in variants.items()
        )
    clashes.sort(key=lambda c: (c.second.path, c.second.line, c.alias, c.first.path))
    return AliasIndex(keys, dict(sorted(ambiguous.items()))), clashes
