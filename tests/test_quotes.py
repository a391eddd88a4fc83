"""Quote matching: what counts as the same passage, and what a near miss shows."""

from __future__ import annotations

import pytest

from briefing.check.near_miss import closest_passage
from briefing.check.quotes import find_quote, normalise, text_hash
from briefing.model import Paragraph

PARAGRAPHS = (
    Paragraph(1, "Blinken characterized the military relationship between Russia and North Korea as a “two-way street,” noting that Russia is supplying military assistance.", 1),
    Paragraph(2, "Experts have cautioned that Yoon’s brief martial law — despite its short duration — has unsettled political affairs.", 3),
    Paragraph(3, "North Korea launched a ballistic missile that traveled approximately 1,100 kilometers (around 685 miles).", 5),
)  # fmt: skip


@pytest.mark.parametrize(
    ("quote", "paragraph"),
    [
        ('as a "two-way street," noting', 1),  # straight for curly double quotes
        ("as a “two-way street,” noting", 1),  # exact
        ("Yoon's brief martial law", 2),  # straight apostrophe for ’
        ("Yoon’s brief martial law - despite its short duration - has", 2),  # hyphen for em dash
        ("martial law—despite its short duration—has", 2),  # unspaced em dash
        ("martial law \u2013 despite", 2),  # en dash
        ("approximately\u00a01,100 kilometers", 3),  # no-break space
        ("approximately   1,100\n kilometers", 3),  # runs of white space and a line break
        ("Yoon\u2019s brief", 2),
        ("Yoon\u0027s brief", 2),
        ("traveled approximately 1,100 kilometers (around 685 miles).", 3),
        ("Experts have cautioned", 2),
    ],
)
def test_quote_found_despite_typography(quote: str, paragraph: int) -> None:
    assert find_quote(quote, PARAGRAPHS) == paragraph


@pytest.mark.parametrize(
    "quote",
    [
        "as a “one-way street,” noting",  # one word changed
        "Blinken characterised the military relationship",  # British spelling
        "traveled approximately 1,000 kilometers",  # a number changed
        "experts have cautioned",  # case matters
        "Yoon’s brief martial-law",  # hyphen inserted between words
        "North Korea launched a missile",  # a word dropped
        "two-way street, noting",  # a quotation mark dropped
    ],
)
def test_near_miss_is_not_found(quote: str) -> None:
    assert find_quote(quote, PARAGRAPHS) is None


def test_closest_passage_names_paragraph_and_the_real_words() -> None:
    passage = closest_passage("the military relationship between Russia and South Korea", PARAGRAPHS)
    assert passage is not None
    assert (passage.paragraph, passage.text) == (1, "the military relationship between Russia and North Korea")
    assert passage.similarity == pytest.approx(7 / 8)


def test_normalise_is_what_is_compared() -> None:
    assert normalise("  “Tough” anti\u2011U.S.\u00a0stance — now ") == '"Tough" anti-U.S. stance-now'


def test_text_hash_ignores_typography_but_not_words() -> None:
    curly = (Paragraph(1, "It’s a “test” — really.", 1),)
    straight = (Paragraph(1, 'It\'s a "test" - really.', 1),)
    changed = (Paragraph(1, 'It\'s a "trial" - really.', 1),)
    assert text_hash(curly) == text_hash(straight)
    assert text_hash(curly) != text_hash(changed)
