"""The benchmark's synthetic briefing (benchmarks/synth.py): deterministic, truly quoted, names in the text.

The tool is driven only through its command line here, as the benchmark drives it.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
BENCHMARKS = REPO / "benchmarks"
SHAPES = REPO / "plugins/briefing/render/pictures/data/countries.json.gz"
VOCABULARY = json.loads((REPO / "schemas/vocabulary.schema.json").read_text(encoding="utf-8"))["$defs"]
BRIEFING = Path(sys.executable).parent / "briefing"
MKDOCS = Path(sys.executable).parent / "mkdocs"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def synth(out: Path, *options: str) -> None:
    command = [sys.executable, str(BENCHMARKS / "synth.py"), str(out), "--pages", "60", "--seed", "7", *options]
    subprocess.run(command, check=True, capture_output=True)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("synth") / "project"
    synth(out)
    return out


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def paragraphs(source: Path) -> list[str]:
    body = source.read_text(encoding="utf-8").split("\n---\n", 1)[1]
    return [" ".join(block.split("\n")) for block in body.strip().split("\n\n")]


def sheets(root: Path) -> dict[str, dict[str, object]]:
    return {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((root / "briefings").rglob("*.yml"))}


def citations(node: object) -> list[dict[str, object]]:
    """Every citation in a fact sheet, wherever it stands (facts, roles, capital)."""
    if isinstance(node, dict):
        found = [c for c in node.get("citations", []) if isinstance(c, dict)]
        return found + [c for key, value in node.items() if key != "citations" for c in citations(value)]
    if isinstance(node, list):
        return [c for item in node for c in citations(item)]
    return []


def test_same_seed_same_files(project: Path, tmp_path: Path) -> None:
    synth(tmp_path / "again")
    first, second = tree(project), tree(tmp_path / "again")
    assert len(first) > 50
    assert first == second


def test_a_different_seed_gives_a_different_briefing(project: Path, tmp_path: Path) -> None:
    subprocess.run([sys.executable, str(BENCHMARKS / "synth.py"), str(tmp_path / "other"), "--pages", "60",
                    "--seed", "8"], check=True, capture_output=True)  # fmt: skip
    assert tree(project) != tree(tmp_path / "other")


def test_about_the_page_count_asked_for_with_three_sources_a_sheet(project: Path) -> None:
    sheet_count = len(list((project / "briefings").rglob("*.yml")))
    source_count = len(list((project / "sources").glob("*.md")))
    assert 55 <= sheet_count + source_count + 12 <= 65
    assert 2.5 <= source_count / sheet_count <= 3.5


def test_every_quote_is_in_a_paragraph_of_the_source_it_cites(project: Path) -> None:
    quoted = 0
    for sheet_id, sheet in sheets(project).items():
        for citation in citations(sheet):
            text = paragraphs(project / "sources" / f"{citation['source']}.md")
            assert any(str(citation["quote"]) in paragraph for paragraph in text), (sheet_id, citation)
            quoted += 1
    assert quoted > 80


def _spellings(sheet: dict[str, object]) -> list[str]:
    names = [str(sheet["name"])]
    for key in ("aliases", "native_names"):
        names += [str(n) for n in sheet.get(key, [])]  # type: ignore[attr-defined]
    return names + [
        unicodedata.normalize("NFKD", n).encode("ascii", "ignore").decode() for n in names if not n.isascii()
    ]


def test_every_sheet_is_named_in_some_article_and_every_article_names_several(project: Path) -> None:
    texts = [" ".join(paragraphs(p)) for p in sorted((project / "sources").glob("*.md"))]
    all_sheets = sheets(project)
    for sheet_id, sheet in all_sheets.items():
        assert any(name in text for name in _spellings(sheet) for text in texts), sheet_id
    pattern = re.compile("|".join(re.escape(n) for s in all_sheets.values() for n in _spellings(s)))
    counts = [len(pattern.findall(text)) for text in texts]
    assert min(counts) >= 5
    assert all(400 <= len(text.split()) <= 1100 for text in texts)


def test_names_include_accents_and_hangul(project: Path) -> None:
    names = [n for s in sheets(project).values() for n in _spellings(s)]
    assert any(re.search("[\uac00-\ud7a3]", n) for n in names)
    assert any(re.search("[À-ÿ]", n) for n in names)


def test_the_project_passes_briefing_check(project: Path) -> None:
    done = subprocess.run([str(BRIEFING), "check"], cwd=project, env=ENV, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout
    assert done.stdout == ""
    assert "0 error(s), 0 warning(s)" in done.stderr


def test_bad_quotes_are_near_misses_reported_by_briefing_check(tmp_path: Path) -> None:
    synth(tmp_path / "bad", "--bad-quotes", "2")
    done = subprocess.run([str(BRIEFING), "check"], cwd=tmp_path / "bad", env=ENV, capture_output=True, text=True)
    assert done.returncode == 1
    problems = done.stdout.splitlines()
    assert len(problems) == 2, problems
    assert all("quote not found in sources/" in line and "closest passage" in line for line in problems)
    assert "2 error(s), 0 warning(s)" in done.stderr


@pytest.mark.slow
def test_the_project_builds_strict_without_warnings(project: Path, tmp_path: Path) -> None:
    done = subprocess.run([str(MKDOCS), "build", "--strict", "-d", str(tmp_path / "site")], cwd=project, env=ENV,
                          capture_output=True, text=True)  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    assert "WARNING" not in done.stderr
    assert len(list((tmp_path / "site").rglob("index.html"))) >= 60


def kinds(root: Path) -> dict[str, str]:
    return {p.stem: p.parent.name for p in (root / "briefings").rglob("*.yml")}


@pytest.fixture(scope="module")
def larger(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Big enough for the shares to show: about 60 sheets, 9 countries, 6 events."""
    out = tmp_path_factory.mktemp("synth") / "larger"
    subprocess.run([sys.executable, str(BENCHMARKS / "synth.py"), str(out), "--pages", "250", "--seed", "3"],
                   check=True, capture_output=True)  # fmt: skip
    return out


