"""Quotes that prove nothing, and quotes that cost too much to disprove (issue 9, items 2 and 3)."""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest

from briefing.check import quotes
from briefing.check.near_miss import closest_passage
from briefing.model import Paragraph
from briefing.read.yamlread import MAX_FILE_BYTES
from hostile_fixtures import COUNTRY, check, make_project

QUOTE_AT = "briefings/countries/north-korea.yml:8:16: facts[0].citations[0].quote"


def country_quoting(quote_line: str) -> dict[str, str | bytes | None]:
    return {
        "briefings/countries/north-korea.yml": COUNTRY.replace(
            "quote: travelled to Russia by armoured train", quote_line
        )
    }


NO_WORDS = f"{QUOTE_AT}: expected the words of the passage cited, got a quote of blanks or punctuation only"


@pytest.mark.parametrize(
    "quote_line",
    [
        'quote: "   "',
        'quote: "\\t\\n\\t"',
        'quote: "\\u00a0\\u00a0\\u00a0"',
        'quote: " - - "',
        "quote: '\u3000\u3000\u3000'",
    ],
)
def test_a_quote_without_words_is_refused(tmp_path: Path, quote_line: str) -> None:
    code, lines = check(make_project(tmp_path, country_quoting(quote_line)))
    assert lines == [NO_WORDS]
    assert code == 1


def test_a_quote_of_two_words_is_refused_with_the_way_out(tmp_path: Path) -> None:
    code, lines = check(make_project(tmp_path, country_quoting("quote: armoured  train")))
    assert lines == [
        f"{QUOTE_AT}: expected a quote of at least 3 words, got 2 ('armoured  train'); quote more of the passage, "
        "or, for a short name or figure, add short_quote: true to this citation"
    ]
    assert code == 1


def test_a_declared_short_quote_is_checked_like_any_other(tmp_path: Path) -> None:
    found = country_quoting("quote: armoured train\n        short_quote: true")
    assert check(make_project(tmp_path / "found", found)) == (0, [])
    missing = country_quoting("quote: armoured tank\n        short_quote: true")
    code, lines = check(make_project(tmp_path / "missing", missing))
    assert lines == [
        f"{QUOTE_AT}: quote not found in sources/wire.md; closest passage (paragraph 1, 50% alike): 'armoured train'"
    ]
    assert code == 1


def test_a_declared_short_quote_still_needs_a_word(tmp_path: Path) -> None:
    code, lines = check(make_project(tmp_path, country_quoting('quote: "   "\n        short_quote: true')))
    assert (code, lines) == (1, [NO_WORDS])


@pytest.mark.parametrize(
    ("quote", "words"),
    [
        ("Kim Jong Un", 3),
        ("1,100 kilometres", 2),
        ("  two —  words ", 2),
        ("김정은 위원장", 2),
        ("金正恩总书记", 6),
        ("\u00a0\t\n", 0),
    ],
)
def test_words_are_counted_after_normalising(quote: str, words: int) -> None:
    assert quotes.quote_words(quote) == words


# The reader refuses a content file over MAX_FILE_BYTES, so no paragraph can be longer.
SOURCE_BYTES = MAX_FILE_BYTES - 1_000
CPU_SECONDS = 1.0


def _words_source(words: list[str], rng: random.Random, separator: str = " ") -> str:
    out, size = [], 0
    while size < SOURCE_BYTES:
        word = rng.choice(words)
        out.append(word)
        size += len(word) + len(separator)
    return separator.join(out)


def _adversarial_cases() -> dict[str, tuple[str, tuple[Paragraph, ...]]]:
    rng = random.Random(9)
    vocabulary = [f"w{i}" for i in range(3000)]
    long_quote = " ".join(rng.choice(vocabulary) for _ in range(300))
    quote_words = long_quote.split(" ")
    one = "a b " * 499 + "c"  # 1,000 words, the schema's 2,000 characters at most
    return {
        "300 words, 1 MB paragraph of the same vocabulary": (
            long_quote, (Paragraph(1, _words_source(vocabulary, rng), 1),)),
        "300 words, 1 MB paragraph made only of the quote's words": (
            long_quote, (Paragraph(1, _words_source(quote_words, rng), 1),)),
        "1,000 one-letter words, 1 MB paragraph of one-letter words": (
            one, (Paragraph(1, _words_source(["a", "b"], rng), 1),)),
        "300 words, 1 MB of one-word paragraphs": (
            long_quote,
            tuple(Paragraph(n + 1, w, n) for n, w in enumerate(_words_source(quote_words, rng, "\n").split("\n")))),
        "20 words, 1 MB paragraph": (" ".join(quote_words[:20]), (Paragraph(1, _words_source(vocabulary, rng), 1),)),
    }  # fmt: skip


@pytest.mark.parametrize(("case", "quote", "paragraphs"), [(k, *v) for k, v in _adversarial_cases().items()])
def test_the_closest_passage_of_any_quote_is_found_within_a_second(
    case: str, quote: str, paragraphs: tuple[Paragraph, ...]
) -> None:
    """CPU time, not wall time: other processes on a shared machine must not decide the outcome."""
    quotes.normalise.cache_clear()
    quotes.keep_searches_of(())  # nothing searched before: the first search normalises the source
    started = time.process_time()
    passage = closest_passage(quote, paragraphs)
    spent = time.process_time() - started
    assert passage is not None
    assert spent < CPU_SECONDS, f"{case}: {spent:.2f} s of CPU time"
