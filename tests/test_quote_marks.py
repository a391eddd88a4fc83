"""The quoted words on a source page: exact offsets after normalisation, nested marks, the linker around them."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from briefing.check.quote_spans import quote_span
from briefing.link.linking import AliasSpec, build_alias_index, link_html
from briefing.render.quote_marks import mark_id, marked_paragraph


@pytest.mark.parametrize(
    ("quote", "text", "span"),
    [
        ("met Putin", "Kim met Putin in Vladivostok.", (4, 13)),
        ("Putin's actions", "support for Putin’s actions and", (12, 27)),  # curly apostrophe in the text
        ('"two-way street"', "a “two-way street,” he said", None),  # the comma is inside the quote marks
        ("law - despite", "brief martial law — despite its", (14, 27)),  # spaced dash in the quote
        ("law—despite", "brief martial law — despite its", (14, 27)),
        ("two  spaces", "two\n spaces here", (0, 11)),  # runs of spaces
        ("absent words", "nothing of the kind", None),
        ("Kim", "  Kim", (2, 5)),  # leading space stripped by normalising
    ],
)
def test_quote_span_maps_the_normalised_match_back_to_the_text(
    quote: str, text: str, span: tuple[int, int] | None
) -> None:
    assert quote_span(quote, text) == span


def test_mark_ids_are_stable_and_ignore_typography() -> None:
    assert mark_id("Putin's actions") == mark_id("Putin’s  actions")
    assert mark_id("Putin's actions") != mark_id("Putin's words")
    assert mark_id("a").startswith("q-") and len(mark_id("a")) == 12


def _ids(*quotes: str) -> list[str]:
    return [mark_id(q) for q in quotes]


def test_one_quote_is_wrapped_and_the_text_escaped() -> None:
    (a,) = _ids("met Putin")
    html = marked_paragraph("Kim <b> met Putin & left", ["met Putin"])
    assert html == f'Kim &lt;b&gt; <mark class="briefing-quote" id="{a}">met Putin</mark> &amp; left'


def test_a_quote_inside_another_nests() -> None:
    outer, inner = _ids("Kim met Putin in Vladivostok", "Putin")
    html = marked_paragraph("Kim met Putin in Vladivostok.", ["Putin", "Kim met Putin in Vladivostok"])
    assert html == (
        f'<mark class="briefing-quote" id="{outer}">Kim met '
        f'<mark class="briefing-quote" id="{inner}">Putin</mark> in Vladivostok</mark>.'
    )


def test_overlapping_quotes_nest_with_the_first_widened() -> None:
    first, second = _ids("Kim met Putin", "Putin in Vladivostok")
    html = marked_paragraph("Kim met Putin in Vladivostok.", ["Kim met Putin", "Putin in Vladivostok"])
    assert html == (
        f'<mark class="briefing-quote" id="{first}">Kim met '
        f'<mark class="briefing-quote" id="{second}">Putin in Vladivostok</mark></mark>.'
    )


def test_the_same_passage_cited_twice_gets_one_mark_and_a_missing_quote_none() -> None:
    (a,) = _ids("met Putin")
    html = marked_paragraph("Kim met Putin.", ["met Putin", "met  Putin", "not here"])
    assert html == f'Kim <mark class="briefing-quote" id="{a}">met Putin</mark>.'


class _Nesting(HTMLParser):
    """Fails on an end tag that does not close the innermost open element."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.open and self.open[-1] == tag, f"</{tag}> closes {self.open}"
        self.open.pop()


def _well_formed(html: str) -> None:
    checker = _Nesting()
    checker.feed(html)
    checker.close()
    assert checker.open == []


KIM = '<a class="briefing-xref" href="/kim/" data-entity="kim">Kim Jong Un</a>'
PUTIN = '<a class="briefing-xref" href="/putin/" data-entity="putin">Vladimir Putin</a>'


@pytest.mark.parametrize(
    ("quotes", "expected"),
    [
        # A name wholly inside a mark is linked inside it; one outside, outside.
        (["Kim Jong Un met"], f'<p><mark class="briefing-quote" id="{{0}}">{KIM} met</mark> {PUTIN}.</p>'),
        # A mark edge inside a name: the name is left unlinked rather than cut across the edge.
        (["Un met Vladimir"], '<p>Kim Jong <mark class="briefing-quote" id="{0}">Un met Vladimir</mark> Putin.</p>'),
        # Overlapping quotes (widened, nested), with links in both.
        (
            ["Kim Jong Un met Vladimir", "met Vladimir Putin"],
            f'<p><mark class="briefing-quote" id="{{0}}">{KIM} <mark class="briefing-quote" id="{{1}}">met {PUTIN}'
            "</mark></mark>.</p>",
        ),
    ],
)
def test_the_linker_never_breaks_a_mark(quotes: list[str], expected: str) -> None:
    index, _ = build_alias_index(
        [AliasSpec("kim", "leader", "Kim Jong Un"), AliasSpec("putin", "leader", "Vladimir Putin")]
    )
    marked = marked_paragraph("Kim Jong Un met Vladimir Putin.", quotes)
    linked = link_html(f"<p>{marked}</p>", index, lambda i: f"/{i}/").html
    _well_formed(linked)
    assert linked == expected.format(*_ids(*quotes))
