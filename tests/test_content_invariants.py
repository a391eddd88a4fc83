"""The content invariants, on the repository's briefing and on fixture briefing B, and shown to fail when broken.

Running the same suite on a second briefing of a different region is the proof that it asserts
nothing about the demo's content: replacing `briefings/` and `sources/` keeps it green.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from content_invariants import (
    BRIEFING_B,
    INVARIANTS,
    REPO,
    Built,
    built_in,
    content_invariant_failures,
    every_entity_a_source_names_is_linked_on_its_page,
    every_page_is_reachable_from_the_home_page,
    no_fact_text_appears_twice_on_an_entity_page,
    no_role_or_fact_is_shown_undated,
    shared_briefing,
)

pytestmark = pytest.mark.slow
BRIEFINGS = {"repository": REPO, "briefing-b": BRIEFING_B}


@pytest.fixture(scope="module", params=sorted(BRIEFINGS))
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Built:
    """Each briefing built once per test run (the demo's build is shared with other test files); read only."""
    return shared_briefing(tmp_path_factory, request.param, BRIEFINGS[request.param])


@pytest.mark.parametrize("invariant", INVARIANTS, ids=lambda f: f.__name__)
def test_content_invariant_holds(built: Built, invariant: object) -> None:
    assert callable(invariant)
    assert invariant(built) == []


@pytest.fixture
def broken(tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Built:
    """Fixture briefing B built, then copied (project and site) for a test to damage."""
    built = shared_briefing(tmp_path_factory, "briefing-b", BRIEFING_B)
    shutil.copytree(built.root, tmp_path / "b")
    original = built_in(tmp_path / "b", built.check, built.build)
    assert content_invariant_failures(original) == {}
    return original


def _edit(built: Built, rel: str, old: str, new: str) -> None:
    path = built.site / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, (rel, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_invariants_catch_what_they_are_about(broken: Built) -> None:
    # A name left unlinked in a source page.
    article = (broken.site / "sources/2025-02-orvana-water-accord/index.html").read_text(encoding="utf-8")
    unlinked = re.sub(r'<a [^>]*data-entity="tarsk"[^>]*>(.*?)</a>', r"\1", article)
    (broken.site / "sources/2025-02-orvana-water-accord/index.html").write_text(unlinked, encoding="utf-8")
    assert every_entity_a_source_names_is_linked_on_its_page(broken) == [
        "sources/2025-02-orvana-water-accord.md: names ['adama-kone', 'orvana-basin-commission', 'sainte-aurele', "
        "'tarsk', 'velmora'] but links ['adama-kone', 'orvana-basin-commission', 'sainte-aurele', 'velmora']"
    ]
    # A stale role shown as if current.
    _edit(broken, "leaders/ilsa-marenko/index.html", "⚠ not confirmed since", "confirmed since")
    assert no_role_or_fact_is_shown_undated(broken) == [
        "briefings/leaders/ilsa-marenko.yml: role-1: stale is True, the page says otherwise"
    ]
    # A fact told twice on one page: its text restated after its list item.
    page = broken.site / "leaders/ilsa-marenko/index.html"
    html = page.read_text(encoding="utf-8")
    told = re.search(r'<li id="fact-1">(.*?)<sup', html, re.S)
    assert told is not None
    page.write_text(html.replace("</article>", f"<p>{told.group(1)}</p></article>", 1), encoding="utf-8")
    assert no_fact_text_appears_twice_on_an_entity_page(broken) == [
        "leaders/ilsa-marenko/index.html: fact-1 of briefings/leaders/ilsa-marenko.yml is shown 2 times"
    ]
    # A page no link leads to.
    shutil.copytree(broken.site / "topics/orvana-water-accord", broken.site / "topics/orphan")
    assert every_page_is_reachable_from_the_home_page(broken) == [
        "topics/orphan/index.html: not reachable from the home page"
    ]
