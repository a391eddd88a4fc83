"""Quote verification: is a cited passage really in the source it cites, and where."""

from __future__ import annotations

import bisect
import hashlib
import heapq
import itertools
import operator
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain, repeat

from rapidfuzz.distance import Indel

from briefing.model import Paragraph, Source

_QUOTE_MARKS = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u00b4": "'", "`": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
    }
)  # fmt: skip
# str.translate looks every character of a text that is not pure ASCII up in a dict; one regular
# expression scan finds the few marks to replace about fifteen times faster.
_MARK = re.compile("[" + re.escape("".join(map(chr, _QUOTE_MARKS))) + "]")
# A dash with a space before or after it (a bare dash is left as it is, which is the same).
_SPACED_DASH = re.compile(r" - ?|- ")


def straighten(text: str) -> str:
    """`text` with straight quotes and ASCII hyphens for the typographic ones, character for character."""
    return _MARK.sub(_straight, text)


def _straight(mark: re.Match[str]) -> str:
    return str(_QUOTE_MARKS[ord(mark.group())])


def _normalise(text: str) -> str:
    text = straighten(unicodedata.normalize("NFC", text))
    return _SPACED_DASH.sub("-", " ".join(text.split()))  # split(): runs of str.isspace(), ends dropped


@lru_cache(maxsize=16384)
def normalise(text: str) -> str:
    """The form quotes are compared in: NFC, straight quotes, ASCII hyphens, single spaces.

    Spacing around dashes is dropped too, since "law — despite" and "law—despite" are the
    same passage typeset differently.
    """
    return _normalise(text)


# Letters of scripts written without spaces between words: each counts as a word of its own.
_UNSPACED_LETTER = re.compile(
    "[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
)  # Thai, Lao, Myanmar, Khmer, kana, CJK ideographs
_WORD_BREAK = re.compile("[ -]")
_LETTER_OR_DIGIT = re.compile(r"[^\W_]")  # \w is str.isalnum() or "_"
MIN_QUOTE_WORDS = 3


def quote_words(quote: str) -> int:
    """How many words a quote carries once normalised: runs between spaces or dashes that hold a letter
    or digit; in scripts written without spaces, each letter."""
    tokens = _WORD_BREAK.split(normalise(quote))
    if not any(map(_UNSPACED_LETTER.search, tokens)):  # a word is a run with a letter or digit in it
        return sum(map(bool, map(_LETTER_OR_DIGIT.search, tokens)))
    count = 0
    for token in tokens:
        unspaced = len(_UNSPACED_LETTER.findall(token))
        count += unspaced or any(c.isalnum() for c in token)
    return count


def text_hash(paragraphs: Iterable[Paragraph]) -> str:
    """The hash recorded in a source's front matter when its quotes were verified."""
    joined = "\n\n".join(normalise(p.text) for p in paragraphs)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Passage:
    """The closest passage to a quote that was not found."""

    paragraph: int
    text: str
    similarity: float


# Joins paragraphs in the searched text: a control character, refused in article text, so no
# quote that can be found spans two paragraphs.
_JOIN = "\x00"


class _Searchable:
    """One source's paragraphs normalised once: the text searched and where paragraphs lie in it;
    its words (for near misses only) are split when first asked for."""

    def __init__(self, paragraphs: Sequence[Paragraph]) -> None:
        # One normalisation of the whole text, not one per paragraph: a source of many tiny
        # paragraphs costs what one long paragraph does. The join character keeps them apart.
        text = _SPACED_JOIN.sub(_JOIN, _normalise(_JOIN.join(p.text for p in paragraphs)))
        starts = [0, *itertools.accumulate(map(len, text.split(_JOIN)), operator.add)][:-1]
        self.text = text
        """The normalised paragraphs joined by _JOIN."""
        self.starts = list(map(operator.add, starts, range(len(starts))))
        """Offset in `text` where each paragraph starts."""
        self._words: tuple[list[str], list[int], list[int]] | None = None

    def words(self) -> tuple[list[str], list[int], list[int]]:
        """The words of `text` with a _JOIN word between paragraphs; the index in them of each
        paragraph's first word; the index just past each paragraph's last word."""
        if self._words is None:
            words = self.text.replace(_JOIN, f" {_JOIN} ").split(" ")
            marks = list(itertools.compress(range(len(words)), map(_JOIN.__eq__, words)))
            self._words = (words, [0, *map((1).__add__, marks)], [*marks, len(words)])
        return self._words


_SPACED_JOIN = re.compile(f" ?{_JOIN} ?")
# Every source searched, by the identity of its paragraphs: hashing a tuple of 100,000 paragraphs
# costs more than searching them. The tuple is kept with its entry, so its id cannot be reused
# meanwhile. Quotes are checked, hedged and marked in citation order, which visits sources in no
# order at all, so a small recent-first cache missed nearly always; this one holds each source
# once, and keep_searches_of() drops those no longer read (one build's worth is kept for serve).
_SEARCHED: dict[int, tuple[Sequence[Paragraph], _Searchable]] = {}
_MOST_SEARCHED = 200_000


