"""What a reader does with the briefing, in a real browser, on both editions.

Each journey runs twice: on the offline bundle unzipped and opened from file://, and on the
hosted build served from 127.0.0.1. Each ends by checking that no request left the site, none
failed and no script threw.
"""

from __future__ import annotations

import re
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
import yaml
from playwright.sync_api import Page, expect

from .conftest import ARTIFACTS, ROOT, Site, needs_core_site, save_metric

pytestmark = [pytest.mark.browser, needs_core_site]


def leader_and_other_spelling(briefings: Path) -> tuple[str, str, str]:
    """(page, name, alias) of the leader whose alias is most like another spelling of the name.

    In the demo: Kim Jong Un, searched for as "Kim Jong-un". Any briefing with a leader alias works.
    """

    def squash(text: str) -> str:
        return re.sub(r"[\s-]", "", text).casefold()

    candidates = []
    for path in sorted((briefings / "leaders").glob("*.yml")):
        sheet = yaml.safe_load(path.read_text(encoding="utf-8"))
        for alias in sheet.get("aliases") or []:
            rank = (squash(alias) != squash(sheet["name"]), not alias.isascii())
            candidates.append((rank, f"leaders/{path.stem}", sheet["name"], alias))
    assert candidates, "the browser journeys need a leader with an alias"
    return min(candidates)[1:]


LEADER, LEADER_NAME, OTHER_SPELLING = leader_and_other_spelling(ROOT / "briefings")
SECTIONS = ("countries", "leaders", "organisations", "topics", "sources")


def assert_stayed_inside(site: Site) -> None:
    assert site.outside() == [], f"{site.name}: requests left {site.base}"
    assert site.broken() == [], f"{site.name}: requests inside the site failed"
    assert site.page_errors == [], f"{site.name}: uncaught script errors"


def search(page: Page, query: str) -> None:
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query)


def test_search_by_other_spelling_opens_the_leader(page: Page, site: Site) -> None:
    started = time.perf_counter()
    page.goto(site.home)
    search(page, OTHER_SPELLING)
    typed = time.perf_counter()
    results = page.locator("li.md-search-result__item > a.md-search-result__link")
    results.first.wait_for()
    shown = time.perf_counter()
    save_metric(f"{site.name}.first_search_result_after_typing_s", round(shown - typed, 3))
    save_metric(f"{site.name}.first_search_result_after_opening_home_s", round(shown - started, 3))

    leader = results.filter(has=page.locator("h1", has_text=re.compile(rf"^{re.escape(LEADER_NAME)}$")))
    expect(leader).to_have_count(1)
    expect(results.first.locator("h1")).to_have_text(LEADER_NAME)  # the best match, not just a match
    leader.click()

    expect(page).to_have_url(re.compile(re.escape(site.url(LEADER)) + r"(\?h=[^#]*)?$"))
    expect(page.locator("article h1")).to_have_text(LEADER_NAME)
    assert_stayed_inside(site)


def test_citation_leads_to_the_quoted_source_passage(page: Page, site: Site) -> None:
    page.goto(site.url(LEADER))
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"{site.name}-leader.png", animations="disabled")
    marker = page.locator("article sup a.footnote-ref").first
    expect(marker).to_be_visible()
    # Material's instant navigation (hosted edition) rewrites hrefs to absolute URLs.
    note_id = urlsplit(urljoin(page.url, marker.get_attribute("href") or "")).fragment
    marker.click()

    note = page.locator(f"[id='{note_id}']")
    expect(note).to_be_in_viewport()
    to_source = note.locator("a[href*='sources/']").first
    target = urljoin(page.url, to_source.get_attribute("href") or "")
    # A quote lands on its highlighted words (#q-...), a paragraph-only citation on the paragraph (#pN).
    assert re.search(r"/sources/[^#?]+#(p\d+|q-[0-9a-f]+)$", target), (
        f"citation {note_id} links to {target}, not a passage"
    )
    to_source.click()

    expect(page).to_have_url(target)
    passage = page.locator(f"[id='{urlsplit(target).fragment}']")
    expect(passage).to_have_count(1)
    expect(passage).to_be_in_viewport()
    expect(passage).not_to_be_empty()
    if urlsplit(target).fragment.startswith("q-"):
        expect(passage).to_have_js_property("tagName", "MARK")
    page.screenshot(path=ARTIFACTS / f"{site.name}-source.png", animations="disabled")
    assert_stayed_inside(site)


def test_cross_link_opens_the_page_it_names(page: Page, site: Site) -> None:
    page.goto(page_with_cross_links(site))
    xrefs = page.locator("article a.briefing-xref")
    expect(xrefs.first).to_be_visible()
    for href in xrefs.evaluate_all("links => links.map(a => a.getAttribute('href'))"):
        assert page_file(site, urljoin(page.url, href)).is_file(), f"{page.url}: cross-link {href} has no page"

    first = xrefs.first
    target = urljoin(page.url, first.get_attribute("href") or "")
    first.click()
    expect(page).to_have_url(target)
    expect(page.locator("article h1")).not_to_be_empty()
    assert_stayed_inside(site)


