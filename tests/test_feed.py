"""What's new and the Atom feed, from a fixture project's own git history with fixed commit dates."""

from __future__ import annotations

import os
import subprocess
from datetime import date

import pytest
from lxml import etree

from briefing.pipeline import Layout, load_briefing
from briefing.publish.feed import atom_feed
from briefing.publish.history import read_history
from briefing.publish.record_ids import record_ids
from briefing.publish.site_urls import SiteUrls
from briefing.render.resolve import resolve
from conftest import BuiltProject, Project
from test_api import COUNCIL_YML, RUSSIA_YML
from test_relations_events import EVENT_YML

ATOM = "{http://www.w3.org/2005/Atom}"
pytestmark = pytest.mark.slow


def git(project: Project, *args: str, when: str = "2026-01-05T10:00:00+00:00") -> str:
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when, "GIT_AUTHOR_NAME": "A. Analyst",
           "GIT_AUTHOR_EMAIL": "a@example.invalid", "GIT_COMMITTER_NAME": "A. Analyst",
           "GIT_COMMITTER_EMAIL": "a@example.invalid"}  # fmt: skip
    done = subprocess.run(["git", *args], cwd=project.root, env=env, capture_output=True, text=True, check=True)
    return done.stdout.strip()


def commit(project: Project, message: str, when: str) -> str:
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", message, when=when)
    return git(project, "rev-parse", "HEAD")


@pytest.fixture
def history_project(small_project: Project) -> Project:
    """Three commits: everything; a fact added, one re-dated, the facts reordered and re-folded; a source edited."""
    git(small_project, "init", "-q", "-b", "main")
    commit(small_project, "Seed the briefing", "2026-01-05T10:00:00+00:00")
    sheet = small_project.root / "briefings/leaders/kim-jong-un.yml"
    text = sheet.read_text(encoding="utf-8")
    first, second = text.split("  - text: Met Vladimir Putin")[1].split("  - text: Voiced support")
    second = second.replace("as_of: 2023-09", "as_of: '2023-09-13'")
    moved = text.split("  - text: Met Vladimir Putin")[0] + "  - text: Voiced support" + second
    moved += "  - text: >-\n      Met Vladimir\n      Putin" + first
    moved += (
        "  - text: Travelled by armoured train.\n    as_of: 2023-09\n    citations:\n"
        "      - source: vladivostok\n        quote: traveled to Russia by armored train\n"
    )
    sheet.write_text("# a comment changes nothing\n" + moved, encoding="utf-8")
    commit(small_project, "Kim: one new fact, one re-dated", "2026-02-10T09:30:00+00:00")
    source = small_project.root / "sources/vladivostok.md"
    source.write_text(source.read_text(encoding="utf-8") + "\nA fourth paragraph.\n", encoding="utf-8")
    commit(small_project, "Vladivostok: the last paragraph", "2026-03-01T08:00:00+00:00")
    return small_project


def test_changes_are_matched_by_record_not_by_line(history_project: Project) -> None:
    history = read_history(history_project.root)
    assert history.unavailable is None and history.commits_read == 3
    rows = [(c.day.isoformat(), c.action, c.kind, c.label) for c in history.changes]
    assert rows[:3] == [
        ("2026-03-01", "changed", "source", "Leaders meet in Vladivostok"),
        ("2026-02-10", "added", "fact", "Kim Jong Un: Travelled by armoured train."),
        ("2026-02-10", "changed", "fact", "Kim Jong Un: Voiced support for Russia's actions."),
    ]
    assert len(rows) == 3 + 7  # the first commit adds 2 sheets, 3 facts, 1 role and 1 source
    assert {r[1] for r in rows[3:]} == {"added"}


def test_a_version_that_does_not_parse_is_skipped(history_project: Project) -> None:
    sheet = history_project.root / "briefings/countries/north-korea.yml"
    good = sheet.read_text(encoding="utf-8")
    sheet.write_text(good + "facts: [\n", encoding="utf-8")
    commit(history_project, "Broken", "2026-04-01T08:00:00+00:00")
    sheet.write_text(good.replace("A country in East Asia.", "A state in East Asia."), encoding="utf-8")
    commit(history_project, "Fixed", "2026-04-02T08:00:00+00:00")
    newest = read_history(history_project.root).changes[0]
    assert (newest.action, newest.kind, newest.label, newest.subject) == ("changed", "country", "North Korea", "Fixed")


def test_history_window_is_capped(history_project: Project) -> None:
    assert read_history(history_project.root, max_commits=1).commits_read == 1
    # 25 days before the newest commit reaches back to 2026-02-04: the seed commit is left out.
    assert read_history(history_project.root, max_days=25).commits_read == 2


def test_same_text_twice_gets_two_ids() -> None:
    ids = record_ids("x", "fact", [{"text": "A."}, {"text": "B."}, {"text": "A."}])
    assert ids[0] != ids[1] and ids[2] == ids[0] + "-2"
    assert record_ids("x", "fact", [{"text": " A.\n"}]) == ids[:1]


def parse_atom(data: bytes) -> etree._Element:
    feed = etree.fromstring(data)
    assert feed.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated", "author"):
        assert feed.find(f"{ATOM}{name}") is not None, name
    for entry in feed.findall(f"{ATOM}entry"):
        for name in ("id", "title", "updated", "link"):
            assert entry.find(f"{ATOM}{name}") is not None, name
    return feed


