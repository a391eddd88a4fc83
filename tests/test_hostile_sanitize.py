"""Unit tables for sanitize.py (cases 3-6 in contributor HTML) and for the audit the site-wide tests rely on."""

from __future__ import annotations

import pytest

from briefing.publish.sanitize import safe_meta, safe_title, sanitize_html
from hostile_fixtures import unsafe_markup


@pytest.mark.parametrize(
    ("html", "clean"),
    [
        # Script URLs in every spelling a browser would still run.
        ('<a href="javascript:alert(1)">x</a>', "<a>x</a>"),
        ('<a href="JaVaScRiPt:alert(1)">x</a>', "<a>x</a>"),
        ('<a href=" javascript:alert(1)">x</a>', "<a>x</a>"),
        ('<a href="java&#09;script:alert(1)">x</a>', "<a>x</a>"),
        ('<a href="java\nscript:alert(1)">x</a>', "<a>x</a>"),
        ('<a href="&#106;avascript:alert(1)">x</a>', "<a>x</a>"),
        ('<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>', "<a>x</a>"),
        ('<a href="vbscript:msgbox(1)">x</a>', "<a>x</a>"),
        ('<img src="javascript:alert(1)" alt="a">', '<img alt="a">'),
        # Event handlers, as attr_list writes them, and a value that closed its attribute.
        ('<h2 id="x" onmouseover="alert(1)">T</h2>', '<h2 id="x">T</h2>'),
        ('<p title="x" onmouseover="alert(1)">T</p>', '<p title="x">T</p>'),
        ('<img src="x" onerror="alert(1)">', '<img src="x">'),
        # Raw HTML that has no place in a briefing.
        ("<script>alert(1)</script>ok", "ok"),
        ("<style>body{display:none}</style>ok", "ok"),
        ('<iframe src="https://evil.example/"></iframe>ok', "ok"),
        ('<form action="https://evil.example/"><input name="q"></form>ok', "ok"),
        ("<svg><script>alert(1)</script></svg>ok", "ok"),
        ('<object data="x.swf"></object>ok', "ok"),
        ('<meta http-equiv="refresh" content="0;url=https://evil.example/">ok', "ok"),
        ("<!-- <script>alert(1)</script> -->ok", "ok"),
        ('<p style="position:fixed;top:0">x</p>', "<p>x</p>"),
        ('<a href="https://example.com/" target="_blank" rel="opener">x</a>', '<a href="https://example.com/">x</a>'),
        # Material's own widgets must not be shadowed by an id.
        ('<p id="__search">x</p>', "<p>x</p>"),
        # What Markdown, footnotes, tables, toc and Material need, kept as it is.
        ('<a href="https://example.com/a?b=1&amp;c=2">x</a>', '<a href="https://example.com/a?b=1&amp;c=2">x</a>'),
        ('<a href="mailto:desk@example.com">x</a>', '<a href="mailto:desk@example.com">x</a>'),
        ('<a href="../leaders/kim-jong-un/#fact-1">x</a>', '<a href="../leaders/kim-jong-un/#fact-1">x</a>'),
        ('<a class="headerlink" href="#x" title="Permanent link">&para;</a>', '<a class="headerlink" href="#x" title="Permanent link">¶</a>'),
        ('<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup>', '<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup>'),
        ('<table><tr><th style="text-align: left;">a</th></tr></table>', '<table><tbody><tr><th style="text-align:left">a</th></tr></tbody></table>'),
        ('<table><tr><td style="text-align: right; background: url(x)">1</td></tr></table>', '<table><tbody><tr><td style="text-align:right">1</td></tr></tbody></table>'),
        ('<pre><code class="language-python">x = 1\n</code></pre>', '<pre><code class="language-python">x = 1\n</code></pre>'),
        ('<div class="admonition note"><p class="admonition-title">Note</p></div>', '<div class="admonition note"><p class="admonition-title">Note</p></div>'),
        ('<img src="../assets/map.png" alt="Map">', '<img src="../assets/map.png" alt="Map">'),
        ('<img src="https://example.com/map.png" alt="Map">', '<img alt="Map">'),  # remote: issue 9 item 4
        ('<time datetime="2025-01-06">6 January 2025</time>', '<time datetime="2025-01-06">6 January 2025</time>'),
        ("<p>&lt;script&gt; stays text</p>", "<p>&lt;script&gt; stays text</p>"),
    ],
)  # fmt: skip
def test_sanitize_html(html: str, clean: str) -> None:
    assert sanitize_html(html) == clean
    assert unsafe_markup(sanitize_html(html)) == []


@pytest.mark.parametrize(
    ("title", "is_html", "escaped"),
    [
        ("</title><script>alert(1)</script>", False, "&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;"),
        ('Tom & "Jerry"', False, "Tom &amp; &quot;Jerry&quot;"),
        # From a heading MkDocs keeps entities and strips tags; Material would unescape with striptags.
        ("&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;", True, "&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("Bold &amp; <b>strong</b>", True, "Bold &amp; strong"),
        ("  spaced \n out  ", False, "spaced out"),
    ],
)  # fmt: skip
def test_safe_title(title: str, is_html: bool, escaped: str) -> None:
    assert safe_title(title, is_html=is_html) == escaped


def test_safe_meta_escapes_every_string_and_keeps_other_values() -> None:
    meta = {"description": '"><script>x</script>', "hide": ["toc"], "search": {"boost": 2}, "draft": False}
    assert safe_meta(meta) == {
        "description": "&quot;&gt;&lt;script&gt;x&lt;/script&gt;",
        "hide": ["toc"],
        "search": {"boost": 2},
        "draft": False,
    }


@pytest.mark.parametrize(
    ("html", "found"),
    [
        ('<a href="javascript:alert(1)">x</a>', ["<a href='javascript:alert(1)'>"]),
        ('<a href="java&#09;script:alert(1)">x</a>', ["<a href='java\\tscript:alert(1)'>"]),
        ('<img src=" data:image/svg+xml,x">', ["<img src=' data:image/svg+xml,x'>"]),
        ('<p onmouseover="x">t</p>', ["<p onmouseover=...>"]),
        ("<script>alert(1)</script>", ["<script>alert(1)</script>"]),
        ('<script src="/assets/bundle.js"></script><p>alert(1)</p>', []),
        ("<p>&lt;script&gt;alert(1)&lt;/script&gt; javascript:alert(1)</p>", []),
    ],
)
def test_the_audit_finds_what_could_run(html: str, found: list[str]) -> None:
    """The site-wide checks are only as good as this audit: it must see every payload the tests use."""
    assert unsafe_markup(html) == found