def test_about_one_sheet_in_ten_is_an_event_with_type_date_participants_and_citations(larger: Path) -> None:
    all_sheets, kind_of = sheets(larger), kinds(larger)
    events = {i: s for i, s in all_sheets.items() if kind_of[i] == "events"}
    assert 0.07 <= len(events) / len(all_sheets) <= 0.13
    date = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
    shapes = set()
    for event_id, event in events.items():
        assert event["type"] in VOCABULARY["event_type"]["enum"], event_id
        assert date.match(str(event["date"])), event
        shapes.add(len(str(event["date"])))
        ids = [p["id"] for p in event["participants"]]
        assert ids and len(set(ids)) == len(ids) and event_id not in ids
        assert all(kind_of[i] != "events" for i in ids)
        assert event["citations"]
    assert len(shapes) >= 2, "events should be dated to the day, the month or the year"
    told = [f["event"] for s in all_sheets.values() for f in s.get("facts", []) if "event" in f]
    assert told and set(told) <= set(events)


def test_countries_have_real_distinct_iso_codes_and_three_to_eight_relations(larger: Path) -> None:
    known = set(json.loads(gzip.decompress(SHAPES.read_bytes()))["countries"])
    all_sheets, kind_of = sheets(larger), kinds(larger)
    countries = {i: s for i, s in all_sheets.items() if kind_of[i] == "countries"}
    codes = [s["iso_code"] for s in countries.values()]
    assert set(codes) <= known and len(set(codes)) == len(codes) == len(countries)
    degree = dict.fromkeys(countries, 0)
    for sheet_id, sheet in all_sheets.items():
        for relation in sheet.get("relations", []):
            assert relation["type"] in VOCABULARY["relation_type"]["enum"]
            assert relation["status"] in VOCABULARY["relation_status"]["enum"]
            assert relation["with"] in all_sheets and relation["with"] != sheet_id
            for end in (sheet_id, relation["with"]):
                if end in degree:
                    degree[end] += 1
    assert all(3 <= d <= 8 for d in degree.values()), degree
    types = {r["type"] for s in all_sheets.values() for r in s.get("relations", [])}
    assert "borders" in types and len(types) >= 5