def test_feed_and_page_list_the_records_with_their_dates_from_git(history_project: Project) -> None:
    result = history_project.build()
    assert result.returncode == 0, result.stderr
    assert "INFO    -  briefing: what's new: 10 change(s) in 3 commit(s)" in result.stderr
    data = (history_project.root / "site/feed.xml").read_bytes()
    feed = parse_atom(data)
    assert feed.findtext(f"{ATOM}updated") == "2026-03-01T08:00:00+00:00"
    entries = [
        (e.findtext(f"{ATOM}title"), e.findtext(f"{ATOM}updated"), e.find(f"{ATOM}link").get("href"))
        for e in feed.findall(f"{ATOM}entry")
    ]
    assert entries[:3] == [
        ("Source changed: Leaders meet in Vladivostok", "2026-03-01T08:00:00+00:00",
         "https://example.invalid/briefing/sources/vladivostok/"),
        ("Fact added: Kim Jong Un: Travelled by armoured train.", "2026-02-10T09:30:00+00:00",
         "https://example.invalid/briefing/leaders/kim-jong-un/#fact-3"),
        ("Fact changed: Kim Jong Un: Voiced support for Russia's actions.", "2026-02-10T09:30:00+00:00",
         "https://example.invalid/briefing/leaders/kim-jong-un/#fact-1"),
    ]  # fmt: skip
    page = history_project.html("whats-new/index.html")
    assert '<h2 id="2026-02-10">2026-02-10' in page
    assert (
        '<li><strong>Fact added</strong>: <a href="../leaders/kim-jong-un/#fact-3">Kim Jong Un: Travelled by armoured train.</a>'
        in page
    )
    head = history_project.html("leaders/kim-jong-un/index.html").split("</head>")[0]
    assert (
        '<link rel="alternate" type="application/atom+xml" title="Test Briefing: What&#x27;s new" href="../../feed.xml">'
        in head
    )
    history_project.build()
    assert (history_project.root / "site/feed.xml").read_bytes() == data


def test_without_git_the_page_and_log_say_so_and_strict_build_passes(small_site: BuiltProject) -> None:
    result = small_site.result
    assert result.returncode == 0, result.stderr
    assert "INFO    -  briefing: what's new: no history of changes (" in result.stderr
    assert "No history of changes: this site was built from a folder without its git history" in small_site.html(
        "whats-new/index.html"
    )
    feed = parse_atom((small_site.root / "site/feed.xml").read_bytes())
    assert feed.findall(f"{ATOM}entry") == []
    assert feed.findtext(f"{ATOM}updated") == "2026-11-22T00:00:00+00:00"


def test_a_relation_a_member_and_an_event_added_show_in_the_feed(history_project: Project) -> None:
    history_project.write("briefings/countries/russia.yml", RUSSIA_YML)
    commit(history_project, "Russia, with its arms supply", "2026-04-01T08:00:00+00:00")
    history_project.write("briefings/events/vladivostok-summit.yml", EVENT_YML)
    history_project.write("briefings/organisations/council.yml", COUNCIL_YML)
    commit(history_project, "The summit and the Council", "2026-04-02T08:00:00+00:00")
    history_project.write("briefings/countries/russia.yml", RUSSIA_YML.replace("status: alleged", "status: active"))
    commit(history_project, "Confirmed", "2026-04-03T08:00:00+00:00")
    history = read_history(history_project.root)
    rows = [(c.day.isoformat(), c.action, c.kind, c.label) for c in history.changes[:6]]
    assert rows == [
        ("2026-04-03", "changed", "relation", "Russia: arms-supply"),
        ("2026-04-02", "added", "event", "Vladivostok summit"),
        ("2026-04-02", "added", "organisation", "Council"),
        ("2026-04-02", "added", "membership", "Council: russia"),
        ("2026-04-01", "added", "country", "Russia"),
        ("2026-04-01", "added", "relation", "Russia: arms-supply"),
    ]
    loaded = load_briefing(Layout(history_project.root))
    assert loaded.ok, loaded.problems
    resolved = resolve(loaded.briefing, date(2026, 11, 22))
    urls = SiteUrls("https://example.invalid/b/", True)
    feed = parse_atom(atom_feed(history, resolved, urls, site_name="T", build_date=date(2026, 11, 22)))
    entries = [(e.findtext(f"{ATOM}title"), e.find(f"{ATOM}link").get("href")) for e in feed.findall(f"{ATOM}entry")]
    assert entries[:6] == [
        ("Relation changed: Russia: arms-supply", "https://example.invalid/b/countries/russia/#relation-1"),
        ("Event added: Vladivostok summit", "https://example.invalid/b/events/vladivostok-summit/"),
        ("Organisation added: Council", "https://example.invalid/b/organisations/council/"),
        ("Membership added: Council: russia", "https://example.invalid/b/organisations/council/#member-1"),
        ("Country added: Russia", "https://example.invalid/b/countries/russia/"),
        ("Relation added: Russia: arms-supply", "https://example.invalid/b/countries/russia/#relation-1"),
    ]
