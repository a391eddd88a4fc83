"""Tier 3: build a tiny briefing with real MkDocs and read the HTML a reader gets."""

from __future__ import annotations

import re

import pytest

from briefing.render.quote_marks import mark_id
from conftest import BuiltProject, Project

pytestmark = pytest.mark.slow


def test_small_briefing_builds_strict_with_no_warnings(small_site: BuiltProject) -> None:
    result = small_site.result
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    for page in (
        "index.html",
        "leaders/index.html",
        "leaders/kim-jong-un/index.html",
        "countries/north-korea/index.html",
        "sources/vladivostok/index.html",
        "sources/index.html",
    ):
        assert (small_site.root / "site" / page).is_file(), page
    assert not list((small_site.root / "site").rglob("*.yml")), "fact sheets must not be published raw"


def test_leader_page_numbers_citations_and_lists_references(small_site: BuiltProject) -> None:
    assert small_site.result.returncode == 0
    html = small_site.html("leaders/kim-jong-un/index.html")
    assert '<h1 id="kim-jong-un">Kim Jong Un</h1>' in html
    # The first fact cites paragraph 1, the second paragraph 2, the role (in the roles table, after the facts)
    # paragraph 3: numbered by appearance.
    assert '<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup>' in html
    refs = re.findall(r'<li id="fn:(\d+)"><p>(.*?)</p></li>', html)
    assert [n for n, _ in refs] == ["1", "2", "3"]
    role = refs[2][1]
    assert "Example Wire, <cite>Leaders meet in Vladivostok</cite>, by A. Writer" in role
    # The reference leads to the quoted words, marked on the source page.
    quote_mark = mark_id("North Korean leader Kim Jong-un")
    assert f'<a class="briefing-paragraph-link" href="../../sources/vladivostok/#{quote_mark}">Paragraph 3</a>' in role
    assert '<a class="briefing-original" href="https://example.com/kim-putin" rel="noopener noreferrer">' in role
    assert "“North Korean leader Kim Jong-un”" in role
    support = mark_id("Kim expressed his support for Putin’s actions")
    assert f'href="../../sources/vladivostok/#{support}">Paragraph 2</a>' in refs[1][1]


def test_role_from_2023_is_marked_stale_in_2026(small_site: BuiltProject) -> None:
    assert small_site.result.returncode == 0
    html = small_site.html("leaders/kim-jong-un/index.html")
    assert "In office as of September 2023" in html
    assert "⚠ not confirmed since September 2023, 38 months before this build" in html
    index = small_site.html("leaders/index.html")
    assert "Leader of North Korea: in office as of September 2023" in index


def test_source_page_has_paragraph_anchors_and_cited_by(small_site: BuiltProject) -> None:
    assert small_site.result.returncode == 0
    html = small_site.html("sources/vladivostok/index.html")
    assert '<p id="p1"><a class="briefing-para" href="#p1" title="Link to paragraph 1">¶1</a> On September 11' in html
    assert '<dt id="cited-p1"><a href="#p1">Paragraph 1</a></dt>' in html
    # Paragraph 1 is cited by the leader's fact and by the country's fact, each linked to the exact fact.
    assert (
        '<dd><a href="../../leaders/kim-jong-un/#fact-1">Kim Jong Un</a>: Met Vladimir Putin in Vladivostok.</dd>'
        in html
    )
    assert '<a href="../../countries/north-korea/#fact-1">North Korea</a>' in html
    assert (
        '<dd><a href="../../leaders/kim-jong-un/#role-1">Kim Jong Un</a>: Role: Leader of '
        '<a class="briefing-xref" href="../../countries/north-korea/" data-entity="north-korea">North Korea</a></dd>'
    ) in html


