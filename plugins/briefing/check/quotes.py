"""Quote verification: is a cited passage really in the source it cites, and where."""

from __future__ import annotations

import bisect
import hashlib
import itertools
import operator
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache

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
    text = unicodedata.normalize("NFC", text)
    if not text.isascii() or "`" in text:  # "`" is the one ASCII mark
        text = straighten(text)
    text = " ".join(text.split())  # split(): runs of str.isspace(), ends dropped
    return _SPACED_DASH.sub("-", text) if "-" in text else text


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
    normal = normalise(quote)
    tokens = _WORD_BREAK.split(normal)
    if not _UNSPACED_LETTER.search(normal):  # a word is a run with a letter or digit in it
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


# Joins paragraphs in the searched text: a control character, refused in article text, so no
# quote that can be found spans two paragraphs.
_JOIN = "\x00"


class _Searchable:
    """One source's paragraphs as searched: each normalised only when a quote may lie in it, the
    whole text and its words (for near misses only) when first asked for."""

    def __init__(self, paragraphs: Sequence[Paragraph]) -> None:
        self.paragraphs = paragraphs
        self._scannable: bool | None = None
        self._normal: list[str | None] = [None] * len(paragraphs)
        self._words: tuple[list[str], list[int], list[int]] | None = None

    @property
    def scannable(self) -> bool:
        """Whether a paragraph as written can rule a quote out. Normalising leaves every character but
        spaces, quote marks and dashes as it is, in order, and joins no two that had a space between
        (a space goes only next to a dash): a run of other characters in a paragraph's normalised
        text is in the text as written, if that is NFC (as paragraphs are once read)."""
        if self._scannable is None:
            self._scannable = all(unicodedata.is_normalized("NFC", p.text) for p in self.paragraphs)
        return self._scannable

    def normal(self, index: int) -> str:
        """Paragraph `index` (from 0) normalised."""
        text = self._normal[index]
        if text is None:
            text = self._normal[index] = _normalise(self.paragraphs[index].text)
        return text

    def first_holding(self, wanted: str, key: str) -> int | None:
        """The index of the first paragraph whose normalised text holds `wanted` (normalised);
        `key` is quote_key(wanted)."""
        if not (key and self.scannable):
            return next((i for i in range(len(self.paragraphs)) if wanted in self.normal(i)), None)
        for index, paragraph in enumerate(self.paragraphs):
            written = paragraph.text
            # Held as written is held once normalised: normalising keeps a normalised run of text as it is.
            if key in written and (wanted in written or wanted in self.normal(index)):
                return index
        return None

    @property
    def text(self) -> str:
        """The normalised paragraphs joined by _JOIN (made afresh each time: it is rarely asked for)."""
        return _JOIN.join(self.normal(i) for i in range(len(self.paragraphs)))

    def words(self) -> tuple[list[str], list[int], list[int]]:
        """The words of `text` with a _JOIN word between paragraphs; the index in them of each
        paragraph's first word; the index just past each paragraph's last word."""
        if self._words is None:
            words = self.text.replace(_JOIN, f" {_JOIN} ").split(" ")
            marks = list(itertools.compress(range(len(words)), map(_JOIN.__eq__, words)))
            self._words = (words, [0, *map((1).__add__, marks)], [*marks, len(words)])
        return self._words


# What normalising may make of other characters, or put between them: a run of any other
# characters of a normalised quote is, as written, in any paragraph that holds the quote.
_NOT_IN_KEY = re.compile("[ '\"-]+")


def quote_key(wanted: str) -> str:
    """The longest run of `wanted` (normalised) that any text holding it holds as written; may be ''."""
    return max(_NOT_IN_KEY.split(wanted), key=len)


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
    _LAST_CORPUS.clear()


def searched_words(paragraphs: Sequence[Paragraph]) -> tuple[list[str], list[int], list[int]]:
    """The words of the paragraphs normalised, as _Searchable.words() gives them (for near misses)."""
    return _searchable(paragraphs).words()


def find_quote(quote: str, paragraphs: Sequence[Paragraph]) -> int | None:
    """The number of the first paragraph that contains the quote, after normalising both."""
    wanted = normalise(quote)
    if not paragraphs or _JOIN in wanted:
        return None
    index = _searchable(paragraphs).first_holding(wanted, quote_key(wanted))
    return None if index is None else paragraphs[index].number


def find_elsewhere(quote: str, sources: Iterable[Source], exclude: str) -> tuple[str, int] | None:
    """(source id, paragraph) of another source that holds the quote: the citation is misattributed."""
    wanted = normalise(quote)
    if _JOIN in wanted:
        return None
    for source in _corpus(sorted(sources, key=lambda s: s.id)).holding(wanted):
        if source.id == exclude:
            continue
        found = find_quote(quote, source.paragraphs)
        if found is not None:
            return source.id, found
    return None


class _Corpus:
    """Many sources' normalised text in one string: the few that hold a quote are found in one scan.
    Built at the first quote not found where it was cited (it normalises every source once)."""

    def __init__(self, sources: list[Source]) -> None:
        self.sources = sources
        texts = [_searchable(source.paragraphs).text for source in sources]
        self.text = _JOIN.join(texts)
        self.starts = [0, *itertools.accumulate(len(text) + 1 for text in texts)]

    def holding(self, wanted: str) -> Iterator[Source]:
        """The sources whose normalised text holds `wanted`, in order."""
        found = self.text.find(wanted)
        while found >= 0:
            index = bisect.bisect_right(self.starts, found) - 1
            yield self.sources[index]
            found = self.text.find(wanted, self.starts[index + 1])


# The corpus of the sources of the last search, kept with them (so that their ids are not reused).
_LAST_CORPUS: list[tuple[tuple[Sequence[Paragraph], ...], _Corpus]] = []


def _corpus(sources: list[Source]) -> _Corpus:
    identity = tuple(source.paragraphs for source in sources)
    if _LAST_CORPUS:
        last, corpus = _LAST_CORPUS[0]
        if len(last) == len(identity) and all(map(operator.is_, last, identity)):
            return corpus
    corpus = _Corpus(sources)
    _LAST_CORPUS[:] = [(identity, corpus)]
    return corpus
