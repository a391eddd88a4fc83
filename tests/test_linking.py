"""Cross-links and mentions: tables of sentences with the exact output a reader gets.

In the expected HTML, [text|entity-id] stands for the link the linker writes, spelled out once in
full in test_link_markup_is_exact; everything else in the expected strings is literal.
"""

from __future__ import annotations

import re

import pytest

from briefing.link.linking import AliasIndex, AliasSpec, Mention, build_alias_index, link_html, scan_repeated

LEADERS = "briefings/leaders"
SPECS = [
    AliasSpec("niger", "country", "Niger"),
    AliasSpec("nigeria", "country", "Nigeria"),
    AliasSpec("guinea", "country", "Guinea"),
    AliasSpec("guinea-bissau", "country", "Guinea-Bissau"),
    AliasSpec("equatorial-guinea", "country", "Equatorial Guinea"),
    AliasSpec("north-korea", "country", "North Korea", aliases=("DPRK",)),
    AliasSpec("south-korea", "country", "South Korea"),
    AliasSpec("korean-peninsula", "topic", "Korean Peninsula", aliases=("Korea",)),
    AliasSpec(
        "kim-jong-un", "leader", "Kim Jong Un", native_names=("김정은",), ambiguous_aliases=("Kim",),
        path=f"{LEADERS}/kim-jong-un.yml", alias_lines=(("Kim", 4),),
    ),
    AliasSpec(
        "kim-yo-jong", "leader", "Kim Yo Jong", ambiguous_aliases=("Kim",),
        path=f"{LEADERS}/kim-yo-jong.yml", alias_lines=(("Kim", 5),),
    ),
    AliasSpec("un", "organisation", "United Nations", aliases=("UN", "U.N.")),
    AliasSpec("unsc", "organisation", "UN Security Council", aliases=("U.N. Security Council",)),
    AliasSpec("us", "country", "United States", aliases=("US", "U.S.")),
    AliasSpec("russia", "country", "Russia"),
    AliasSpec("assimi-goita", "leader", "Assimi Goïta", aliases=("Goïta",)),
    AliasSpec("cote-divoire", "country", "Côte d'Ivoire", fold_diacritics=False),
    AliasSpec("bosnia", "country", "Bosnia and Herzegovina", aliases=("Bosnia & Herzegovina",)),
    AliasSpec("chad", "country", "Chad"),
    AliasSpec("junta", "topic", "Military rule", aliases=("the junta",)),
    AliasSpec("sisyphus", "topic", "Σίσυφος"),
    AliasSpec("regex-chars", "topic", "A(b)*c [x]"),
]  # fmt: skip
NO_PAGE = {"chad"}


@pytest.fixture(scope="module")
def index() -> AliasIndex:
    built, clashes = build_alias_index(SPECS)
    assert clashes == []
    return built


def url_for(entity_id: str) -> str | None:
    return None if entity_id in NO_PAGE else f"../{entity_id}/"


def expand(expected: str) -> str:
    return re.sub(
        r"\[([^|\]]+)\|([^\]]+)\]",
        lambda m: f'<a class="briefing-xref" href="../{m[2]}/" data-entity="{m[2]}">{m[1]}</a>',
        expected,
    )


