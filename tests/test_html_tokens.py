"""The linker's fast tokenizer reads plain markup exactly as html.parser does, and declines the rest;
the linker links a page alike either way."""

from __future__ import annotations

from unittest.mock import patch

from hypothesis import example, given, settings
from hypothesis import strategies as st

from briefing.link.html_tokens import Token, fast_tokens, parsed_tokens, tokens
from briefing.link.linking import AliasSpec, build_alias_index, link_html

PLAIN = ["<p>", "</p>", "<em>", "</em>", '<a href="x">', "<a href=x/>", "</a>", "<h2 id='s'>", "</h2>", "<br>",
         "<br/>", "<br />", '<img alt="N>">', "<img src=a/b/>", "<code/>", '<svg viewBox="0 0 1 1">', "</svg>",
         "<P CLASS=X>", "<x-y data-z='1'>", "text", " ", "\n", "&amp;", "&", "&#78;",
         "&bogus", "Niger", "é"]  # fmt: skip
ODD = ["<title>", "</title>", "<TITLE>x<b>", "<textarea>", "</textarea>", "<!-- c -->", "<!DOCTYPE html>", "<?x?>", "<script>a<b</script>",
       "<style>p{}</style>", "<", ">", "</ p>", "</a x>", "</a/>", "<a:b>", "<p\u00a0class=x>", '<p class="a"title="b">',
       "< b>", "<3"]  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(PLAIN), max_size=30).map("".join))
def test_plain_markup_is_read_fast_and_as_html_parser_reads_it(page: str) -> None:
    assert fast_tokens(page) == parsed_tokens(page)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(PLAIN + ODD), max_size=30).map("".join))
def test_fast_tokens_are_html_parsers_whenever_given(page: str) -> None:
    fast = fast_tokens(page)
    assert fast is None or fast == parsed_tokens(page)
    assert tokens(page) == parsed_tokens(page)


def test_markdown_output_takes_the_fast_path() -> None:
    page = (
        '<h2 id="a">Niger</h2>\n<p>The <em>junta</em> &amp; <a href="../x/">Mali</a><br>\n'
        '<img alt="map" src="m.svg" /></p>\n<svg role="img"><title>Map</title><path d="M0 0"/></svg>'
    )
    assert fast_tokens(page) == parsed_tokens(page)
    assert fast_tokens(page)[:4] == [  # type: ignore[index]
        Token("start", 0, "h2"), Token("data", 11, ""), Token("end", 16, "h2"), Token("data", 21, "")
    ]  # fmt: skip


def test_markup_html_parser_reads_its_own_way_is_declined() -> None:
    for page in ("<p>a < b</p>", "<script>x<y</script>", "<!-- c -->", "<title>a<b>c</title>", "<a:b>x</a:b>"):
        assert fast_tokens(page) is None, page


_INDEX, _ = build_alias_index([AliasSpec("niger", "country", "Niger"), AliasSpec("mali", "country", "Mali")])
LINKED = [*PLAIN, "Mali", "<code>", "</code>", "<h3>", "</h3>", "<b>", "</b>", "<span>", "</span>"]


def _linked(page: str) -> str:
    return link_html(page, _INDEX, lambda entity_id: f"../{entity_id}/").html


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(LINKED + ODD), max_size=30).map("".join))
@example("<p>Mali</p><h3>Niger</h3><p>Mali <code>Niger</code> Niger<b>ia</b> Niger</p>")
def test_the_linker_links_a_plain_page_as_it_links_one_read_by_html_parser(page: str) -> None:
    fast = _linked(page)
    with patch("briefing.link.linking.plain_pieces", return_value=None):  # every page through html.parser
        assert fast == _linked(page)
