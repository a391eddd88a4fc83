"""Generated pages reach MkDocs as HTML (render/html_page.py): the HTML a reader gets, the table of
contents and the anchors must be exactly what Python-Markdown made of the same template output.

Each page is rendered twice: as it is built, and with html_body() switched off, which gives the
template's Markdown as before. Python-Markdown (with the repository's mkdocs.yml extensions)
renders the latter; the former goes through the headings-only skeleton and joined_html().
"""

from __future__ import annotations

import json
import shutil
import tempfile
from datetime import date
from pathlib import Path

import markdown
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.pipeline import Layout, load_briefing
from briefing.render import templating
from briefing.render.briefing_pages import render_briefing_pages
from briefing.render.html_page import (
    NEWLINE,
    anchor_ids,
    as_markdown,
    html_body,
    is_html_body,
    joined_html,
    markdown_skeleton,
)
from briefing.render.pages import render_all
from briefing.render.resolve import resolve
from briefing.render.templating import Page
from hostile_fixtures import COUNTRY, log_lines, make_project, mkdocs_build

REPO = Path(__file__).resolve().parents[1]
BRIEFING_B = REPO / "tests" / "fixtures" / "briefing-b"


def python_markdown(text: str) -> tuple[str, list[dict[str, object]]]:
    """HTML and table of contents as MkDocs' Markdown stage makes them with the repository's extensions."""
    md = markdown.Markdown(extensions=["attr_list", "footnotes", "tables", "toc"], extension_configs={
        "toc": {"permalink": True}})  # fmt: skip
    return md.convert(text), md.toc_tokens  # type: ignore[attr-defined]


def body_of(page: Page) -> str:
    return page.markdown.split("---\n", 2)[2].lstrip("\n")


def rendered_pages(root: Path) -> list[Page]:
    loaded = load_briefing(Layout(root))
    assert loaded.ok, [p.format() for p in loaded.problems]
    resolved = resolve(loaded.briefing, date(2026, 11, 22), index=loaded.index)
    options = {"directory_urls": True, "briefings_dir": "briefings", "sources_dir": "sources"}
    return [*render_all(resolved, site_name="S", **options), *render_briefing_pages(resolved, loaded.index, **options)]


