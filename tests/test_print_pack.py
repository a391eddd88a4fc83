"""The briefing pack: the print HTML made from the model, and the PDF headless Chromium prints from it."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from briefing.pipeline import Layout, load_briefing
from briefing.publish.print_pack import print_html, select
from briefing.publish.print_pdf import CHROMIUM, print_pdf
from briefing.render.resolve import resolve
from conftest import LEADER_YML, Project
from test_api import RUSSIA_YML
from test_relations_events import EVENT_YML

HANGUL_LEADER = LEADER_YML.replace("aliases: [Kim Jong-un]", "aliases: [Kim Jong-un]\nnative_names: [김정은]")
needs_chromium = pytest.mark.skipif(
    not Path(CHROMIUM).exists(), reason=f"no Chromium at {CHROMIUM} (make browser-deps)"
)


@pytest.fixture
def pack_project(small_project: Project) -> Project:
    small_project.write("briefings/leaders/kim-jong-un.yml", HANGUL_LEADER)
    small_project.write("briefings/topics/summit.yml", """\
        name: The Vladivostok summit
        summary: The leaders' meeting in September 2023 <b>not bold</b>.
        leaders: [kim-jong-un]
        facts: []
    """)  # fmt: skip
    return small_project


def html_of(project: Project, pack: tuple[str, ...] = ()) -> str:
    loaded = load_briefing(Layout(project.root))
    assert loaded.ok, loaded.problems
    return print_html(resolve(loaded.briefing, date(2026, 11, 22)), title="Test Briefing", pack=pack)


def test_pack_html_has_cover_contents_chapters_and_endnotes(pack_project: Project) -> None:
    html = html_of(pack_project)
    assert (
        '<p class="dates">Briefing date: 2023-09-13 (the newest source)<br>Printed from the build of 2026-11-22</p>'
        in html
    )
    contents = html.split('<nav class="contents" id="contents">')[1].split("</nav>")[0]
    chapters = [line for line in contents.splitlines() if line.startswith('<li><a href="#chapter-')]
    assert chapters == ['<li><a href="#chapter-topic">Topics</a>', '<li><a href="#chapter-country">Countries</a>',
                        '<li><a href="#chapter-leader">Leaders</a>']  # fmt: skip
    assert '<h2>Kim Jong Un <span class="native">김정은</span></h2>' in html
    assert "The leaders&#39; meeting in September 2023 &lt;b&gt;not bold&lt;/b&gt;." in html
    assert (
        "<li>Met Vladimir Putin in Vladivostok. <small>(as of September 2023; 11 September 2023)</small>"
        '<sup><a href="#note-kim-jong-un-2">2</a></sup></li>'
    ) in html
    assert (
        '<li id="note-kim-jong-un-2">Leaders meet in Vladivostok. Example Wire, A. Writer, 13 September 2023, '
        "paragraph 1. “traveled to Russia by armored train and met Putin in Vladivostok” https://example.com/kim-putin</li>"
    ) in html
    assert "<script" not in html and "http://" not in html.split("<body>")[0]


def test_a_pack_of_one_topic_holds_it_and_what_it_names(pack_project: Project) -> None:
    loaded = load_briefing(Layout(pack_project.root))
    resolved = resolve(loaded.briefing, date(2026, 11, 22))
    assert [e.id for e in select(resolved, ["summit"])] == ["summit", "kim-jong-un"]
    assert [e.id for e in select(resolved, ["north-korea"])] == ["north-korea", "kim-jong-un"]
    with pytest.raises(ValueError, match=r"^pack: kim-jong-un, nowhere: expected the id of a topic or a country$"):
        select(resolved, ["kim-jong-un", "nowhere"])


@pytest.mark.slow
@pytest.mark.browser
@needs_chromium
def test_printing_refuses_and_counts_network_requests(tmp_path: Path) -> None:
    page = '<!doctype html><title>t</title><img src="http://example.invalid/x.png"><p>Text</p>'
    printed = print_pdf(page, tmp_path / "x.pdf")
    assert printed.blocked_requests == ("http://example.invalid/x.png",)


@pytest.mark.slow
@pytest.mark.browser
@needs_chromium
def test_briefing_pdf_prints_the_pack_with_hangul_and_no_network(pack_project: Project) -> None:
    out = pack_project.root / "dist/briefing.pdf"
    done = subprocess.run(
        [sys.executable, "-m", "briefing.cli", "pdf", "--today", "2026-11-22"],
        cwd=pack_project.root, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"wrote dist/briefing.pdf: {out.stat().st_size:,} bytes; network requests refused: 0\n"
    reader = PdfReader(out)
    pages = [p.extract_text() for p in reader.pages]
    assert "Test Briefing" in pages[0] and "Briefing date: 2023-09-13" in pages[0]
    assert pages[1].startswith("Contents")
    text = "\n".join(pages)
    assert "Kim Jong Un" in text and "김정은" in text
    assert "https://example.com/kim-putin" in text
    assert [item.title for item in reader.outline if not isinstance(item, list)][:2] == ["Test Briefing", "Contents"]


def test_events_are_a_chapter_after_topics_and_pictures_have_ids_of_their_own(pack_project: Project) -> None:
    pack_project.write("briefings/events/vladivostok-summit.yml", EVENT_YML)
    pack_project.write("briefings/events/later-talks.yml", EVENT_YML.replace("2023-09-11", "2023-10").replace(
        "name: Vladivostok summit", "name: Later talks"))  # fmt: skip
    pack_project.write("briefings/countries/russia.yml", RUSSIA_YML)
    html = html_of(pack_project)
    contents = html.split('<nav class="contents" id="contents">')[1].split("</nav>")[0]
    assert [line for line in contents.splitlines() if line.startswith('<li><a href="#')] == [
        '<li><a href="#chapter-topic">Topics</a>', '<li><a href="#summit">The Vladivostok summit</a></li>',
        '<li><a href="#chapter-event">Events</a>',
        '<li><a href="#vladivostok-summit">Vladivostok summit</a></li>', '<li><a href="#later-talks">Later talks</a></li>',
        '<li><a href="#chapter-country">Countries</a>', '<li><a href="#north-korea">North Korea</a></li>',
        '<li><a href="#russia">Russia</a></li>', '<li><a href="#chapter-leader">Leaders</a>',
        '<li><a href="#kim-jong-un">Kim Jong Un</a></li>',
    ]  # fmt: skip
    event = html.split('<article class="entity" id="vladivostok-summit">')[1].split("</article>")[0]
    assert (
        '<dt>Date</dt><dd>11 September 2023<sup><a href="#note-vladivostok-summit-1">1</a></sup></dd>'
        "<dt>Type</dt><dd>summit</dd><dt>Place</dt><dd>Vladivostok</dd>"
        "<dt>Participants</dt><dd>Kim Jong Un (visitor), North Korea</dd>"
    ) in event
    nk = html.split('<article class="entity" id="north-korea">')[1].split("</article>")[0]
    assert '<title id="relations-north-korea-title">Relations of North Korea</title>' in nk
    assert '<title id="timeline-north-korea-title">Timeline of North Korea</title>' in nk
    assert (
        '<li>receives arms from Russia <small>(since 2023; alleged)</small><sup><a href="#note-north-korea-1">1</a></sup></li>'
    ) in nk
    assert '<a href="#vladivostok-summit">' in nk  # the timeline links to a printed entity's section
    assert 'href="../' not in html and 'href="countries' not in html  # and to no page of the site
    ids = re.findall(r' id="([^"]+)"', html)
    assert len(ids) == len(set(ids))


def test_a_pack_of_one_country_holds_the_events_it_took_part_in(pack_project: Project) -> None:
    pack_project.write("briefings/events/vladivostok-summit.yml", EVENT_YML)
    loaded = load_briefing(Layout(pack_project.root))
    resolved = resolve(loaded.briefing, date(2026, 11, 22))
    assert [e.id for e in select(resolved, ["north-korea"])] == ["vladivostok-summit", "north-korea", "kim-jong-un"]
