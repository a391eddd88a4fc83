"""The benchmark's synthetic briefing (benchmarks/synth.py): deterministic, truly quoted, names in the text.

The tool is driven only through its command line here, as the benchmark drives it.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
import yaml

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
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
    assert len(first) > 60
    assert first == second


def test_a_different_seed_gives_a_different_briefing(project: Path, tmp_path: Path) -> None:
    subprocess.run([sys.executable, str(BENCHMARKS / "synth.py"), str(tmp_path / "other"), "--pages", "60",
                    "--seed", "8"], check=True, capture_output=True)  # fmt: skip
    assert tree(project) != tree(tmp_path / "other")


def test_about_the_page_count_asked_for_with_three_sources_a_sheet(project: Path) -> None:
    sheet_count = len(list((project / "briefings").rglob("*.yml")))
    source_count = len(list((project / "sources").glob("*.md")))
    assert 55 <= sheet_count + source_count + 6 <= 65
    assert 2.5 <= source_count / sheet_count <= 3.5


def test_every_quote_is_in_a_paragraph_of_the_source_it_cites(project: Path) -> None:
    quoted = 0
    for sheet_id, sheet in sheets(project).items():
        for citation in citations(sheet):
            text = paragraphs(project / "sources" / f"{citation['source']}.md")
            assert any(str(citation["quote"]) in paragraph for paragraph in text), (sheet_id, citation)
            quoted += 1
    assert quoted > 100


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
