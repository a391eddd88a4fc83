"""Properties of the linker over random names and random pages: what holds for every input."""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Callable
from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.link.folding import fold
from briefing.link.linking import AliasIndex, AliasSpec, build_alias_index, link_html

# Each example compiles a fresh name pattern (about 15 ms: its script classes are large), so the
# example counts are kept modest to hold the whole file near 10 s.
FAST = settings(max_examples=100, deadline=None)
FEWER = settings(max_examples=60, deadline=None)
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
INSERTED = re.compile(r'<a class="briefing-xref" href="[^"]*" data-entity="[^"]*">([^<]*)</a>')

# Few letters, so that names often begin or contain other names and collide after folding.
words = st.builds(
    str.__add__,
    st.sampled_from("aAnNiIgGeéïKkoOrR김정은"),
    st.text(alphabet="aAnNiIgGeéïKkoOrRs.'’-\u0308", max_size=4),
)
names = st.lists(words, min_size=1, max_size=3).map(" ".join)
SPELLINGS: list[Callable[[str], str]] = [
    str, str.lower, str.upper, lambda s: unicodedata.normalize("NFD", s), lambda s: s + "'s", lambda s: s + "’s",
    lambda s: s.replace(" ", "&nbsp;"), lambda s: f"&#{ord(s[0])};{s[1:]}",
]  # fmt: skip
spellings = st.sampled_from(SPELLINGS)
fillers = st.sampled_from(
    [" ", "  ", "\n", ", ", ". ", "x", "Ia", "-", "&amp;", "&nbsp;", "&#78;", "&lt;", "&bogus;", "&"]
)
tags = st.sampled_from(
    ["<p>", "</p>", "<em>", "</em>", "<b>", "</b>", '<a href="x">', "</a>", "<h2>", "</h2>", "<code>", "</code>",
     '<img alt="N">', "<br>", "<!-- N -->", "<script>if (a < b) {}</script>", "<", ">", '<p title="N">']
)  # fmt: skip


@st.composite
def alias_sets(draw: st.DrawFn) -> list[AliasSpec]:
    specs = []
    for number in range(draw(st.integers(1, 6))):
        declared = draw(st.lists(names, min_size=1, max_size=3, unique=True))
        ambiguous = tuple(n for n in declared[1:] if draw(st.booleans()))
        specs.append(
            AliasSpec(f"e{number}", "topic", declared[0], aliases=tuple(declared[1:]), ambiguous_aliases=ambiguous,
                      fold_diacritics=draw(st.booleans()))
        )  # fmt: skip
    return specs


@st.composite
def texts(draw: st.DrawFn, specs: list[AliasSpec], markup: bool) -> str:
    declared = [name for spec in specs for name in (spec.name, *spec.aliases)]
    spelled = st.tuples(st.sampled_from(declared), spellings).map(lambda pair: pair[1](pair[0]))
    pieces = st.one_of(spelled, fillers, words)
    if markup:
        pieces = st.one_of(pieces, tags)
    return "".join(draw(st.lists(pieces, max_size=25)))


@st.composite
def balanced_pages(draw: st.DrawFn, specs: list[AliasSpec]) -> str:
    leaf = texts(specs, markup=False).map(lambda t: t.replace("<", "&lt;"))
    tree = st.recursive(
        leaf,
        lambda inner: st.tuples(st.sampled_from(["p", "em", "b", "a", "h2", "code", "span", "pre"]), st.lists(inner))
        .map(lambda t: f"<{t[0]}>{''.join(t[1])}</{t[0]}>"),
        max_leaves=8,
    )  # fmt: skip
    return "".join(draw(st.lists(tree, max_size=5)))


def index_of(specs: list[AliasSpec]) -> AliasIndex:
    return build_alias_index(specs)[0]


def to_page(entity_id: str) -> str:
    return f"../{entity_id}/"


class _Reader(HTMLParser):
    """What the page shows as text, and whether its tags balance and its links nest."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.open: list[str] = []
        self.balanced = True
        self.nested_link = False
        self.feed(page)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a" and "a" in self.open and ("class", "briefing-xref") in attrs:
            self.nested_link = True
        if tag not in VOID:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.open and self.open[-1] == tag:
            self.open.pop()
        else:
            self.balanced = False

    def handle_data(self, data: str) -> None:
        self.text.append(data)


@FAST
@given(st.data())
def test_links_are_only_added_never_anything_changed(data: st.DataObject) -> None:
    specs = data.draw(alias_sets())
    page = data.draw(texts(specs, markup=True))
    result = link_html(page, index_of(specs), to_page, every_mention=data.draw(st.booleans()))
    assert INSERTED.sub(r"\1", result.html) == page
    assert "".join(_Reader(result.html).text) == "".join(_Reader(page).text)
    assert sum(count for _, count in result.linked) == len(INSERTED.findall(result.html))


@FEWER
@given(st.data())
def test_balanced_pages_stay_balanced_and_links_never_nest(data: st.DataObject) -> None:
    specs = data.draw(alias_sets())
    page = data.draw(balanced_pages(specs))
    assert _Reader(page).balanced
    output = _Reader(link_html(page, index_of(specs), to_page, every_mention=True).html)
    assert output.balanced and not output.open
    assert not output.nested_link


@FAST
@given(st.data())
def test_mentions_are_declared_names_in_order(data: st.DataObject) -> None:
    specs = data.draw(alias_sets())
    text = data.draw(texts(specs, markup=False))
    keys = {spec.entity_id: {fold(n)[0].strip() for n in (spec.name, *spec.aliases)} for spec in specs}
    mentions = index_of(specs).find_mentions(text)
    for mention in mentions:
        assert text[mention.start : mention.end] == mention.matched_text
        assert fold(mention.matched_text)[0].strip() in keys[mention.entity_id]
    assert all(a.end <= b.start for a, b in itertools.pairwise(mentions))


@FAST
@given(st.data())
def test_decomposed_text_finds_the_same_mentions(data: st.DataObject) -> None:
    specs = data.draw(alias_sets())
    text = unicodedata.normalize("NFC", data.draw(texts(specs, markup=False)))
    index = index_of(specs)
    composed = [(m.entity_id, unicodedata.normalize("NFC", m.matched_text)) for m in index.find_mentions(text)]
    decomposed = index.find_mentions(unicodedata.normalize("NFD", text))
    assert [(m.entity_id, unicodedata.normalize("NFC", m.matched_text)) for m in decomposed] == composed


@FAST
@given(st.data())
def test_plain_text_links_exactly_the_mentions(data: st.DataObject) -> None:
    specs = data.draw(alias_sets())
    text = data.draw(texts(specs, markup=False)).replace("&", "+").replace("<", "+")
    index = index_of(specs)
    linked = INSERTED.findall(link_html(text, index, to_page, every_mention=True).html)
    assert linked == [m.matched_text for m in index.find_mentions(text)]
