"""Pages that brief, in Chromium on the demo's hosted build: the bottom line first, grades beside
citations, citations that land on highlighted words, the review queue, and phone widths."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin

import pytest
from playwright.sync_api import Browser, Page, expect

from .conftest import ARTIFACTS, Site, needs_core_site, save_metric

pytestmark = [pytest.mark.browser, needs_core_site]

TOPIC = "topics/north-korea-missile-programme"


@pytest.fixture(params=[(1280, "light"), (1280, "dark"), (390, "light"), (390, "dark")], ids=lambda p: f"{p[0]}-{p[1]}")
def reader(request: pytest.FixtureRequest, browser: Browser, hosted_site: Site) -> Iterator[tuple[Page, Site, int]]:
    width, scheme = request.param
    context = browser.new_context(
        viewport={"width": width, "height": 900}, color_scheme=scheme, service_workers="block"
    )
    context.route(
        re.compile(r"^https?://"), lambda r: r.continue_() if r.request.url.startswith(hosted_site.base) else r.abort()
    )
    yield context.new_page(), hosted_site, width
    context.close()


# These three read the demo's own story (its topics' status, North Korea's references, Blinken's role);
# they skip, naming what is missing, when the repository carries another briefing.
_SEEDS = ("2023-kim-putin-summit-analysis", "2025-01-blinken-final-asia-trip", "2025-01-north-korea-missile-launch")
_MISSING = [s for s in _SEEDS if not (Path(__file__).resolve().parents[2] / "sources" / f"{s}.md").is_file()]
demo_only = pytest.mark.skipif(bool(_MISSING), reason=f"not the demo briefing: no sources/{', '.join(_MISSING)}.md")


@demo_only
def test_status_and_key_judgements_lead_the_topic_page(reader: tuple[Page, Site, int]) -> None:
    page, site, width = reader
    page.goto(site.url(TOPIC))
    blocks = page.locator("article > .briefing-bluf, article > .briefing-infobox, article > h2")
    expect(blocks.first).to_have_class("briefing-bluf")
    expect(page.locator(".briefing-bluf .briefing-status-line")).to_contain_text("Deteriorated, January 2025")
    expect(page.locator(".briefing-bluf .briefing-estimate").first).to_contain_text("confidence")
    bluf_top = page.locator(".briefing-bluf").bounding_box()
    infobox_top = page.locator(".briefing-infobox").bounding_box()
    assert bluf_top and infobox_top and bluf_top["y"] < infobox_top["y"]
    page.screenshot(
        path=str(ARTIFACTS / f"topic-{width}-{page.evaluate('matchMedia(`(prefers-color-scheme: dark)`).matches')}.png")
    )


@demo_only
def test_every_citation_lands_on_highlighted_quoted_words(reader: tuple[Page, Site, int]) -> None:
    page, site, width = reader
    if width != 1280:
        pytest.skip("one width is enough for where links lead")
    page.goto(site.url("countries/north-korea"))
    references = page.locator(".briefing-references li")
    count = references.count()
    assert count > 5
    for index in range(count):
        expect(references.nth(index).locator("a.briefing-grade")).to_have_text(re.compile(r"^[A-F][1-6]$"))
    targets = sorted(
        {a.get_attribute("href") or "" for a in page.locator(".briefing-references a.briefing-paragraph-link").all()}
    )
    assert all("#q-" in href for href in targets)
    for href in targets:
        page.goto(site.url("countries/north-korea"))
        page.locator(f'.briefing-references a.briefing-paragraph-link[href="{href}"]').first.click()
        page.wait_for_url(urljoin(site.url("countries/north-korea"), href))
        landed = page.evaluate(
            "() => { const t = document.querySelector(':target');"
            " return t && [t.tagName, getComputedStyle(t).backgroundColor, t.textContent.length]; }"
        )
        assert landed is not None, href
        tag, background, length = landed
        assert (tag, background != "rgba(0, 0, 0, 0)", length > 0) == ("MARK", True, True), href
    save_metric("north_korea.references", count)


@demo_only
def test_review_queue_lists_blinkens_stale_role(reader: tuple[Page, Site, int]) -> None:
    page, site, _ = reader
    page.goto(site.url("review"))
    blinken = page.locator("#review-antony-blinken + dl")
    expect(blinken.locator("dt", has_text="Stale roles")).to_have_count(1)
    expect(blinken).to_contain_text("Secretary of State (current, as of January 2025")


def test_no_page_scrolls_sideways(reader: tuple[Page, Site, int]) -> None:
    page, site, width = reader
    pages = sorted(
        str(p.parent.relative_to(site.folder)) for p in site.folder.rglob("index.html")
        if p.parent.relative_to(site.folder).parts[:1] not in (("assets",), ("search",))
    )  # fmt: skip
    wide = []
    for name in pages:
        page.goto(site.base if name == "." else site.url(name))
        scroll, client = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        if scroll > client:
            wide.append(f"{name}: {scroll} > {client}")
    assert wide == []
    if width == 390:
        page.goto(site.url("leaders/antony-blinken"))
        cells = page.locator(".briefing-roles td")
        for index in range(cells.count()):
            box = cells.nth(index).bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= width, "a roles cell is cut off"