def test_organisations_list_members_with_dates(larger: Path) -> None:
    all_sheets, kind_of = sheets(larger), kinds(larger)
    members = [m for i, s in all_sheets.items() if kind_of[i] == "organisations" for m in s["members"]]
    assert len(members) >= 3 * sum(k == "organisations" for k in kind_of.values())
    assert all(kind_of[m["id"]] in ("countries", "organisations") and m["citations"] for m in members)
    assert any("left" in m for m in members) and any("joined" in m for m in members)


def test_offices_have_one_current_holder_and_successors_start_when_predecessors_leave(larger: Path) -> None:
    offices: dict[str, list[dict[str, object]]] = {}
    heads = set()
    for sheet in sheets(larger).values():
        for role in sheet.get("roles", []):
            if "office" in role:
                offices.setdefault(str(role["office"]), []).append(role)
                heads.add(role.get("head"))
    assert {"state", "government"} <= heads
    assert any(len(holders) > 1 for holders in offices.values()), "no office with a succession"
    for office, holders in offices.items():
        assert [h["status"] for h in holders].count("current") == 1, office
        starts = sorted(str(h["from"]) for h in holders)
        ends = sorted(str(h["to"]) for h in holders if "to" in h)
        assert ends == starts[1:], office


@pytest.mark.slow
def test_the_pictures_fire_in_the_built_site(larger: Path, tmp_path: Path) -> None:
    done = subprocess.run([str(MKDOCS), "build", "--strict", "-d", str(tmp_path / "site")], cwd=larger, env=ENV,
                          capture_output=True, text=True)  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    site = tmp_path / "site"
    country = next(iter(sorted(larger.glob("briefings/countries/*.yml")))).stem
    page = (site / "countries" / country / "index.html").read_text(encoding="utf-8")
    assert 'role="img"' in page and "Locator map of" in page and "Relations of" in page
    organisations = [(site / "organisations" / p.stem / "index.html").read_text(encoding="utf-8")
                     for p in sorted(larger.glob("briefings/organisations/*.yml"))]  # fmt: skip
    assert any("Members of" in html for html in organisations)
    countries = [p.read_text(encoding="utf-8") for p in sorted(site.glob("countries/*/index.html"))]
    assert any('class="briefing-offices"' in html for html in countries)
    assert "Timeline of the whole briefing" in (site / "timeline" / "index.html").read_text(encoding="utf-8")
    assert len(list((site / "events").glob("*/index.html"))) >= 5


def test_every_code_of_the_shapes_survives_yaml_as_written(monkeypatch: pytest.MonkeyPatch) -> None:
    """`iso_code: NO` reads as false in YAML (Norway): the generator quotes codes."""
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    import random

    import synth

    article = synth.Article("2020-01-a", "A", "2020-01", [["Nordia met the envoy over the agreement."]], ["nordia"])
    for code in sorted(json.loads(gzip.decompress(SHAPES.read_bytes()))["countries"]):
        country = synth.Entity("country", "nordia", "Nordia", aliases=["Osla"], iso_code=code)
        country.mentions.append((article.id, article.paragraphs[0][0]))
        lines = synth.write_sheet(random.Random(1), country, {"nordia": country}, {article.id: article}, [],
                                  synth.Links())  # fmt: skip
        assert yaml.safe_load(synth.render_lines(lines))["iso_code"] == code
