"""Hedges kept: which claims drop the attribution or the future of their quotes."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.check import hedges
from briefing.check.hedges import QUOTE_HEDGES, dropped_hedge, hedge_window, quoted_sentence


@pytest.mark.parametrize(
    ("claim", "quote", "dropped"),
    [
        ("Russia supplies arms to North Korea.", "the allegedly growing supply of arms", "allegedly"),
        ("Blinken voiced concern about the allegedly growing ties.", "the allegedly growing ties", None),
        ("The US accused Russia of deepening ties.", "the US accused Russia of deepening ties", None),
        ("Russia deepened its ties with North Korea.", "the US accused Russia of deepening ties", "accused"),
        ("North Korea sent 10,000 troops.", "North Korea reportedly sent 10,000 troops", "reportedly"),
        ("North Korea sent troops, according to US reports.", "according to the US, troops were sent", None),
        ("Moscow complied with the sanctions.", "Putin said that Moscow complied", "said"),
        ("Putin said Moscow complied.", "Putin said that Moscow complied", None),
        ("China's arms sale threatens stability.", "China claims it poses a threat", "claimed"),
        ("Blinken held talks in Paris.", "he will hold discussions in Paris", "will"),
        ("Blinken was to hold talks in Paris.", "he will hold discussions in Paris", None),
        ("The US delivered missiles to Japan.", "the US plans to deliver missiles", "plans to"),
        ("Japan is to receive missiles.", "the US plans to deliver missiles", None),
        ("Trump returned to the presidency.", "Trump is expected to return", "expected"),
        ("Trump was expected to return.", "Trump is anticipated to return", None),
        ("The missile flew 1,100 km.", "the missile flew 1,100 km, as reported by the military", "reported by"),
        ("The missile flew 1,100 km.", "the missile flew 1,100 km", None),
        ("Goodwill grew.", "goodwill grew", None),  # "will" only as a word
    ],
)
def test_dropped_hedge(claim: str, quote: str, dropped: str | None) -> None:
    assert dropped_hedge(claim, quote) == dropped


@pytest.mark.parametrize(
    ("text", "quoted", "sentence"),
    [
        ("One. The missile flew far, as reported. Two.", "missile flew far", "The missile flew far, as reported."),
        ("The missile flew far", "flew", "The missile flew far"),
        ("He said “go.” Then left.", "go", "He said “go.”"),
    ],
)
def test_quoted_sentence(text: str, quoted: str, sentence: str) -> None:
    start = text.index(quoted)
    assert quoted_sentence(text, start, start + len(quoted)) == sentence


def test_hedge_window_keeps_the_hedge_in_view() -> None:
    text = "x " * 150 + "as reported by the military." + " y" * 150
    shown = hedge_window(text, "reported by", limit=60)
    assert "as reported by" in shown and shown.startswith("…") and shown.endswith("…")
    assert len(shown) <= 62


HEDGE_PIECES = ["said", "Says", "will", "goodwill", "plans to", "according", " to", "expected", "x", ".", "!", "?",
                "\u201d", "'", " ", "  ", "\n", "\u00a0", "allegations", "reported", " by", "_", "-", "1"]  # fmt: skip


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(HEDGE_PIECES), max_size=14).map("".join), st.data())
def test_a_hedge_in_the_quoted_sentence_is_one_in_its_paragraph(text: str, data: st.DataObject) -> None:
    """check_hedges looks for the sentence only in paragraphs that carry a hedge: the sentence never
    carries one its paragraph does not."""
    start = data.draw(st.integers(0, len(text)))
    sentence = quoted_sentence(text, start, data.draw(st.integers(start, len(text))))
    in_sentence = [hedge.word for hedge in QUOTE_HEDGES if hedge.pattern.search(sentence)]
    if in_sentence:
        assert hedges._ANY_HEDGE.search(text)
    if set(in_sentence) - hedges._FUTURE:
        assert hedges._ANY_FUTURE_KEPT.search(text)
