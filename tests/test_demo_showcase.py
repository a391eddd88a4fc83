"""The demo briefing as a showcase: what issue 10 asked of the seed articles' briefing, built strict.

Tests of the tool use fixtures, and tests/test_content_invariants.py holds for any briefing; these
assert the demo's own story (the 2019 and 2023 summits, North Korea's neighbours, the US presidency)
and skip, naming what is missing, when the repository carries another briefing in its place.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from content_invariants import shared_demo

REPO = Path(__file__).resolve().parents[1]
SEEDS = ("2023-kim-putin-summit-analysis", "2025-01-blinken-final-asia-trip", "2025-01-north-korea-missile-launch")
_missing = [s for s in SEEDS if not (REPO / "sources" / f"{s}.md").is_file()]
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(bool(_missing), reason=f"not the demo briefing: no sources/{', '.join(_missing)}.md"),
]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo site built into a temporary folder, with the build day fixed to late 2026.

    The build is shared_demo's, made once per test run (tests/content_invariants.py); read only."""
    built = shared_demo(tmp_path_factory)
    assert built.build.returncode == 0, built.build.stderr
    assert "WARNING" not in built.build.stderr and "ERROR" not in built.build.stderr
    return built.site


def page(site: Path, rel: str) -> str:
    return (site / rel / "index.html").read_text(encoding="utf-8")


def _svg(html: str, css_class: str) -> str:
    start = html.index(f'class="{css_class}')
    start = html.rindex("<svg", 0, start)
    return html[start : html.index("</svg>", start) + len("</svg>")]


def test_whole_timeline_runs_from_the_2019_summit_to_january_2025_with_each_event_once(demo: Path) -> None:
    html = page(demo, "timeline")
    listing = html.split('class="briefing-timeline-list"')[1]
    dates = re.findall(r'<time datetime="([0-9-]+)">', listing)
    links = re.findall(r'<a href="([^"]+)">', listing)
    assert dates[0] == "2019-04" and dates[-1] == "2025-01"
    assert 'href="../events/kim-putin-summit-2019/">First Kim–Putin summit</a>' in listing
    events = [link for link in links if link.startswith("../events/")]
    assert len(events) == len(set(events)) >= 10
    assert len(links) == len(set(links))
    assert "kim-putin-summit-2023" in " ".join(events)


def test_north_korea_carries_a_relations_graph_and_a_locator_map(demo: Path) -> None:
    html = page(demo, "countries/north-korea")
    graph = _svg(html, "briefing-graph")
    assert '<title id="relations-title">Relations of North Korea</title>' in graph
    assert 'role="img"' in graph
    for country in ("russia", "south-korea", "japan", "united-states"):
        assert f'href="../{country}/"' in graph, country
    locator = _svg(html, "bmap")
    assert '<title id="locator-title">Locator map of North Korea</title>' in locator
    assert 'class="bmap-hl" data-code="KP"' in locator


def test_russia_and_north_korea_show_one_relation_in_both_wordings(demo: Path) -> None:
    def rows(rel: str) -> str:
        return page(demo, rel).split('class="briefing-relations-table"')[1].split("</table>")[0]

    nk, russia = rows("countries/north-korea"), rows("countries/russia")
    assert re.search(r'<td>supplies arms to<sup.*?</td> <td><a href="../russia/">Russia</a></td>', nk)
    assert re.search(r'<td>receives arms from<sup.*?</td> <td><a href="../north-korea/">North Korea</a></td>', russia)
    assert re.search(r'<td>gives military assistance to<sup.*?</td> <td><a href="../north-korea/">', russia)
    assert re.search(r'<td>receives military assistance from<sup.*?</td> <td><a href="../russia/">', nk)


def test_an_office_shows_its_holders_in_order(demo: Path) -> None:
    html = page(demo, "countries/united-states")
    table = html.split("<caption>President: holders in order")[1].split("</table>")[0]
    holders = re.findall(r'<td><a href="../../leaders/([a-z-]+)/">', table)
    assert holders == ["donald-trump", "joe-biden", "donald-trump"]
    assert "Former (reported as of January 2025)" in table.split("joe-biden")[0]
    biden = page(demo, "leaders/joe-biden")
    assert 'After <a href="../donald-trump/">Donald Trump</a><br>Before <a href="../donald-trump/">' in biden


def test_leaders_index_puts_heads_of_state_and_government_first(demo: Path) -> None:
    html = page(demo, "leaders")
    heads, others = html.split('id="heads-of-state-and-government"')[1].split('id="other-officials"')
    assert re.findall(r'<tr><td><a href="([a-z-]+)/">', heads) == [
        "donald-trump", "joe-biden", "kim-jong-un", "shigeru-ishiba", "vladimir-putin", "yoon-suk-yeol",
    ]  # fmt: skip
    assert re.findall(r'<tr><td><a href="([a-z-]+)/">', others) == ["antony-blinken", "cho-tae-yul"]


def test_graph_and_map_are_byte_identical_in_a_second_build(demo: Path, tmp_path: Path) -> None:
    root = demo.parent
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1795305600"}
    again = tmp_path / "again"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(again)],
        cwd=root, capture_output=True, text=True, env=env,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    for rel, css in (("countries/north-korea", "briefing-graph"), ("countries/north-korea", "bmap"),
                     ("graph", "briefing-graph"), ("timeline", "briefing-timeline")):  # fmt: skip
        first, second = _svg(page(demo, rel), css), _svg(page(again, rel), css)
        assert first == second, rel
