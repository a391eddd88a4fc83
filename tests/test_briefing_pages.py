"""End to end on a small project: grades, supplied titles, highlighted quotes, key judgements,
topic status, the hedge check, the review queue and the dateline, as a contributor builds them."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from briefing.render.quote_marks import mark_id
from conftest import BuiltProject, Project, empty_project, fill_small_project

UNTITLED_SOURCE = """\
---
supplied_title: Leaders meet in the Far East
reliability: B
reliability_note: A wire with a long record.
published: 2023-09-13
language: en
---
On September 11, 2023, Kim Jong Un traveled to Russia by armored train and met Putin in Vladivostok.

Kim expressed his support for Putin’s actions and condemned the Western sanctions imposed on both countries.

North Korean leader Kim Jong-un met Russian President Vladimir Putin, the “two-way street” of the relationship.
"""

TOPIC_YML = """\
name: Russia–North Korea ties
summary: The ties between Russia and North Korea, as of September 2023.
summary_citations:
  - source: vladivostok
    quote: "met Putin in Vladivostok"
key_judgements:
  - text: As of September 2023 closer ties were likely.
    likelihood: likely
    confidence: low
    citations:
      - source: vladivostok
        quote: "Kim expressed his support for Putin's actions"
        credibility: 2
    facts: [1]
status:
  - date: '2023-09'
    assessment: deteriorated
    text: Kim met Putin in Vladivostok.
    citations:
      - source: vladivostok
        quote: "met Putin in Vladivostok"
  - date: '2023'
    assessment: unchanged
    text: No change before the visit.
    citations:
      - source: vladivostok
        paragraph: 1
facts:
  - text: Kim met Putin.
    as_of: 2023-09
    date: 2023-09-11
    citations:
      - source: vladivostok
        quote: "met Putin in Vladivostok"