LINK_CASES = [
    # Names that begin other names: word boundaries, then the longest name.
    ("<p>Niger borders Nigeria.</p>", "<p>[Niger|niger] borders [Nigeria|nigeria].</p>"),
    ("<p>Nigerien troops left Nigeria.</p>", "<p>Nigerien troops left [Nigeria|nigeria].</p>"),
    (
        "<p>Guinea, Guinea-Bissau and Equatorial Guinea.</p>",
        "<p>[Guinea|guinea], [Guinea-Bissau|guinea-bissau] and [Equatorial Guinea|equatorial-guinea].</p>",
    ),
    ("<p>Guinean exports</p>", "<p>Guinean exports</p>"),
    (
        "<p>North Korea and South Korea, on Korea.</p>",
        "<p>[North Korea|north-korea] and [South Korea|south-korea], on [Korea|korean-peninsula].</p>",
    ),
    ("<p>The Korean war</p>", "<p>The Korean war</p>"),
    # Case rule: case-insensitive, but an all-lowercase word never matches a capitalised name,
    # and all-capital words (acronyms) match only as written.
    ("<p>north korea</p>", "<p>north korea</p>"),
    ("<p>NORTH KOREA and north Korea</p>", "<p>[NORTH KOREA|north-korea] and north Korea</p>"),
    ("<p>Tell us about US policy; Us too.</p>", "<p>Tell us about [US|us] policy; Us too.</p>"),
    ("<p>The USA is not a name here.</p>", "<p>The USA is not a name here.</p>"),
    ("<p>russia, RUSSIA</p>", "<p>russia, [RUSSIA|russia]</p>"),
    ("<p>The junta</p>", "<p>[The junta|junta]</p>"),  # a lower-case name matches in any case
    # Shared surnames: full names link, the ambiguous "Kim" never does.
    (
        "<p>Kim Jong Un and his sister Kim Yo Jong; Kim spoke.</p>",
        "<p>[Kim Jong Un|kim-jong-un] and his sister [Kim Yo Jong|kim-yo-jong]; Kim spoke.</p>",
    ),
    ("<p>Kim Jong-un</p>", "<p>[Kim Jong-un|kim-jong-un]</p>"),
    ("<p>Kim</p>", "<p>Kim</p>"),
    # Dotted abbreviations, at sentence end too; longest wins over the shorter "U.N.".
    (
        "<p>The U.N. Security Council met the U.N.</p>",
        "<p>The [U.N. Security Council|unsc] met the [U.N.|un]</p>",
    ),
    ("<p>Sanctions by the U.S.</p>", "<p>Sanctions by the [U.S.|us]</p>"),
    ("<p>A U.S.-led plan</p>", "<p>A [U.S.|us]-led plan</p>"),
    ("<p>The U.S.A. differs</p>", "<p>The U.S.A. differs</p>"),
    # Possessives link the name only; straight and curly apostrophes.
    (
        "<p>Russia's army, then Niger’s.</p>",
        "<p>[Russia|russia]'s army, then [Niger|niger]’s.</p>",
    ),
    ("<p>Russians</p>", "<p>Russians</p>"),
    # Decomposed input (NFD) matches and is kept as written; diacritics folded where allowed.
    ("<p>Goi\u0308ta spoke.</p>", "<p>[Goi\u0308ta|assimi-goita] spoke.</p>"),
    ("<p>Goita spoke.</p>", "<p>[Goita|assimi-goita] spoke.</p>"),
    ("<p>Cote d'Ivoire</p>", "<p>Cote d'Ivoire</p>"),
    ("<p>Côte d’Ivoire</p>", "<p>[Côte d’Ivoire|cote-divoire]</p>"),
    ("<p>Co\u0302te d'Ivoire</p>", "<p>[Co\u0302te d'Ivoire|cote-divoire]</p>"),
    # Native script; a Korean particle may follow the name directly.
    ("<p>김정은 위원장</p>", "<p>[김정은|kim-jong-un] 위원장</p>"),
    ("<p>김정은은 말했다</p>", "<p>[김정은|kim-jong-un]은 말했다</p>"),
    ("<p>안보리에서UN 대표</p>", "<p>안보리에서[UN|un] 대표</p>"),
    ("<p>xUN</p>", "<p>xUN</p>"),
    # Entities: matched on the decoded text, the markup kept as written.
    ("<p>Bosnia &amp; Herzegovina</p>", "<p>[Bosnia &amp; Herzegovina|bosnia]</p>"),
    ("<p>North&nbsp;Korea</p>", "<p>[North&nbsp;Korea|north-korea]</p>"),
    ("<p>&#82;ussia &lt;Niger&gt;</p>", "<p>[&#82;ussia|russia] &lt;[Niger|niger]&gt;</p>"),
    ("<p>AT&amp;T &amp; Niger</p>", "<p>AT&amp;T &amp; [Niger|niger]</p>"),
    # Line breaks and runs of spaces inside a name.
    ("<p>North\n   Korea</p>", "<p>[North\n   Korea|north-korea]</p>"),
    # Never inside headings, code, pre, links, image alt text, attributes, script, style.
    ("<h1>Niger</h1>", "<h1>Niger</h1>"),
    ("<h3>Niger</h3>", "<h3>Niger</h3>"),
    ("<h6>Niger</h6>", "<h6>Niger</h6>"),
    (
        '<h2 id="niger">Niger<a class="headerlink" href="#niger">¶</a></h2><p>Niger</p>',
        '<h2 id="niger">Niger<a class="headerlink" href="#niger">¶</a></h2><p>[Niger|niger]</p>',
    ),
    ("<p><code>Russia</code> and Niger</p>", "<p><code>Russia</code> and [Niger|niger]</p>"),
    ("<pre><code>Russia\n</code></pre><p>Russia</p>", "<pre><code>Russia\n</code></pre><p>[Russia|russia]</p>"),
    ("<p><kbd>Russia</kbd></p>", "<p><kbd>Russia</kbd></p>"),
    ('<p><a href="/x">Russia</a> Russia</p>', '<p><a href="/x">Russia</a> [Russia|russia]</p>'),
    ('<p><a href="/x"><em>Russia</em></a></p>', '<p><a href="/x"><em>Russia</em></a></p>'),
    (
        '<p><img alt="Russia" src="r.png"> Russia</p>',
        '<p><img alt="Russia" src="r.png"> [Russia|russia]</p>',
    ),
    ('<p title="North Korea">DPRK</p>', '<p title="North Korea">[DPRK|north-korea]</p>'),
    (
        "<script>var c = 'Russia';</script><style>/* Russia */</style>",
        "<script>var c = 'Russia';</script><style>/* Russia */</style>",
    ),
    ("<p><!-- Russia -->Russia</p>", "<p><!-- Russia -->[Russia|russia]</p>"),
    # Inline tags do not end a word; block tags do.
    ("<p><b>Niger</b>ia</p>", "<p><b>Niger</b>ia</p>"),
    ("<p><em>Niger</em> and</p>", "<p><em>[Niger|niger]</em> and</p>"),
    ("<p>Mali</p><p>Niger</p>", "<p>Mali</p><p>[Niger|niger]</p>"),
    # An entity without a page is not linked, and does not use up its first mention.
    ("<p>Chad, Chad</p>", "<p>Chad, Chad</p>"),
    # First mention per section; a section starts at each heading.
    (
        "<p>Niger, Niger</p><p>Niger</p><h2>Later</h2><p>Niger</p>",
        "<p>[Niger|niger], Niger</p><p>Niger</p><h2>Later</h2><p>[Niger|niger]</p>",
    ),
    ("<h2>Niger</h2><p>Niger and Niger</p>", "<h2>Niger</h2><p>[Niger|niger] and Niger</p>"),
    ("<p>Niger and <code>Niger</code> and Niger</p>", "<p>[Niger|niger] and <code>Niger</code> and Niger</p>"),
    # Markup that is not a tag is left alone.
    ("<p>1 < 2 for Niger</p>", "<p>1 < 2 for [Niger|niger]</p>"),
    ("", ""),
]