def test_section_indexes_load_without_leaving_the_site(page: Page, site: Site) -> None:
    for section in SECTIONS:
        page.goto(site.url(section))
        expect(page.locator("article h1")).not_to_be_empty()
    assert_stayed_inside(site)
    save_metric(f"{site.name}.requests_for_five_index_pages", len(site.requests))
    save_metric(f"{site.name}.origins_requested", sorted({origin(url) for url in site.requests}))


def page_with_cross_links(site: Site) -> str:
    """The leader page if it has cross-links, else the first page (by path) that does."""
    pages = sorted(site.folder.rglob("*.html"), key=lambda file: (LEADER not in file.as_posix(), file))
    for file in pages:
        if 'class="briefing-xref"' in file.read_text(encoding="utf-8"):
            relative = file.relative_to(site.folder).as_posix()
            return site.base + (relative.removesuffix("index.html") if site.directory_urls else relative)
    raise AssertionError(f"{site.name}: no page in {site.folder} has an a.briefing-xref cross-link")


def page_file(site: Site, url: str) -> Path:
    """The file in the built site that `url` (inside the site) serves."""
    path = unquote(urlsplit(url).path)
    relative = path.removeprefix(unquote(urlsplit(site.base).path))
    file = site.folder / relative
    return file / "index.html" if relative.endswith("/") or relative == "" else file


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


# --- The offline bundle's HTML and CSS, read rather than browsed ----------------------------

# Elements and attributes a browser fetches without a click.
FETCHED = {
    "script": ("src",),
    "img": ("src", "srcset"),
    "iframe": ("src",),
    "frame": ("src",),
    "source": ("src", "srcset"),
    "audio": ("src",),
    "video": ("src", "poster"),
    "track": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "input": ("src",),
    "link": ("href",),
}
# <link rel=...> values that only describe a URL; preconnect, preload, stylesheet and icon fetch it.
DESCRIPTIVE_RELS = {"canonical", "alternate", "author", "license", "help", "next", "prev", "search"}
REMOTE = re.compile(r"^\s*(https?:)?//", re.I)
CSS_REMOTE = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])\s*((?:https?:)?//[^'")\s]+)""", re.I)


class FetchedURLs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.remote: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        self._in_style = tag == "style"
        self.remote += CSS_REMOTE.findall(values.get("style", ""))
        if tag == "link" and set(values.get("rel", "").lower().split()) <= DESCRIPTIVE_RELS:
            return
        for attr in FETCHED.get(tag, ()):
            for url in re.split(r",\s*", values.get(attr, "")):
                if REMOTE.match(url):
                    self.remote.append(f"<{tag} {attr}={url.split()[0]}>")

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.remote += CSS_REMOTE.findall(data)

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False


def test_offline_pages_reference_nothing_remote(offline_site: Site) -> None:
    remote: dict[str, list[str]] = {}
    pages = sorted(offline_site.folder.rglob("*.html"))
    assert len(pages) > len(SECTIONS)
    for file in [*pages, *sorted(offline_site.folder.rglob("*.css"))]:
        text = file.read_text(encoding="utf-8")
        if file.suffix == ".css":
            found = CSS_REMOTE.findall(text)
        else:
            parser = FetchedURLs()
            parser.feed(text)
            found = parser.remote
        if found:
            remote[file.relative_to(offline_site.folder).as_posix()] = sorted(set(found))
    assert remote == {}


def test_offline_bundle_carries_the_search_shim_and_index(offline_site: Site) -> None:
    shim = offline_site.folder / "assets/javascripts/iframe-worker"
    assert (shim / "shim.js").read_text().lstrip().startswith('"use strict"')
    assert "Permission is hereby granted" in (shim / "LICENSE").read_text()  # MIT: the notice travels along
    index = offline_site.folder / "search/search_index.js"
    assert index.read_text(encoding="utf-8").startswith("var __index = {")
    save_metric("offline.search_index_json_bytes", (offline_site.folder / "search/search_index.json").stat().st_size)


def country_with_a_map(briefings: Path) -> str | None:
    """The first country sheet with an ISO code: its page carries a locator map (None if the briefing has none)."""
    for sheet in sorted((briefings / "countries").glob("*.yml")):
        if re.search(r"^iso_code:\s*\S", sheet.read_text(encoding="utf-8"), re.M):
            return f"countries/{sheet.stem}"
    return None


def test_pictures_show_without_leaving_the_site(page: Page, site: Site) -> None:
    """Maps, graphs and timelines are inline SVG: they show from file:// and online with no request of their own."""
    country = country_with_a_map(ROOT / "briefings")
    if country is None:
        pytest.skip("no country sheet with an iso_code: no locator map to show")
    page.goto(site.url(country))
    expect(page.locator("svg.bmap").first).to_be_visible()
    expect(page.locator("svg.bmap title").first).to_have_text(re.compile(r"^Locator map of "))
    for whole, picture in (("timeline", "svg.briefing-timeline"), ("graph", "svg.briefing-graph")):
        page.goto(site.url(whole))
        expect(page.locator(picture).first).to_be_visible()
    assert_stayed_inside(site)