"""


def _topic_project(small_project: Project) -> Project:
    small_project.write("sources/vladivostok.md", UNTITLED_SOURCE)
    small_project.write("briefings/topics/ties.yml", TOPIC_YML)
    return small_project


@pytest.fixture(scope="module")
def topic_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltProject:
    """small_project with the untitled source and the topic, built once for the tests that read it."""
    project = _topic_project(fill_small_project(empty_project(tmp_path_factory.mktemp("topic"))))
    return BuiltProject(project, project.build())


def test_topic_page_leads_with_status_and_judgements(topic_site: BuiltProject) -> None:
    project, done = topic_site.project, topic_site.result
    assert done.returncode == 0, done.stderr
    html = project.html("topics/ties/index.html")
    article = html[html.index("<article") :]
    order = [article.index(marker) for marker in ('class="briefing-status-line"', 'id="key-judgements"',
                                                  'class="briefing-infobox', 'id="background"')]  # fmt: skip
    assert order == sorted(order)
    assert (
        '<span class="briefing-status briefing-status-deteriorated"><span class="briefing-arrow" aria-hidden="true">↓'
        '</span> Deteriorated, <time datetime="2023-09">September 2023</time></span>: Kim met Putin in Vladivostok.'
    ) in html
    assert (
        '<span class="briefing-estimate">Likely · low confidence</span> As of September 2023 closer ties were likely.'
        in html
    )
    assert '<a class="briefing-fact-ref" href="#fact-1">fact 1</a>' in html
    assert '<h2 id="status-history">Status history' in html
    assert html.index("Deteriorated, <time") < html.index("Unchanged, <time", html.index('id="status-history"'))
    index = project.html("topics/index.html")
    assert '↓</span> Deteriorated, <time datetime="2023-09">September 2023</time></span><br>' in index


def test_references_show_grades_and_land_on_the_marked_quote(topic_site: BuiltProject) -> None:
    project = topic_site.project
    assert topic_site.result.returncode == 0
    html = project.html("topics/ties/index.html")
    quote_id = mark_id("Kim expressed his support for Putin's actions")
    assert (
        '<li id="fn:2"><p><a class="briefing-grade" href="../../grades/#grade-b" title="source B: usually reliable; '
        'information 2: probably true">B2</a> <cite>[Leaders meet in the Far East]</cite>, <time datetime="2023-09-13">13 September '
        f'2023</time>. <a class="briefing-paragraph-link" href="../../sources/vladivostok/#{quote_id}">Paragraph 2</a>'
    ) in html
    assert 'title="source B: usually reliable; information 6: truth cannot be judged">B6</a>' in html
    source = project.html("sources/vladivostok/index.html")
    assert f'<mark class="briefing-quote" id="{quote_id}">' in source
    assert "<h1>[Leaders meet in the Far East]</h1>" not in source  # our own h1 is kept, not Material's
    assert '<h1 id="source-title">[Leaders meet in the Far East]</h1>' in source
    assert "the title in square brackets was supplied by the editor" in source
    grades = project.html("grades/index.html")
    assert re.search(r'<tr id="grade-b"><td><strong>B</strong></td> <td>Usually reliable</td>', grades)
    assert (
        '[Leaders meet in the Far East]</a>, <time datetime="2023-09-13">13 September 2023</time>: <strong>B</strong>'
        in grades
    )


def test_every_page_states_the_briefing_date_beside_the_build_date(small_site: BuiltProject) -> None:
    assert small_site.result.returncode == 0
    line = (
        '<p class="briefing-dateline">Briefing as of <time datetime="2023-09-13">13 September 2023</time> '
        '(its newest source) · built <time datetime="2026-11-22">22 November 2026</time></p>'
    )
    for page in ("index.html", "leaders/kim-jong-un/index.html", "sources/vladivostok/index.html", "review/index.html"):
        assert line in small_site.html(page), page


def test_review_queue_lists_a_stale_role_and_uncited_summaries(small_site: BuiltProject) -> None:
    assert small_site.result.returncode == 0
    html = small_site.html("review/index.html")
    assert (
        '<dt>Stale roles</dt> <dd><a href="../leaders/kim-jong-un/#role-1">Leader of North Korea</a> '
        '<span class="briefing-review-why">(current, as of September 2023, 38 months before this build)</span></dd>'
    ) in html
    assert (
        '<dt>Without citations</dt> <dd>Summary <span class="briefing-review-why">(no summary_citations)</span></dd>'
        in html
    )
    done = subprocess.run(
        [sys.executable, "-m", "briefing.cli", "review", "--today", "2026-11-22"],
        cwd=small_site.root, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0
    assert done.stdout.splitlines()[:8] == [
        "briefings/countries/north-korea.yml (North Korea): 5 to review",
        "  Stale facts:",
        "    Fact 1: as of September 2023, 38 months before this build",
        "  Single-source facts:",
        "    Fact 1: only vladivostok",
        "  Facts resting only on sources graded D-F:",
        "    Fact 1: graded F",
        "  Without citations:",
    ]
    assert "    Leader of North Korea: current, as of September 2023, 38 months before this build" in done.stdout


def test_a_claim_that_drops_an_attribution_fails_a_strict_build(small_project: Project) -> None:
    small_project.write(
        "briefings/countries/north-korea.yml",
        """\
        name: North Korea
        summary: A country in East Asia.
        facts:
          - text: Western sanctions were imposed on both countries.
            as_of: 2023-09
            citations:
              - source: vladivostok
                quote: "condemned the Western sanctions imposed on both countries"
          - text: Kim backed Putin.
            as_of: 2023-09
            citations:
              - source: vladivostok
                quote: "Kim expressed his support"
        """,
    )
    small_project.write(
        "sources/said.md",
        "---\npublished: '2023'\nlanguage: en\n---\nPutin said that Moscow complied with the sanctions.\n",
    )
    small_project.write(
        "briefings/organisations/un.yml",
        """\
        name: United Nations
        summary: The United Nations.
        facts:
          - text: Moscow complied with the sanctions.
            as_of: '2023'
            citations:
              - source: said
                quote: "Moscow complied with the sanctions"
        """,
    )
    done = small_project.check()
    expected = (
        "briefings/organisations/un.yml:4:5: warning: facts[0].text: the sentence it quotes from says 'said' but the "
        "claim states it as fact; keep the hedge or say who says so. claim: 'Moscow complied with the sanctions.'; "
        "sentence it quotes from (said): 'Putin said that Moscow complied with the sanctions.'"
    )
    assert done.stdout.splitlines() == [expected]
    built = small_project.build()
    assert built.returncode == 1
    assert f"WARNING -  briefing: {expected}" in built.stderr
