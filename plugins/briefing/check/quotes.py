"""Quote verification: is a cited passage really in the source it cites, and where."""

from __future__ import annotations

import difflib
import hashlib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from briefing.model import Paragraph, Source

_QUOTE_MARKS = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u00b4": "'", "`": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
    }
)  # fmt: skip
_SPACE = re.compile(r"\s+")
_SPACED_DASH = re.compile(r" ?- ?")


@lru_cache(maxsize=16384)
def normalise(text: str) -> str:
    """The form quotes are compared in: NFC, straight quotes, ASCII hyphens, single spaces.

    Spacing around dashes is dropped too, since "law — despite" and "law—despite" are the
    same passage typeset differently.
    """
    text = unicodedata.normalize("NFC", text).translate(_QUOTE_MARKS)
    text = _SPACE.sub(" ", text).strip()
    return _SPACED_DASH.sub("-", text)


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


def find_quote(quote: str, paragraphs: Sequence[Paragraph]) -> int | None:
    """The number of the first paragraph that contains the quote, after normalising both."""
    wanted = normalise(quote)
    for paragraph in paragraphs:
        if wanted in normalise(paragraph.text):
            return paragraph.number
    return None


def find_elsewhere(quote: str, sources: Iterable[Source], exclude: str) -> tuple[str, int] | None:
    """(source id, paragraph) of another source that holds the quote: the citation is misattributed."""
    for source in sorted(sources, key=lambda s: s.id):
        if source.id == exclude:
            continue
        found = find_quote(quote, source.paragraphs)
        if found is not None:
            return source.id, found
    return None


def closest_passage(quote: str, paragraphs: Sequence[Paragraph]) -> Passage | None:
    """The run of words, about as long as the quote, that is most like it.

    Runs are ranked by shared words, ties broken by shared characters, so that
    "armored train" beats a run that only shares the words around it.
    """
    wanted_text = normalise(quote)
    wanted = wanted_text.split(" ")
    size = len(wanted)
    best: Passage | None = None
    best_score = (0.0, 0.0)
    words_matcher = difflib.SequenceMatcher(autojunk=False)
    words_matcher.set_seq2(wanted)
    chars_matcher = difflib.SequenceMatcher(autojunk=False)
    chars_matcher.set_seq2(wanted_text)
    for paragraph in paragraphs:
        words = normalise(paragraph.text).split(" ")
        original = paragraph.text.split()
        for start in range(max(1, len(words) - size + 1)):
            window = words[start : start + size]
            words_matcher.set_seq1(window)
            if words_matcher.real_quick_ratio() < best_score[0]:
                continue
            word_ratio = words_matcher.ratio()
            if word_ratio < best_score[0]:
                continue
            chars_matcher.set_seq1(" ".join(window))
            score = (word_ratio, chars_matcher.ratio())
            if score > best_score:
                best_score = score
                same_split = len(original) == len(words)
                shown = " ".join(original[start : start + size] if same_split else window)
                best = Passage(paragraph.number, shown, word_ratio)
    return best
