"""Incremental rebuilds under `mkdocs serve --dirty` (issue 14): after any edit the served site equals
a cold build of the same files, byte for byte, while unchanged pages are kept, not rebuilt.

The end-to-end test runs one serve session (tests/serve_session.py: MkDocs' own build function,
called as `mkdocs serve --dirty` calls it) through a series of edits, and the same edits again,
each built as the first build of a fresh `mkdocs serve`. Every file of every served site is
compared; nothing is excluded (SOURCE_DATE_EPOCH fixes the sitemap's date and gzip time).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.link.alias_index import AliasSpec, build_alias_index
from briefing.publish.incremental import IncrementalBuilds, PageMemory, SiteInputs, merged_search_docs
from briefing.publish.safe_build import AtomicSite
from conftest import COUNTRY_YML, LEADER_YML, MKDOCS_YML, REPO, SOURCE_MD

SESSION = Path(__file__).resolve().parent / "serve_session.py"


# --- The plan and the search index: pure functions. ---


def _memory(key: bytes, search: tuple[dict[str, str], ...] = ()) -> PageMemory:
    return PageMemory(key, "x/index.html", "X", "{}", frozenset(), None, search)


def _builds_after_one(pages: dict[str, bytes]) -> IncrementalBuilds:
    builds = IncrementalBuilds(enabled=True)
    builds.start(SiteInputs({"config": b"1"}))
    for uri, key in pages.items():
        builds.plan_page(uri, key)
    builds.check_nav(b"nav")
    builds.finish(swapped=True, warned=False, pages={uri: _memory(key) for uri, key in pages.items()})
    return builds


def test_a_page_is_kept_only_when_its_inputs_and_the_site_are_unchanged() -> None:
    builds = _builds_after_one({"a.md": b"a", "b.md": b"b"})
    builds.start(SiteInputs({"config": b"1"}))
    builds.plan_page("a.md", b"a")
    builds.plan_page("b.md", b"b2")
    builds.plan_page("c.md", b"c")
    assert builds.plan.kept == {"a.md"}
    assert [builds.must_build(uri) for uri in ("a.md", "b.md", "c.md")] == [False, True, True]
    assert builds.summary() == "rebuilt 2 of 3 pages; 1 unchanged kept from the last build"


@pytest.mark.parametrize(
    ("site", "blockers", "reason"),
    [
        ({"config": b"2"}, (), "config"),
        ({"config": b"1", "more": b"x"}, (), "more"),
        ({"config": b"1"}, ("the plugin 'material/blog' may read other pages",), "the plugin 'material/blog' may read other pages"),
    ],
)  # fmt: skip
def test_a_site_wide_change_rebuilds_every_page_and_says_why(
    site: dict[str, bytes], blockers: tuple[str, ...], reason: str
) -> None:
    builds = _builds_after_one({"a.md": b"a"})
    builds.start(SiteInputs(site), blockers)
    builds.plan_page("a.md", b"a")
    assert builds.plan.kept == set()
    assert builds.summary() == f"rebuilt all 1 pages ({reason})"


def test_a_changed_navigation_builds_the_kept_pages_after_all() -> None:
    builds = _builds_after_one({"a.md": b"a", "b.md": b"b"})
    builds.start(SiteInputs({"config": b"1"}))
    builds.plan_page("a.md", b"a")
    builds.plan_page("b.md", b"b2")
    assert builds.check_nav(b"another nav") == {"a.md"}
    assert builds.must_build("a.md")
    assert builds.summary() == "rebuilt all 2 pages (the navigation changed (a page's title or front matter))"


def test_a_build_strict_mode_stopped_leaves_the_last_one_to_compare_with() -> None:
    builds = _builds_after_one({"a.md": b"a"})
    builds.start(SiteInputs({"config": b"1"}))
    builds.plan_page("a.md", b"a2")
    builds.check_nav(b"nav")
    builds.finish(swapped=False, warned=True, pages={"a.md": _memory(b"a2")})
    builds.start(SiteInputs({"config": b"1"}))
    builds.plan_page("a.md", b"a")
    assert builds.plan.kept == {"a.md"}, "the site is still the one where a.md was b'a'"


def test_after_a_build_that_warned_nothing_is_kept() -> None:
    builds = _builds_after_one({"a.md": b"a"})
    builds.start(SiteInputs({"config": b"1"}))
    builds.plan_page("a.md", b"a")
    builds.check_nav(b"nav")
    builds.finish(swapped=True, warned=True, pages={})
    builds.start(SiteInputs({"config": b"1"}))
    builds.plan_page("a.md", b"a")
    assert builds.summary() == "rebuilt all 1 pages (the last build logged a warning or error)"


def test_nothing_is_kept_outside_a_dirty_serve() -> None:
    builds = IncrementalBuilds(enabled=False)
    builds.start(SiteInputs({}))
    builds.plan_page("a.md", b"a")
    builds.check_nav(b"nav")
    builds.finish(swapped=True, warned=False, pages={"a.md": _memory(b"a")})
    builds.start(SiteInputs({}))
    builds.plan_page("a.md", b"a")
    assert builds.plan.kept == set()


def test_the_search_index_lists_pages_in_build_order_with_kept_entries_in_place() -> None:
    new = [
        {"location": "", "title": "Home", "text": "new home"},
        {"location": "c/", "title": "C", "text": "c"},
        {"location": "c/#part", "title": "Part", "text": "c part"},
        {"location": "c/sub/", "title": "Sub", "text": "sub"},
    ]
    kept = {"b.md": ({"location": "b/", "title": "B", "text": "old b"},), "d.md": ()}
    order = [("index.md", ""), ("b.md", "b/"), ("c.md", "c/"), ("d.md", "d/"), ("c/sub.md", "c/sub/"), ("e.md", "e/")]
    docs, shares = merged_search_docs(order, new, kept)
    assert [d["text"] for d in docs] == ["new home", "old b", "c", "c part", "sub"]
    assert shares["c.md"] == (new[1], new[2])
    assert shares["d.md"] == () and shares["e.md"] == ()


def test_the_alias_fingerprint_changes_with_a_name_and_only_then() -> None:
    def index(*aliases: str) -> bytes:
        specs = [AliasSpec("north-korea", "countries", "North Korea", aliases, path="a.yml", alias_lines=((a, 9) for a in aliases))]  # type: ignore[arg-type]  # fmt: skip
        return build_alias_index(specs)[0].fingerprint()

    assert index("DPRK") == index("DPRK")
    assert index("DPRK") != index("DPRK", "Pyongyang")


def test_carry_over_links_the_current_sites_file_into_the_new_one(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "a" / "index.html").write_text("<p>a</p>", encoding="utf-8")
    atomic = AtomicSite(site, strict=False)
    temp = atomic.start()
    assert atomic.carry_over("a/index.html")
    assert (temp / "a" / "index.html").read_text(encoding="utf-8") == "<p>a</p>"
    assert not atomic.carry_over("missing/index.html")
    assert not atomic.carry_over("../site/a/index.html")
    atomic.finish()
    assert (site / "a" / "index.html").read_text(encoding="utf-8") == "<p>a</p>"


# --- End to end: one serve session against cold builds. ---

ABOUT_MD = """\
# About this briefing

