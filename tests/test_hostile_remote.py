"""Hand-written pages that would make a reader's browser contact another site, or imitate the
site's own controls and citations (issue 9, item 4)."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.publish.remote_resources import remote_resource_problems, remote_resources
from briefing.publish.sanitize import sanitize_html
from hostile_fixtures import leftovers, log_lines, make_project, mkdocs_build, tree_state

TAIL = "a reader's browser would fetch it from another site; save a copy in briefings/ or link to it instead"


def refused(what: str, url: str) -> str:
    return f"expected {what} of this site (a relative address such as maps/korea.png), got {url!r}: {TAIL}"


@pytest.mark.parametrize(
    ("markup", "found"),
    [
        ('<p><img alt="" src="https://tracker.example/pixel.png"></p>', [("img", "src", "https://tracker.example/pixel.png")]),
        ('<img src="//tracker.example/p.png">', [("img", "src", "//tracker.example/p.png")]),
        ('<img src="HTTPS://t.example/p.png">', [("img", "src", "HTTPS://t.example/p.png")]),
        ('<img src="\\\\t.example/p.png">', [("img", "src", "\\\\t.example/p.png")]),
        ('<img srcset="maps/a.png 1x, https://cdn.example/a.png 2x">', [("img", "srcset", "https://cdn.example/a.png")]),
        ('<video poster="https://cdn.example/p.jpg"></video>', [("video", "poster", "https://cdn.example/p.jpg")]),
        ('<audio src="https://cdn.example/a.mp3"></audio>', [("audio", "src", "https://cdn.example/a.mp3")]),
        ('<video><source src="https://cdn.example/v.mp4"><track src="https://cdn.example/t.vtt"></video>', [("source", "src", "https://cdn.example/v.mp4"), ("track", "src", "https://cdn.example/t.vtt")]),
        ('<iframe src="https://evil.example/"></iframe>', [("iframe", "src", "https://evil.example/")]),
        ('<object data="https://cdn.example/x.swf"></object>', [("object", "data", "https://cdn.example/x.swf")]),
        ('<embed src="https://cdn.example/x.swf">', [("embed", "src", "https://cdn.example/x.swf")]),
        ('<link rel="stylesheet" href="https://cdn.example/s.css">', [("link", "href", "https://cdn.example/s.css")]),
        ("<style>@import 'https://cdn.example/s.css'; p { background: url(https://t.example/b.png) }</style>", [("style", "url", "https://cdn.example/s.css"), ("style", "url", "https://t.example/b.png")]),
        ("<p style=\"background-image: url('https://t.example/b.png')\">x</p>", [("p", "style", "https://t.example/b.png")]),
        ('<svg><image href="https://t.example/i.png"/></svg>', [("image", "href", "https://t.example/i.png")]),
        ('<table background="https://t.example/b.png"></table>', [("table", "background", "https://t.example/b.png")]),
        ('<a href="https://example.com/" ping="https://t.example/ping">x</a>', [("a", "ping", "https://t.example/ping")]),
        ('<base href="https://evil.example/">', [("base", "href", "https://evil.example/")]),
        # What stays on this site, or is only followed when the reader clicks.
        ('<img src="maps/korea.png"><img src="/briefing/maps/korea.png"><img src="data:image/png;base64,iVBOR">', []),
        ('<a href="https://example.com/report">the report</a>', []),
        ('<p style="text-align: left">x</p>', []),
    ],
)  # fmt: skip
def test_remote_resources_are_found(markup: str, found: list[tuple[str, str, str]]) -> None:
    assert [(r.tag, r.attribute, r.url) for r in remote_resources(markup)] == found


def test_each_remote_resource_is_located_in_the_markdown_that_wrote_it() -> None:
    source = (
        "---\ntitle: About\n---\n# About\n\n![](https://tracker.example/pixel.png)\n\n"
        "![][pixel]\n\n[pixel]: https://t.example/a?b=1&c=2\n\n![](https://tracker.example/pixel.png)\n"
    )
    rendered = (
        '<h1>About</h1><p><img alt="" src="https://tracker.example/pixel.png"></p>'
        '<p><img alt="" src="https://t.example/a?b=1&amp;c=2"></p><p><img alt="" src="https://tracker.example/pixel.png"></p>'
    )
    assert [p.format() for p in remote_resource_problems(rendered, source, "briefings/about.md")] == [
        f"briefings/about.md:6:5: <img src>: {refused('an image', 'https://tracker.example/pixel.png')}",
        f"briefings/about.md:10:10: <img src>: {refused('an image', 'https://t.example/a?b=1&c=2')}",
        f"briefings/about.md:12:5: <img src>: {refused('an image', 'https://tracker.example/pixel.png')}",
    ]


@pytest.mark.parametrize(
    ("html", "clean"),
    [
        ('<img src="https://tracker.example/pixel.png" alt="">', '<img alt="">'),
        ('<img src="//tracker.example/pixel.png" alt="">', '<img alt="">'),
        # Material's controls: md-button and every md-* class go, other classes stay.
        ('<a class="md-button md-button--primary" href="https://phish.example/">Download</a>', '<a href="https://phish.example/">Download</a>'),
        ('<p class="md-typeset note">x</p>', '<p class="note">x</p>'),
        # The site's citations, cross-links and infoboxes.
        ('<sup id="fnref:9"><a class="footnote-ref" href="../sources/wire/#p1">9</a></sup>', '<sup id="fnref:9"><a href="../sources/wire/#p1">9</a></sup>'),
        ('<a href="../x/" class="footnote-ref">1</a>', '<a href="../x/">1</a>'),
        ('<span class="footnote-ref">1</span><p id="fn:1" class="footnote">x</p>', "<span>1</span><p>x</p>"),
        ('<a class="briefing-xref" data-entity="kim-jong-un" href="https://evil.example/">Kim</a>', '<a href="https://evil.example/">Kim</a>'),
        ('<div class="briefing-infobox briefing-kind-country">x</div>', "<div>x</div>"),
        # What Python-Markdown's footnotes extension writes stays as it is.
        ('<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup>', '<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup>'),
        ('<div class="footnote"><hr><ol><li id="fn:1"><p>Note.&nbsp;<a class="footnote-backref" href="#fnref:1" title="Jump back to footnote 1 in the text">↩</a></p></li></ol></div>', '<div class="footnote"><hr><ol><li id="fn:1"><p>Note.&nbsp;<a class="footnote-backref" href="#fnref:1" title="Jump back to footnote 1 in the text">↩</a></p></li></ol></div>'),
    ],
)  # fmt: skip
def test_sanitize_drops_remote_images_and_imitations_of_the_site(html: str, clean: str) -> None:
    assert sanitize_html(html) == clean


def test_after_linking_the_sites_own_cross_links_stay() -> None:
    linked = '<a class="briefing-xref" href="../leaders/kim-jong-un/" data-entity="kim-jong-un">Kim Jong Un</a>'
    assert sanitize_html(linked, cross_links=True) == linked


PAGE = """\
# About