@pytest.mark.parametrize(("source", "expected"), LINK_CASES)
def test_link_html(index: AliasIndex, source: str, expected: str) -> None:
    assert link_html(source, index, url_for).html == expand(expected)


EVERY_MENTION_CASES = [
    (
        "<p>Niger, Niger</p><h2>Later</h2><p>Niger</p>",
        "<p>[Niger|niger], [Niger|niger]</p><h2>Later</h2><p>[Niger|niger]</p>",
    ),
    (
        "<p>Russia's army and Russia’s navy</p>",
        "<p>[Russia|russia]'s army and [Russia|russia]’s navy</p>",
    ),
    ("<p>Goita met Goïta</p>", "<p>[Goita|assimi-goita] met [Goïta|assimi-goita]</p>"),
    ("<p>the junta, THE JUNTA</p>", "<p>[the junta|junta], [THE JUNTA|junta]</p>"),
]


@pytest.mark.parametrize(("source", "expected"), EVERY_MENTION_CASES)
def test_link_every_mention(index: AliasIndex, source: str, expected: str) -> None:
    assert link_html(source, index, url_for, every_mention=True).html == expand(expected)


def test_page_never_links_to_itself(index: AliasIndex) -> None:
    result = link_html("<p>Russia and Niger; Russia</p>", index, url_for, self_id="russia", every_mention=True)
    assert result.html == expand("<p>Russia and [Niger|niger]; Russia</p>")
    assert result.linked == (("niger", 1),)