def _searchable(paragraphs: Sequence[Paragraph]) -> _Searchable:
    if (hit := _SEARCHED.get(id(paragraphs))) and hit[0] is paragraphs:
        return hit[1]
    searchable = _Searchable(paragraphs)
    if len(_SEARCHED) >= _MOST_SEARCHED:
        _SEARCHED.clear()
    _SEARCHED[id(paragraphs)] = (paragraphs, searchable)
    return searchable


def keep_searches_of(sources: Iterable[Source]) -> None:
    """Forget the normalised text of every source but these: the sources of the build now running."""
    wanted = {id(source.paragraphs) for source in sources}
    for key in [key for key in _SEARCHED if key not in wanted]:
        del _SEARCHED[key]


def find_quote(quote: str, paragraphs: Sequence[Paragraph]) -> int | None:
    """The number of the first paragraph that contains the quote, after normalising both."""
    wanted = normalise(quote)
    if not paragraphs or _JOIN in wanted:
        return None
    searchable = _searchable(paragraphs)
    found = searchable.text.find(wanted)
    if found < 0:
        return None
    return paragraphs[bisect.bisect_right(searchable.starts, found) - 1].number


def find_elsewhere(quote: str, sources: Iterable[Source], exclude: str) -> tuple[str, int] | None:
    """(source id, paragraph) of another source that holds the quote: the citation is misattributed."""
    for source in sorted(sources, key=lambda s: s.id):
        if source.id == exclude:
            continue
        found = find_quote(quote, source.paragraphs)
        if found is not None:
            return source.id, found
    return None


# How many runs of words the cheap count keeps for exact scoring: enough that an ordinary misquote's
# own passage is always among them, few enough that scoring them stays a small fixed cost.
CANDIDATES = 64


def closest_passage(quote: str, paragraphs: Sequence[Paragraph]) -> Passage | None:
    """The run of words, about as long as the quote, that is most like it.

    Runs are ranked by shared words in order (the longest common subsequence of words), ties
    broken by shared characters, so that "armored train" beats a run that only shares the words
    around it. Scoring every run in full costs time in the product of the two lengths (a 300-word
    quote against a 1 MB paragraph took minutes), so each run first gets a cheap count, the words
    it shares with the quote, from one running total over the whole source; only the CANDIDATES
    runs with the highest counts are scored in full, by rapidfuzz (C++). The cost is then linear
    in the size of the source, whatever the quote: tests/test_hostile_quotes.py holds it to 1 s.
    """
    if not paragraphs:
        return None
    wanted_text = normalise(quote)
    wanted = wanted_text.split(" ")
    size = len(wanted)
    words, firsts, ends = _searchable(paragraphs).words()
    # Runs lie inside one paragraph: those of a paragraph start at its first word up to its end
    # less the quote's length, or only at its first word when it is shorter than the quote. Each
    # run's shared words is the difference of a running count at its two ends. Every step maps a
    # C function over all words: nothing below runs per word, or per paragraph, in Python.
    # Valid starts, paragraph by paragraph: first .. max(first, end - size), each with its paragraph's end.
    last_start = map(max, firsts, map(operator.sub, ends, repeat(size)))
    per_paragraph = list(map(operator.sub, last_start, map((-1).__add__, firsts)))
    starts = list(chain.from_iterable(map(range, firsts, map(operator.add, firsts, per_paragraph))))
    end_of = list(chain.from_iterable(map(repeat, ends, per_paragraph)))
    running = [0, *itertools.accumulate(map(frozenset(wanted).__contains__, words))]
    run_ends = map(min, map(operator.add, starts, repeat(size)), end_of)
    shared = list(map(operator.sub, map(running.__getitem__, run_ends), map(running.__getitem__, starts)))
    # The CANDIDATES highest counts, earliest first among equals (heapq on plain ints, then two C passes).
    threshold = heapq.nlargest(CANDIDATES, shared)[-1]
    above = list(itertools.compress(range(len(shared)), map(threshold.__lt__, shared)))
    level = itertools.compress(range(len(shared)), map(threshold.__eq__, shared))
    chosen = sorted([*above, *itertools.islice(level, CANDIDATES - len(above))])
    best: tuple[float, float, int] | None = None  # (words alike, characters alike, first word)
    for run in chosen:
        start = starts[run]
        window = words[start : min(start + size, end_of[run])]
        word_ratio = Indel.normalized_similarity(window, wanted)
        if best is None or word_ratio >= best[0]:
            score = (word_ratio, Indel.normalized_similarity(" ".join(window), wanted_text), start)
            if best is None or score[:2] > best[:2]:
                best = score
    if best is None or best[:2] == (0.0, 0.0):
        return None
    word_ratio, _, start = best
    index = bisect.bisect_right(firsts, start) - 1
    window = words[start : min(start + size, ends[index])]
    original = paragraphs[index].text.split()
    if len(original) == ends[index] - firsts[index]:
        window = original[start - firsts[index] : start - firsts[index] + size]
    return Passage(paragraphs[index].number, " ".join(window), word_ratio)