def as_before(root: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """src_uri -> the page body as Markdown, as the templates wrote it before html_page."""
    with monkeypatch.context() as patch:
        patch.setattr(templating, "html_body", lambda rendered: rendered.replace(NEWLINE, "\n"))
        return {page.src_uri: body_of(page) for page in rendered_pages(root)}


def assert_same_as_python_markdown(root: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    """Every generated page of the project renders as Python-Markdown renders it; returns how many were HTML."""
    before = as_before(root, monkeypatch)
    as_html = 0
    for page in rendered_pages(root):
        body = body_of(page)
        expected_html, expected_toc = python_markdown(before[page.src_uri])
        if is_html_body(body):
            as_html += 1
            skeleton_html, toc = python_markdown(markdown_skeleton(body))
            assert joined_html(skeleton_html, body) == expected_html, page.src_uri
            assert toc == expected_toc, page.src_uri
            assert python_markdown(as_markdown(body)) == (expected_html, expected_toc), page.src_uri
        else:
            assert body == before[page.src_uri], page.src_uri
    return as_html


def test_fixture_briefing_pages_are_html_and_render_as_python_markdown_would(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for folder in ("briefings", "sources"):
        shutil.copytree(BRIEFING_B / folder, tmp_path / folder)
    shutil.copytree(REPO / "schemas", tmp_path / "schemas")
    pages = rendered_pages(tmp_path)
    assert assert_same_as_python_markdown(tmp_path, monkeypatch) == len(pages) > 10  # every one of them as HTML


TRICKY = [
    "First paragraph.\n\n## Not a heading\n\nThird & <last> one.",
    "Three blank lines\n\n\n\nin a row",
    "A line of spaces\n   \nbetween",
    "A\ttab and a \r carriage return",
    "<!-- not a comment --> and <script>alert(1)</script>",
    "Ends with a newline\n",
    "# Hash at the start",
]


@pytest.mark.parametrize("text", TRICKY)
def test_values_with_blank_lines_or_markup_render_as_python_markdown_would(
    text: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    country = yaml.safe_load(COUNTRY)
    country["summary"] = text
    country["facts"][0]["text"] = text
    root = make_project(tmp_path, {"briefings/countries/north-korea.yml": json.dumps(country)})
    assert_same_as_python_markdown(root, monkeypatch)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from([*"ab #<>&\n\t\r -*_`|", "\n\n", "## ", "<!--", "-->", "<div>", "</p>"]), min_size=1,
                max_size=20).map("".join).filter(lambda s: s.strip()))  # fmt: skip
def test_any_value_renders_as_python_markdown_would(text: str) -> None:
    with tempfile.TemporaryDirectory() as temp, pytest.MonkeyPatch.context() as monkeypatch:
        country = yaml.safe_load(COUNTRY)
        country["summary"] = text
        root = make_project(Path(temp), {"briefings/countries/north-korea.yml": json.dumps(country)})
        assert_same_as_python_markdown(root, monkeypatch)


@pytest.mark.parametrize(
    "rendered",
    [
        "<h1>A</h1>\n\n<div>\tB</div>\n",  # a tab: Python-Markdown expands it
        "<h1>A</h1>\n\n<span>inline</span>\n",  # not a block element: Python-Markdown wraps it in <p>
        "<h1>A</h1>\n\n<div>B</div> tail\n",  # text after the block
        "<h1>A</h1>\n\n<!-- note -->\n",  # a comment
        "<h1>A</h1>\n\nPlain text\n",
    ],
)
def test_text_outside_the_subset_stays_markdown(rendered: str) -> None:
    assert html_body(rendered) == rendered


def test_a_hidden_newline_keeps_a_value_inside_its_block() -> None:
    rendered = f"<h1>A</h1>\n\n<p>one{NEWLINE}{NEWLINE}## two</p>\n\n## Section\n\n<ul>\n<li>x</li>\n</ul>\n"
    body = html_body(rendered)
    assert is_html_body(body)
    assert markdown_skeleton(body) == "## Section"
    heading = '<h2 id="section">Section</h2>'
    assert joined_html(heading, body) == f"<h1>A</h1>\n\n<p>one\n\n## two</p>\n\n{heading}\n<ul>\n<li>x</li>\n</ul>"


def test_anchor_ids_are_the_ids_of_the_blocks_unescaped() -> None:
    body = html_body('<div id="a&amp;b">\n<p id=\'c\'>x</p> <span data-id="no">y</span>\n</div>\n\n## H\n')
    assert anchor_ids(body) == {"a&b", "c"}


def test_links_to_anchors_of_generated_pages_are_checked(tmp_path: Path) -> None:
    """MkDocs checks a hand-written link's #anchor against the anchors of the page it points to."""
    page = "# Notes\n\nSee [the first fact](leaders/kim-jong-un.md#fact-1) and [this](leaders/kim-jong-un.md#fact-9).\n"
    root = make_project(tmp_path, {"briefings/notes.md": page})
    result = mkdocs_build(root)
    assert log_lines(result, "WARNING") == [
        "WARNING: Doc file 'notes.md' contains a link 'leaders/kim-jong-un.md#fact-9', but the doc "
        "'leaders/kim-jong-un.md' does not contain an anchor '#fact-9'."
    ]
    (root / "briefings" / "notes.md").write_text(page.replace("#fact-9", "#statements-and-positions"), encoding="utf-8")
    assert log_lines(mkdocs_build(root), "WARNING") == []  # a heading's anchor, from the Markdown stage
    html = (root / "site" / "leaders" / "kim-jong-un" / "index.html").read_text(encoding="utf-8")
    assert '<li id="fact-1">' in html
    assert '<a href="#statements-and-positions" class="md-nav__link">' in html  # listed in the contents