def test_link_markup_is_exact(index: AliasIndex) -> None:
    result = link_html("<p>Kim Jong Un</p>", index, lambda _: '../kim?a=1&b="2"', css_class='xref "x"')
    assert result.html == (
        '<p><a class="xref &quot;x&quot;" href="../kim?a=1&amp;b=&quot;2&quot;" '
        'data-entity="kim-jong-un">Kim Jong Un</a></p>'
    )


def test_linked_counts_each_entity(index: AliasIndex) -> None:
    source = "<p>Niger, Russia, Niger</p><h2>B</h2><p>Niger, Chad</p>"
    assert link_html(source, index, url_for).linked == (("niger", 2), ("russia", 1))
    assert link_html(source, index, url_for, every_mention=True).linked == (("niger", 3), ("russia", 1))


def test_url_for_is_asked_once_per_entity(index: AliasIndex) -> None:
    asked: list[str] = []

    def recording_url_for(entity_id: str) -> str:
        asked.append(entity_id)
        return "../n/"

    link_html("<p>Niger Niger</p><h2>x</h2><p>Niger</p>", index, recording_url_for)
    assert asked == ["niger"]


def test_empty_index_leaves_html_alone() -> None:
    empty, clashes = build_alias_index([])
    assert clashes == []
    assert link_html("<p>Niger</p>", empty, url_for).html == "<p>Niger</p>"
    assert empty.find_mentions("Niger") == []


MENTION_CASES = [
    ("Niger and Nigeria", [("niger", 0, 5, "Niger"), ("nigeria", 10, 17, "Nigeria")]),
    ("Goi\u0308ta arrived", [("assimi-goita", 0, 6, "Goi\u0308ta")]),
    ("Russia’s army", [("russia", 0, 6, "Russia")]),
    ("the U.S. and the U.N.", [("us", 4, 8, "U.S."), ("un", 17, 21, "U.N.")]),
    ("Kim met Kim Yo Jong", [("kim-yo-jong", 8, 19, "Kim Yo Jong")]),
    ("North\r\nKorea", [("north-korea", 0, 12, "North\r\nKorea")]),
    ("A &amp; B: Niger", [("niger", 11, 16, "Niger")]),  # plain text: no entity decoding
    ("ΣΊΣΥΦΟΣ, Σισυφος", [("sisyphus", 0, 7, "ΣΊΣΥΦΟΣ"), ("sisyphus", 9, 16, "Σισυφος")]),
    ("the A(b)*c [x] group", [("regex-chars", 4, 14, "A(b)*c [x]")]),
    ("nothing here", []),
]


@pytest.mark.parametrize(("text", "expected"), MENTION_CASES)
def test_find_mentions(index: AliasIndex, text: str, expected: list[tuple[str, int, int, str]]) -> None:
    found = index.find_mentions(text)
    assert [(m.entity_id, m.start, m.end, m.matched_text) for m in found] == expected
    assert all(text[m.start : m.end] == m.matched_text for m in found)


def test_find_mentions_by_entity_counts_for_backlinks(index: AliasIndex) -> None:
    by_entity = index.find_mentions_by_entity("Niger, then Russia; Niger again. NIGER.")
    assert by_entity == {
        "niger": [
            Mention("niger", 0, 5, "Niger"),
            Mention("niger", 20, 25, "Niger"),
            Mention("niger", 33, 38, "NIGER"),
        ],
        "russia": [Mention("russia", 12, 18, "Russia")],
    }


def test_ambiguous_aliases_are_listed(index: AliasIndex) -> None:
    assert dict(index.ambiguous) == {"Kim": ("kim-jong-un", "kim-yo-jong")}


def kim(entity_id: str, name: str, line: int, *, ambiguous: bool) -> AliasSpec:
    return AliasSpec(
        entity_id, "leader", name, aliases=() if ambiguous else ("Kim",), ambiguous_aliases=("Kim",) if ambiguous else (),
        path=f"{LEADERS}/{entity_id}.yml", alias_lines=(("Kim", line),),
    )  # fmt: skip