def test_names_are_cross_linked_in_sources_and_pages_show_mentions(small_site: BuiltProject) -> None:
    assert small_site.result.returncode == 0
    source = small_site.html("sources/vladivostok/index.html")
    # The first mention in the article's section is linked, through the alias "Kim Jong-un" too.
    assert (
        '¶1</a> On September 11, 2023, <a class="briefing-xref" href="../../leaders/kim-jong-un/" '
        'data-entity="kim-jong-un">Kim Jong Un</a> <mark class="briefing-quote" id="'
    ) in source
    leader = small_site.html("leaders/kim-jong-un/index.html")
    assert 'data-entity="kim-jong-un"' not in leader, "a page never links to itself"
    assert (
        '<li><a href="../../sources/vladivostok/#p1">Leaders meet in Vladivostok</a>: 2 mentions, first in '
        "paragraph 1: “On September 11, 2023, <mark>Kim Jong Un</mark> traveled to Russia by armored train and met "
        "Putin in…”</li>"
    ) in leader
    country = small_site.html("countries/north-korea/index.html")
    assert (
        '<p class="briefing-related" id="linked-from"><strong>Linked from</strong> <span class="briefing-kind-group">'
        'Leaders: <a href="../../leaders/kim-jong-un/">Kim Jong Un</a></span></p>'
    ) in country


def test_edit_button_opens_the_yaml_behind_a_generated_page(small_site: BuiltProject) -> None:
    assert small_site.result.returncode == 0
    leader = small_site.html("leaders/kim-jong-un/index.html")
    assert 'href="https://github.com/example/briefing/edit/main/briefings/leaders/kim-jong-un.yml"' in leader
    source = small_site.html("sources/vladivostok/index.html")
    assert 'href="https://github.com/example/briefing/edit/main/sources/vladivostok.md"' in source


def test_country_page_lists_its_leader_and_timeline(small_site: BuiltProject) -> None:
    assert small_site.result.returncode == 0
    html = small_site.html("countries/north-korea/index.html")
    assert '<dt>Leader of North Korea</dt> <dd><a href="../../leaders/kim-jong-un/">Kim Jong Un</a>' in html
    assert (
        '<li class="bt-fact"><time datetime="2023-09-11">11 September</time>: '
        '<a href="../../leaders/kim-jong-un/#fact-1">Met Vladimir Putin in Vladivostok.</a></li>'
    ) in html


def test_broken_fact_sheet_fails_the_build_with_file_line_messages(small_project: Project) -> None:
    small_project.write(
        "briefings/leaders/kim-jong-un.yml",
        """\
        name: Kim Jong Un
        summary: Leader.
        roles:
          - title: Leader
            status: current
            as_of: 2023-13
            citations:
              - source: vladivostock
        facts:
          - text: Uncited claim.
            as_of: 2023-09
        """,
    )
    result = small_project.build()
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if "briefings/leaders" in line]
    assert lines == [
        "ERROR   -  briefing: briefings/leaders/kim-jong-un.yml:6:12: roles[0].as_of: "
        "expected a date like 2023-09-11, 2025-01 or '2023', got '2023-13'",
        "ERROR   -  briefing: briefings/leaders/kim-jong-un.yml:10:5: facts[0].citations: "
        "missing required field (an uncited claim)",
    ]
    assert "Aborted with a BuildError" in result.stderr or "problem(s) in the content" in result.stderr


def test_briefing_check_reports_all_problems_and_exits_nonzero(small_project: Project) -> None:
    small_project.write(
        "briefings/countries/north-korea.yml",
        """\
        name: North Korea
        summary: A country.
        facts:
          - text: Its leader travelled by train.
            as_of: 2023-09
            about: [kim-jong-il]
            citations:
              - source: vladivostok
                quote: "traveled to Russia by armoured plane"
        """,
    )
    result = small_project.check()
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "briefings/countries/north-korea.yml:6:13: facts[0].about[0]: unknown id 'kim-jong-il': "
        "no fact sheet has it; did you mean 'kim-jong-un'?",
        "briefings/countries/north-korea.yml:9:16: facts[0].citations[0].quote: quote not found in "
        "sources/vladivostok.md; closest passage (paragraph 1, 67% alike): 'traveled to Russia by armored train'",
    ]
    github = small_project.check("--format", "github")
    assert github.stdout.splitlines()[0] == (
        "::error file=briefings/countries/north-korea.yml,line=6,col=13,title=facts[0].about[0]::"
        "unknown id 'kim-jong-il': no fact sheet has it; did you mean 'kim-jong-un'?"
    )