Kim Jong Un met Putin.[^1]

![](https://tracker.example/pixel.png)

<video poster="https://cdn.example/p.jpg"></video>

<a class="md-button" href="https://phish.example/">Download the briefing</a>
<sup><a class="footnote-ref" href="../sources/wire/#p1">2</a></sup>

[^1]: As the wire reported.
"""


@pytest.mark.slow
def test_a_page_with_remote_resources_fails_the_build_at_their_lines(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    assert mkdocs_build(root).returncode == 0
    before = tree_state(root / "site")
    (root / "briefings" / "about.md").write_text(PAGE, encoding="utf-8")
    result = mkdocs_build(root)
    assert result.returncode == 1
    assert log_lines(result, "ERROR") == [
        f"ERROR: briefing: briefings/about.md:5:5: <img src>: {refused('an image', 'https://tracker.example/pixel.png')}",
        f"ERROR: briefing: briefings/about.md:7:16: <video poster>: {refused('a resource', 'https://cdn.example/p.jpg')}",
        "ERROR: briefing: 2 problem(s) in hand-written pages; see the lines above",
    ]
    assert tree_state(root / "site") == before
    assert leftovers(root) == []


@pytest.mark.slow
def test_imitations_lose_their_classes_and_real_footnotes_keep_theirs(tmp_path: Path) -> None:
    page = PAGE.replace("![](https://tracker.example/pixel.png)\n\n", "").replace(
        '<video poster="https://cdn.example/p.jpg"></video>\n\n', ""
    )
    root = make_project(tmp_path, {"briefings/about.md": page})
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    html = (root / "site" / "about" / "index.html").read_text(encoding="utf-8")
    assert (
        '<p><a class="briefing-xref" href="../leaders/kim-jong-un/" data-entity="kim-jong-un">Kim Jong Un</a> met '
        'Putin.<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup></p>'
    ) in html
    assert (
        '<p><a href="https://phish.example/">Download the briefing</a>\n<sup><a href="../sources/wire/#p1">2</a></sup></p>'
        in html
    )
    assert '<li id="fn:1">\n<p>As the wire reported.&nbsp;<a class="footnote-backref" href="#fnref:1"' in html