CLASH_CASES = [
    (
        [kim("kim-jong-un", "Kim Jong Un", 4, ambiguous=False), kim("kim-yo-jong", "Kim Yo Jong", 5, ambiguous=False)],
        [
            "briefings/leaders/kim-yo-jong.yml:5: alias 'Kim' is also claimed by briefings/leaders/kim-jong-un.yml:4; "
            "declare it under ambiguous_aliases in both, or remove it"
        ],
    ),
    (
        [kim("kim-jong-un", "Kim Jong Un", 4, ambiguous=True), kim("kim-yo-jong", "Kim Yo Jong", 5, ambiguous=False)],
        [
            "briefings/leaders/kim-yo-jong.yml:5: alias 'Kim' is also claimed by briefings/leaders/kim-jong-un.yml:4; "
            "declare it under ambiguous_aliases in both, or remove it"
        ],
    ),
    ([kim("kim-jong-un", "Kim Jong Un", 4, ambiguous=True), kim("kim-yo-jong", "Kim Yo Jong", 5, ambiguous=True)], []),
    # The same name after folding (diacritics, case) is the same claim.
    (
        [
            AliasSpec("assimi-goita", "leader", "Assimi Goïta", path="a.yml", alias_lines=(("Goïta", 3),),
                      aliases=("Goïta",)),
            AliasSpec("other-goita", "leader", "Other Goita", path="b.yml", alias_lines=(("GOITA", 7),),
                      aliases=("GOITA",)),
        ],
        [
            "b.yml:7: alias 'GOITA' is also claimed by a.yml:3; declare it under ambiguous_aliases in both, "
            "or remove it"
        ],
    ),
    # One sheet naming itself twice is no clash; a line that is not known is left out.
    ([AliasSpec("russia", "country", "Russia", aliases=("Russia",), path="r.yml")], []),
    (
        [AliasSpec("niger", "country", "Niger", path="n.yml"), AliasSpec("niger-2", "country", "Niger", path="m.yml")],
        [
            "n.yml: alias 'Niger' is also claimed by m.yml; declare it under ambiguous_aliases in both, "
            "or remove it"
        ],
    ),
]  # fmt: skip


@pytest.mark.parametrize(("specs", "messages"), CLASH_CASES)
def test_alias_clashes(specs: list[AliasSpec], messages: list[str]) -> None:
    _, clashes = build_alias_index(specs)
    assert [clash.message() for clash in clashes] == messages


def test_clashing_alias_is_never_linked() -> None:
    clashing, _ = build_alias_index(
        [kim("kim-jong-un", "Kim Jong Un", 4, ambiguous=False), kim("kim-yo-jong", "Kim Yo Jong", 5, ambiguous=False)]
    )
    assert link_html("<p>Kim and Kim Yo Jong</p>", clashing, url_for).html == expand(
        "<p>Kim and [Kim Yo Jong|kim-yo-jong]</p>"
    )
    assert dict(clashing.ambiguous) == {"Kim": ("kim-jong-un", "kim-yo-jong")}


def test_ambiguous_name_is_never_linked_but_longer_names_holding_it_are() -> None:
    specs = [
        AliasSpec("drc", "country", "Democratic Republic of the Congo", ambiguous_aliases=("Congo",)),
        AliasSpec("roc", "country", "Republic of the Congo", ambiguous_aliases=("Congo",)),
        AliasSpec("congo-river", "topic", "Congo River"),
    ]
    built, clashes = build_alias_index(specs)
    assert clashes == []
    source = "<p>Congo, the Republic of the Congo and the Congo River</p>"
    assert link_html(source, built, url_for).html == expand(
        "<p>Congo, the [Republic of the Congo|roc] and the [Congo River|congo-river]</p>"
    )


def test_a_very_long_name_is_found() -> None:
    name = " ".join(["Word"] * 400)
    built, _ = build_alias_index([AliasSpec("long", "topic", name), AliasSpec("word", "topic", "Word Word")])
    assert [(m.entity_id, m.start) for m in built.find_mentions(f"A {name}.")] == [("long", 2)]


@pytest.mark.parametrize(
    ("text", "before", "after"),
    [
        ("Kim Jong Un met Putin.", "", ""),
        ("Kim Jong Un met Putin", "", "s"),  # the next text node continues the word
        ("Korea", "North ", ""),
        ("Kim Jong Un met Putin. " * 30, "", ""),  # too long to be kept
    ],
)
def test_a_repeated_text_is_scanned_once_with_the_same_result(
    index: AliasIndex, text: str, before: str, after: str
) -> None:
    expected = tuple(index.scan(text, before, after))
    assert scan_repeated(index, text, before, after) == expected
    assert scan_repeated(index, text, before, after) == expected  # from the cache when short
    assert scan_repeated(index, text, "", "") == tuple(index.scan(text))  # context is part of the key