def test_two_sheets_claiming_one_name_is_an_error_naming_both_lines(small_project: Project) -> None:
    # "Kim Jong-un" and the other sheet's name "Kim Jong Un" (line 2) are one name once hyphens fold.
    small_project.write(
        "briefings/leaders/kim-yo-jong.yml",
        """\
        name: Kim Yo Jong
        aliases:
          - Kim Jong-un
        summary: A leader.
        roles: []
        facts: []
        """,
    )
    result = small_project.check()
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "briefings/leaders/kim-yo-jong.yml:3: aliases: alias 'Kim Jong-un' is also claimed by "
        "briefings/leaders/kim-jong-un.yml:2; declare it under ambiguous_aliases in both, or remove it"
    ]


def test_an_unfilled_placeholder_summary_is_a_warning_and_fails_the_strict_build(small_project: Project) -> None:
    small_project.write(
        "briefings/countries/japan.yml",
        'name: Japan\nsummary: "TODO: one sentence saying what Japan is, as of the newest source."\nfacts: []\n',
    )
    check = small_project.check()
    assert check.returncode == 0  # a warning, not an error: the content is valid
    assert check.stdout.splitlines() == [
        "briefings/countries/japan.yml:2:10: warning: summary: still the placeholder written by 'briefing new'; "
        "say in one sentence what this is"
    ]
    build = small_project.build()
    assert build.returncode != 0
    assert (
        "WARNING -  briefing: briefings/countries/japan.yml:2:10: warning: summary: still the placeholder"
        in build.stderr
    )


def test_hand_written_pages_are_cross_linked_and_listed_under_mentioned_in(small_project: Project) -> None:
    small_project.write(
        "briefings/analysis.md",
        """\
        # Weekly analysis

        Pyongyang sent Kim Jong-un by train; `Kim Jong Un` in code stays as it is.

        ## North Korea in brief

        The [leader](leaders/kim-jong-un.md) met Putin. Kim Jong Un travelled again.
        """,
    )
    result = small_project.build()
    assert result.returncode == 0, result.stderr
    html = small_project.html("analysis/index.html")
    assert (
        '<p><a class="briefing-xref" href="../countries/north-korea/" data-entity="north-korea">Pyongyang</a> sent '
        '<a class="briefing-xref" href="../leaders/kim-jong-un/" data-entity="kim-jong-un">Kim Jong-un</a> by train; '
        "<code>Kim Jong Un</code> in code stays as it is.</p>"
    ) in html
    # Never in a heading; first mention per section, so the second section links Kim Jong Un again.
    assert '<h2 id="north-korea-in-brief">North Korea in brief' in html
    assert (
        'met Putin. <a class="briefing-xref" href="../leaders/kim-jong-un/" data-entity="kim-jong-un">Kim Jong Un</a> travelled'
        in html
    )
    leader = small_project.html("leaders/kim-jong-un/index.html")
    # Counted on the text a reader sees: the name in code is not a mention; the snippet is plain text.
    assert '<li><a href="../../analysis/">Weekly analysis</a>: 2 mentions: “Weekly analysis ' in leader
    assert "sent <mark>Kim Jong-un</mark> by train; in code stays as it is. North Korea in brief The…”</li>" in leader


def test_aliases_are_separate_words_in_the_search_index(small_site: BuiltProject) -> None:
    """Search finds a page by any of its names: 'Pyongyang' must not be indexed as 'writtenPyongyang'."""
    import json

    assert small_site.result.returncode == 0
    index = json.loads((small_site.root / "site/search/search_index.json").read_text(encoding="utf-8"))
    page = next(doc for doc in index["docs"] if doc["location"] == "countries/north-korea/")
    assert " Also written Pyongyang " in page["text"]
    leader = next(doc for doc in index["docs"] if doc["location"] == "leaders/kim-jong-un/")
    assert " Also written Kim Jong-un " in leader["text"]
