"""What a reader gets from hostile content (cases 1-6, 17, 20 of issue 5): escaped text, never markup.

One strict build of a project whose fact sheet, source and hand-written page carry every payload
that passes validation; the tests read the HTML and the search index a reader's browser loads.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest

from briefing.render.quote_marks import mark_id
from hostile_fixtures import SOURCE, log_lines, make_project, mkdocs_build, unsafe_in_site, unsafe_markup

pytestmark = pytest.mark.slow

COUNTRY = """\
name: North Korea & "friends"
summary: '<script>alert(1)</script> x" onmouseover="alert(2)'
facts:
  - text: 'Its leader {: onmouseover=alert(4) } travelled [x](javascript:alert(5)) <img src=x onerror=alert(6)>.'
    as_of: '2023-09'
    citations:
      - source: wire
        quote: travelled to Russia by armoured train
  - text: The source quotes markup.
    as_of: '2023-09'
    citations:
      - source: wire
        quote: 'the tag <img src=x onerror=alert(7)> appears'
"""

HOSTILE_SOURCE = (
    SOURCE.replace("title: Leaders meet in Vladivostok", "title: '</title><script>alert(3)</script>'")
    .replace("publisher: Example Wire", "publisher: 'Wire\" onmouseover=\"alert(9)'")
    .rstrip("\n")
    + "\n\nA quoted web page said the tag <img src=x onerror=alert(7)> appears in its text.\n"
)

ABOUT = """\
---
title: About <this> & that
description: '"><script>alert(10)</script>'
---
# About {: onmouseover="alert(11)" }

