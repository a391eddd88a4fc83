"""The fast paths of quote normalising give what the plain definitions give, character for character.

quotes.normalise, quote_words and quote_spans.quote_span were rewritten for speed (one regular
expression scan for the quote marks, str.split for the spaces, offsets counted instead of mapped
one character at a time). Each is compared here with a slow reference written as the definition
reads, on text made of the characters that matter: every kind of space, dashes, quote marks,
combining accents, letters of scripts written without spaces.
"""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.check import quotes
from briefing.check.quote_spans import quote_span
from briefing.check.quotes import find_quote, keep_searches_of, normalise, quote_words
from briefing.model import Paragraph, Source

MARKS = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u00b4": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
}  # fmt: skip
PIECES = [
    "a", "b", "Kim", "1", "_", ".", ",", " ", "  ", "\n", "\t", "\u00a0", "\u2028", "\u3000", "\x1c", "-", " - ",
    "\u2014", " \u2013 ", "'", "\u2019", "\u201c", "\u201d", "`", "e\u0301", "\u00e9", "\u4e2d", "\u0e01", "\u0301",
]  # fmt: skip
texts = st.lists(st.sampled_from(PIECES), max_size=16).map("".join)


def reference_normalise(text: str) -> str:
    text = "".join(MARKS.get(c, c) for c in unicodedata.normalize("NFC", text))
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r" ?- ?", "-", text)


def reference_span(quote: str, text: str) -> tuple[int, int] | None:
    """Character by character: each character of the normalised text with the offset it came from."""
    if unicodedata.normalize("NFC", text) != text:
        return None
    chars: list[tuple[str, int]] = []
    for offset, ch in enumerate(MARKS.get(c, c) for c in text):
        if ch.isspace():
            if chars and chars[-1][0] != " ":
                chars.append((" ", offset))
        else:
            chars.append((ch, offset))
    if chars and chars[-1][0] == " ":
        chars.pop()
    kept = [
        (ch, offset)
        for i, (ch, offset) in enumerate(chars)
        if not (ch == " " and ((i > 0 and chars[i - 1][0] == "-") or (i + 1 < len(chars) and chars[i + 1][0] == "-")))
    ]
    normal = "".join(ch for ch, _ in kept)
    wanted = reference_normalise(quote)
    found = normal.find(wanted) if wanted else -1
    if found < 0:
        return None
    return kept[found][1], kept[found + len(wanted) - 1][1] + 1


def reference_words(quote: str) -> int:
    count = 0
    for token in re.split("[ -]", reference_normalise(quote)):
        unspaced = len(re.findall("[\u0e00-\u0eff\u3040-\u30ff\u4e00-\u9fff]", token))
        count += unspaced or any(c.isalnum() for c in token)
    return count


@settings(max_examples=800, deadline=None)
@given(texts)
def test_normalise_is_the_definition(text: str) -> None:
    assert normalise(text) == reference_normalise(text)


@settings(max_examples=800, deadline=None)
@given(texts)
def test_quote_words_is_the_definition(text: str) -> None:
    assert quote_words(text) == reference_words(text)


@settings(max_examples=1500, deadline=None)
@given(texts, st.data())
def test_quote_span_is_the_definition(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    quote = data.draw(st.one_of(st.just(text[start : data.draw(st.integers(start, len(text)))]), texts))
    assert quote_span(quote, text) == reference_span(quote, text)


def test_every_source_is_normalised_once_and_forgotten_when_no_longer_read() -> None:
    sources = [Source.__new__(Source) for _ in range(3)]
    for number, source in enumerate(sources):
        object.__setattr__(source, "paragraphs", (Paragraph(1, f"Source {number} says “hello there”.", 1),))
    keep_searches_of(())
    for source in sources * 2:
        assert find_quote('says "hello there"', source.paragraphs) == 1
    assert len(quotes._SEARCHED) == 3
    keep_searches_of(sources[:1])
    assert [entry[0] for entry in quotes._SEARCHED.values()] == [sources[0].paragraphs]
    assert find_quote("Source 2 says", sources[2].paragraphs) == 1


def reference_find(quote: str, written: list[str]) -> int | None:
    """The first paragraph (from 1) whose normalised text holds the normalised quote."""
    wanted = reference_normalise(quote)
    return next((number for number, text in enumerate(written, 1) if wanted in reference_normalise(text)), None)


paragraph_texts = st.lists(texts, min_size=1, max_size=5)


def _paragraphs(written: list[str], nfc: bool) -> tuple[Paragraph, ...]:
    """Paragraphs as read (NFC, so searched as written first) or as anyone may build them (not)."""
    return tuple(Paragraph(n, unicodedata.normalize("NFC", t) if nfc else t, n) for n, t in enumerate(written, 1))


@settings(max_examples=1500, deadline=None)
@given(paragraph_texts, st.booleans(), st.data())
def test_find_quote_is_the_definition(written: list[str], nfc: bool, data: st.DataObject) -> None:
    """Paragraphs are normalised only where a run of the quote's letters is found as written: the same answers."""
    paragraphs = _paragraphs(written, nfc)
    text = data.draw(st.sampled_from([p.text for p in paragraphs]))
    start = data.draw(st.integers(0, len(text)))
    quote = data.draw(st.one_of(st.just(text[start : data.draw(st.integers(start, len(text)))]), texts))
    assert find_quote(quote, paragraphs) == reference_find(quote, [p.text for p in paragraphs])


@settings(max_examples=500, deadline=None)
@given(st.lists(paragraph_texts, min_size=1, max_size=4), st.booleans(), st.data())
def test_find_elsewhere_is_the_definition(sources_texts: list[list[str]], nfc: bool, data: st.DataObject) -> None:
    sources = []
    for number, written in enumerate(sources_texts):
        source = Source.__new__(Source)
        object.__setattr__(source, "id", f"source-{number}")
        object.__setattr__(source, "paragraphs", _paragraphs(written, nfc))
        sources.append(source)
    quote = data.draw(st.one_of(st.sampled_from([t for written in sources_texts for t in written]), texts))
    exclude = data.draw(st.sampled_from([s.id for s in sources]))
    expected = next(
        (
            (source.id, found)
            for source in sources
            if source.id != exclude and (found := reference_find(quote, [p.text for p in source.paragraphs]))
        ),
        None,
    )
    assert quotes.find_elsewhere(quote, reversed(sources), exclude) == expected
