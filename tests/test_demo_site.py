"""The demo briefing, built strict from the repository's own content, as a reader finds it."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.pipeline import Layout, load_briefing

REPO = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo site built into a temporary folder, with the build day fixed to late 2026."""
    root = tmp_path_factory.mktemp("demo")
    for name in ("briefings", "sources", "schemas"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1795305600"}  # 2026-11-22
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=root, capture_output=True, text=True, env=env
    )
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr and "ERROR" not in result.stderr
    return root / "site"


def page(site: Path, rel: str) -> str:
    return (site / rel / "index.html").read_text(encoding="utf-8")


def test_kim_jong_un_is_mentioned_in_all_three_seed_articles(demo: Path) -> None:
    html = page(demo, "leaders/kim-jong-un")
    section = html.split('id="mentioned-in"')[1].split('id="linked-from"')[0]
    linked_sources = re.findall(r'href="\.\./\.\./sources/([a-z0-9-]+)/#p\d+"', section)
    assert sorted(linked_sources) == [
        "2023-kim-putin-summit-analysis",
        "2025-01-blinken-final-asia-trip",
        "2025-01-north-korea-missile-launch",
    ]


def test_every_entity_a_seed_article_names_is_linked_on_its_page(demo: Path) -> None:
    loaded = load_briefing(Layout(REPO))
    for source in loaded.briefing.sources.values():
        named = {m.entity_id for p in source.paragraphs for m in loaded.index.find_mentions(p.text)}
        html = page(demo, f"sources/{source.id}")
        article = html.split('class="briefing-article"')[1].split("</div>")[0]
        linked = set(re.findall(r'data-entity="([a-z0-9-]+)"', article))
        assert named, source.id
        assert linked == named, (source.id, sorted(named - linked))


def test_roles_from_january_2025_are_not_presented_as_current_in_late_2026(demo: Path) -> None:
    for leader in ("antony-blinken", "joe-biden", "yoon-suk-yeol", "shigeru-ishiba", "cho-tae-yul"):
        html = page(demo, f"leaders/{leader}")
        assert "In office as of January 2025" in html, leader
        assert "⚠ not confirmed since January 2025, 22 months before this build" in html, leader
    trump = page(demo, "leaders/donald-trump")
    assert "Expected to take office, as of January 2025" in trump
    assert "Former (reported as of January 2025)" in trump
    assert "is the US Secretary of State" not in page(demo, "leaders/antony-blinken")


def test_every_citation_links_to_an_existing_quote_mark_or_paragraph_anchor(demo: Path) -> None:
    checked = 0
    for html_file in sorted((demo / "leaders").rglob("index.html")) + sorted((demo / "countries").rglob("index.html")):
        html = html_file.read_text(encoding="utf-8")
        for source_id, anchor in re.findall(
            r'class="briefing-paragraph-link" href="\.\./\.\./sources/([^/]+)/#((?:p\d+)|(?:q-[0-9a-f]+))"', html
        ):
            target = f'<p id="{anchor}">' if anchor.startswith("p") else f'<mark class="briefing-quote" id="{anchor}">'
            assert target in page(demo, f"sources/{source_id}"), (html_file, source_id, anchor)
            checked += 1
    assert checked > 100


def test_home_page_counts_what_the_briefing_holds(demo: Path) -> None:
    loaded = load_briefing(Layout(REPO))
    briefing = loaded.briefing
    facts = sum(len(e.facts) for e in briefing.entities.values())
    citations = sum(len(e.citations()) for e in briefing.entities.values())
    html = (demo / "index.html").read_text(encoding="utf-8")
    assert (
        f"{len(briefing.entities)} fact sheets hold {facts} facts backed by {citations} citations to "
        f"{len(briefing.sources)} source articles."
    ) in html
    assert 'Built on <time datetime="2026-11-22">22 November 2026</time>' in html