The DPRK and Kim Jong Un, as the sources describe them. See [his diplomacy](leaders/kim-jong-un.md#diplomacy-and-relations).
"""
SOUTH_KOREA_YML = COUNTRY_YML.replace("North Korea", "South Korea").replace("aliases: [Pyongyang]\n", "")
FACT = "Met Vladimir Putin in Vladivostok."

# (edits, what the rebuild says about itself); None: the served site is not a cold build's (see below).
STEPS: list[tuple[dict[str, object], str | None]] = [
    ({}, "rebuilt all 16 pages (first build)"),
    ({"write": {"briefings/leaders/kim-jong-un.yml": LEADER_YML.replace(FACT, "Met Putin in Vladivostok, by train.")}}, "rebuilt 4 of 16 pages"),
    ({"write": {"briefings/countries/north-korea.yml": COUNTRY_YML.replace("[Pyongyang]", "[Pyongyang, DPRK]")}}, "the alias index changed"),
    ({"write": {"briefings/countries/south-korea.yml": SOUTH_KOREA_YML}}, "a file was added, removed or moved"),
    ({"delete": ["briefings/countries/south-korea.yml"]}, "a file was added, removed or moved"),
    ({"write": {"sources/vladivostok.md": SOURCE_MD + "\nA later paragraph, cited by no fact.\n"}}, "rebuilt 1 of 16 pages"),
    ({"write": {"briefings/about.md": ABOUT_MD.replace("as the sources", "as our sources")}}, "rebuilt 3 of 16 pages"),
    ({"write": {"briefings/about.md": ABOUT_MD.replace("# About this briefing", "# What this briefing is")}}, "the navigation changed"),
    ({}, "rebuilt 0 of 16 pages"),
    # The anchor about.md links to goes: its link is checked again although about.md is kept.
    ({"write": {"briefings/leaders/kim-jong-un.yml": LEADER_YML.replace("section: diplomacy", "section: economy")}}, "rebuilt 4 of 16 pages"),
    # That build warned: the next keeps nothing, and warns again as a cold build does.
    ({}, "rebuilt all 16 pages (the last build logged a warning or error)"),
    # A broken quote: serve shows the last good pages with the problem on each (no cold build does).
    ({"write": {"briefings/leaders/kim-jong-un.yml": LEADER_YML.replace("met Putin in Vladivostok", "met Putin in Moscow")}}, None),
    ({"write": {"briefings/leaders/kim-jong-un.yml": LEADER_YML}}, "rebuilt all 16 pages"),
    ({}, "rebuilt 0 of 16 pages"),
]  # fmt: skip


def _session(project: Path, out: Path, steps: list[dict[str, object]], mode: str) -> None:
    steps_file = out.with_suffix(".json")
    steps_file.write_text(json.dumps(steps), encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1764547200"}
    done = subprocess.run(
        [sys.executable, str(SESSION), str(project), str(out), str(steps_file), mode],
        capture_output=True, text=True, env=env, timeout=900,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _log(out: Path, number: int) -> list[str]:
    return (out / f"{number}.log").read_text(encoding="utf-8").splitlines()


def _same_as_cold(lines: list[str]) -> list[str]:
    """The log lines a cold build gives too: not the timing, the cleaning, or what was rebuilt."""
    skip = re.compile(r"INFO: (Documentation built in|Cleaning site directory|briefing: rebuilt )")
    return [line for line in lines if not skip.match(line)]


def _project(root: Path) -> Path:
    shutil.copytree(REPO / "schemas", root / "schemas")
    files = {
        "mkdocs.yml": MKDOCS_YML,
        "sources/vladivostok.md": SOURCE_MD,
        "briefings/leaders/kim-jong-un.yml": LEADER_YML,
        "briefings/countries/north-korea.yml": COUNTRY_YML,
        "briefings/about.md": ABOUT_MD,
    }
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


@pytest.mark.slow
def test_after_every_edit_the_served_site_equals_a_cold_build(tmp_path: Path) -> None:
    steps = [edits for edits, _ in STEPS]
    served, cold = tmp_path / "served", tmp_path / "cold"
    _session(_project(tmp_path / "p1"), served, steps, "--dirty")
    _session(_project(tmp_path / "p2"), cold, steps, "--cold")
    problems = []
    for number, (_, said) in enumerate(STEPS):
        log = _log(served, number)
        if [line for line in log if line.startswith("FAILED")] or (said and not [ln for ln in log if said in ln]):
            problems.append(f"step {number}: expected {said!r} in the log: {log}")
        if said is None:
            continue
        served_tree, cold_tree = _tree(served / str(number)), _tree(cold / str(number))
        differ = sorted(
            rel for rel in served_tree.keys() | cold_tree.keys() if served_tree.get(rel) != cold_tree.get(rel)
        )
        if differ:
            problems.append(f"step {number}: these files differ from a cold build's: {differ}")
        if _same_as_cold(log) != _same_as_cold(_log(cold, number)):
            problems.append(f"step {number}: log {log} against the cold build's {_log(cold, number)}")
    assert problems == []
    anchor_warning = (
        "WARNING: Doc file 'about.md' contains a link 'leaders/kim-jong-un.md#diplomacy-and-relations', "
        "but the doc 'leaders/kim-jong-un.md' does not contain an anchor '#diplomacy-and-relations'."
    )
    assert anchor_warning in _log(served, 9) and anchor_warning not in _log(served, 8)
    broken = (served / "11" / "leaders" / "kim-jong-un" / "index.html").read_text(encoding="utf-8")
    assert "1 problem in the content: this preview shows the last good build" in broken
    assert "Met Vladimir Putin in Vladivostok." in broken