[x](javascript:alert(12)) [y](JaVaScRiPt:alert(13)) [z](https://example.com/){: href="javascript:alert(14)" onclick="alert(15)" }

<a href="java&#09;script:alert(16)">tab</a> <a href=" javascript:alert(17)">space</a> [d](data:text/html;base64,PHNjcmlwdD4=) [v](vbscript:msgbox(18))

<script>alert(19)</script><img src="x" alt="A map" onerror="alert(20)"> <iframe src="evil/"></iframe>

[The country](countries/north-korea.md) and a footnote[^1].

[^1]: A note with [a link](https://example.com/note "A title").
"""

# A name typed in NFD (decomposed), as some macOS editors save it.
NFD_LEADER = """\
name: Kim Jong Un
aliases: [Kim Chŏng-ŭn]
summary: Leader of North Korea in the sources.
country: north-korea
roles:
  - title: Leader of North Korea
    country: north-korea
    status: current
    as_of: '2023-09'
    note: '<b onmouseover="alert(8)">bold</b>'
    citations:
      - source: wire
        paragraph: 1
facts: []
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_project(
        tmp_path_factory.mktemp("hostile"),
        {
            "briefings/countries/north-korea.yml": COUNTRY,
            "briefings/leaders/kim-jong-un.yml": unicodedata.normalize("NFD", NFD_LEADER),
            "sources/wire.md": HOSTILE_SOURCE,
            "briefings/about.md": ABOUT,
        },
    )
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    assert log_lines(result, "WARNING") == []
    return root / "site"


def page(site: Path, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")


def article(html: str) -> str:
    """The page content proper, between Material's article tags, without the edit button."""
    body = html.split('<article class="md-content__inner md-typeset">', 1)[1].split("</article>", 1)[0]
    return re.sub(r'<a href="[^"]*" title="Edit this page".*?</a>', "", body, flags=re.S).strip()


def test_no_page_and_no_search_entry_can_run_script(site: Path) -> None:
    assert unsafe_in_site(site) == {}


def test_script_in_summary_and_a_value_closing_an_attribute_are_text(site: Path) -> None:
    html = page(site, "countries/north-korea/index.html")
    assert (
        '<p class="briefing-summary">&lt;script&gt;alert(1)&lt;/script&gt; x&#34; onmouseover=&#34;alert(2)</p>'
    ) in html
    index = page(site, "countries/index.html")
    assert "<td>&lt;script&gt;alert(1)&lt;/script&gt; x&#34; onmouseover=&#34;alert(2)" in index


def test_name_is_escaped_in_heading_title_and_nav(site: Path) -> None:
    html = page(site, "countries/north-korea/index.html")
    assert '<h1 id="north-korea">North Korea &amp; &#34;friends&#34;</h1>' in html
    assert "<title>North Korea &amp; &#34;friends&#34; - Hostile Test</title>" in html
    # The nav on every page lists it, escaped the same way.
    assert "North Korea &amp; &#34;friends&#34;" in page(site, "leaders/kim-jong-un/index.html")


def test_script_in_source_title_is_text_everywhere_it_lands(site: Path) -> None:
    html = page(site, "sources/wire/index.html")
    escaped = "&lt;/title&gt;&lt;script&gt;alert(3)&lt;/script&gt;"
    assert f"<title>{escaped} - Hostile Test</title>" in html
    assert f'<h1 id="source-title">{escaped}</h1>' in html
    assert "<dt>Publisher</dt> <dd>Wire&#34; onmouseover=&#34;alert(9)</dd>" in html
    leader = page(site, "countries/north-korea/index.html")
    assert f"Wire&#34; onmouseover=&#34;alert(9), <cite>{escaped}</cite>" in leader
    titles = {doc["location"]: doc["title"] for doc in search_docs(site)}
    assert titles["sources/wire/"] == escaped


def search_docs(site: Path) -> list[dict[str, str]]:
    docs: list[dict[str, str]] = json.loads(page(site, "search/search_index.json"))["docs"]
    return docs


def test_markdown_and_attr_list_syntax_in_a_fact_stay_text(site: Path) -> None:
    html = page(site, "countries/north-korea/index.html")
    assert (
        '<li id="fact-1">Its leader {: onmouseover=alert(4) } travelled [x](javascript:alert(5)) '
        "&lt;img src=x onerror=alert(6)&gt;.<sup" in html
    )


def test_markup_inside_a_quote_is_escaped_and_the_quote_still_verified(site: Path) -> None:
    """Case 2: the build passed (the quote was found in paragraph 3), and the markup shows as text."""
    source = page(site, "sources/wire/index.html")
    quote_mark = mark_id("the tag <img src=x onerror=alert(7)> appears")
    assert (
        f'A quoted web page said <mark class="briefing-quote" id="{quote_mark}">the tag &lt;img src=x '
        "onerror=alert(7)&gt; appears</mark> in its text."
    ) in source
    country = page(site, "countries/north-korea/index.html")
    reference = re.search(r'<li id="fn:2"><p>(.*?)</p></li>', country)
    assert reference is not None
    assert f'<a class="briefing-paragraph-link" href="../../sources/wire/#{quote_mark}">Paragraph 3</a>' in reference[1]
    assert ': “the tag &lt;img src=x onerror=alert(7)&gt; appears” <a class="footnote-backref"' in reference[1]


def test_role_note_markup_is_text(site: Path) -> None:
    html = page(site, "leaders/kim-jong-un/index.html")
    assert "<small>&lt;b onmouseover=&#34;alert(8)&#34;&gt;bold&lt;/b&gt;</small>" in html


def test_nfd_name_is_published_in_nfc(site: Path) -> None:
    html = page(site, "leaders/kim-jong-un/index.html")
    assert unicodedata.normalize("NFC", "Kim Chŏng-ŭn") in html
    assert unicodedata.normalize("NFD", "Kim Chŏng-ŭn") not in html


def test_hand_written_page_is_sanitised(site: Path) -> None:
    """Cases 4 and 5: script URLs, attr_list handlers and raw HTML are removed; links and footnotes stay."""
    html = article(page(site, "about/index.html"))
    assert html == (
        '<h1 id="about">About</h1>\n'
        '<p class="briefing-dateline">Briefing as of <time datetime="2023-09-13">13 September 2023</time> (its newest '
        'source) · built <time datetime="2026-11-22">22 November 2026</time></p>\n'
        "<p><a>x</a> <a>y</a> <a>z</a></p>\n"
        "<p><a>tab</a> <a>space</a> <a>d</a> <a>v</a></p>\n\n"
        '<p><img src="x" alt="A map"> \n\n</p>\n'
        '<p><a href="../countries/north-korea/">The country</a> and a footnote'
        '<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup>.</p>\n'
        '<div class="footnote">\n<hr>\n<ol>\n<li id="fn:1">\n'
        '<p>A note with <a href="https://example.com/note" title="A title">a link</a>.&nbsp;'
        '<a class="footnote-backref" href="#fnref:1" title="Jump back to footnote 1 in the text">↩</a></p>\n'
        "</li>\n</ol>\n</div>"
    )


def test_hand_written_title_and_front_matter_are_escaped(site: Path) -> None:
    html = page(site, "about/index.html")
    assert "<title>About &lt;this&gt; &amp; that - Hostile Test</title>" in html
    assert '<meta name="description" content="&quot;&gt;&lt;script&gt;alert(10)&lt;/script&gt;">' in html
    assert unsafe_markup(html) == []
