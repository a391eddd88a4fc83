"""Readings kept between the builds of one `mkdocs serve`: unchanged files are not re-read, and a hit
gives exactly what reading the file again gives."""

from __future__ import annotations

import json

from briefing.pipeline import Layout, load_briefing
from briefing.problems import Problem
from briefing.read.cache import ReadCache
from conftest import Project


def test_an_edit_re_reads_only_the_edited_file_and_gives_what_a_fresh_read_gives(small_project: Project) -> None:
    layout, cache = Layout(small_project.root), ReadCache()
    load_briefing(layout, cache=cache)
    assert cache.hits == 0
    sheet = small_project.root / "briefings/leaders/kim-jong-un.yml"
    sheet.write_text(
        sheet.read_text(encoding="utf-8").replace("as_of: 2023-09\n    date:", "as_of: 2023-13\n    date:")
    )
    edited = load_briefing(layout, cache=cache)
    assert cache.hits == 2  # the source and the country; the leader was read again
    fresh = load_briefing(layout)
    assert edited.problems == fresh.problems
    assert [p.format() for p in edited.problems] == [
        "briefings/leaders/kim-jong-un.yml:16:12: facts[0].as_of: expected a date like 2023-09-11, 2025-01 "
        "or '2023', got '2023-13'"
    ]
    assert edited.briefing == fresh.briefing


def test_unchanged_files_keep_their_problems_and_records(small_project: Project) -> None:
    small_project.write("briefings/topics/bad.yml", "name: Bad\nsummary: 3\n")
    layout, cache = Layout(small_project.root), ReadCache()
    first = load_briefing(layout, cache=cache)
    again = load_briefing(layout, cache=cache)
    assert cache.hits == 4
    assert again.problems == first.problems and any(p.path == "briefings/topics/bad.yml" for p in again.problems)
    assert again.briefing == first.briefing


def test_an_edited_schema_is_checked_against_at_the_next_build(small_project: Project) -> None:
    layout, cache = Layout(small_project.root), ReadCache()
    assert load_briefing(layout, cache=cache).ok
    schema_path = small_project.root / "schemas/country.schema.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    schema["required"] = [*schema.get("required", []), "capital"]
    schema_path.write_text(json.dumps(schema), encoding="utf-8")
    problems: list[Problem] = load_briefing(layout, cache=cache).problems
    assert cache.hits == 0
    assert [p.format() for p in problems if p.path.startswith("briefings/countries")] == [
        "briefings/countries/north-korea.yml:1:1: capital: missing required field"
    ]
