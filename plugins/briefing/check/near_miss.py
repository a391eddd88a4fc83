"""The closest passage to a quote not found: what a contributor needs to fix a misquote."""

from __future__ import annotations

import bisect
import heapq
import itertools
import operator
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain, repeat

from rapidfuzz.distance import Indel

from briefing.check.quotes import normalise, searched_words
from briefing.model import Paragraph


@dataclass(frozen=True)
class Passage:
    """The closest passage to a quote that was not found."""

    paragraph: int
    text: str
    similarity: float


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
    words, firsts, ends = searched_words(paragraphs)
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
