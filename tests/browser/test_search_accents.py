"""Search finds names typed without their accents, and in Hangul, in Chromium, hosted and offline.

A small briefing of its own (tests/accent_fixture.py: Assimi Goïta, Côte d'Ivoire, Kim Jong Un
with 김정은) is built twice: hosted, served from 127.0.0.1, and offline, zipped by the same
bundle code as `make offline` and opened from file:// after unzipping. The page of the name
must be the first result, above the source article that names it in passing.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from accent_fixture import write_accented_briefing
from conftest import MKDOCS_YML, REPO, Project

from .conftest import Site, run

pytestmark = [pytest.mark.browser]

OFFLINE_YML = """\
INHERIT: mkdocs.yml
use_directory_urls: false
site_url: null
repo_url: null
edit_uri: null
theme:
  features: [content.footnote.tooltips]
plugins:
  - search
  - briefing:
      today: "2026-11-22"
  - offline
extra:
  polyfills:
    - assets/javascripts/iframe-worker/shim.js
"""


@pytest.fixture(scope="module")
def accented_project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    root = tmp_path_factory.mktemp("accents")
    shutil.copytree(REPO / "schemas", root / "schemas")
    (root / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    (root / "mkdocs-offline.yml").write_text(OFFLINE_YML, encoding="utf-8")
    return write_accented_briefing(Project(root))


@pytest.fixture(scope="module")
def accented_offline(accented_project: Project) -> Site:
    root = accented_project.root
    built = root / "offline-built"
    run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", "mkdocs-offline.yml", "-d", str(built)], cwd=root)
    shim = built / "assets/javascripts/iframe-worker"
    shim.mkdir(parents=True)
    shutil.copy(REPO / "node_modules/iframe-worker/shim/index.js", shim / "shim.js")
    zip_path = root / "offline.zip"
    run([sys.executable, "-m", "briefing.publish.bundle", str(built), str(zip_path)], cwd=root)
    folder = root / "unzipped"
    with zipfile.ZipFile(zip_path) as bundle:
        bundle.extractall(folder)
    return Site("offline", folder, folder.as_uri() + "/", directory_urls=False)


@pytest.fixture(scope="module")
def accented_hosted(accented_project: Project) -> Iterator[Site]:
    folder = accented_project.root / "hosted"
    run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(folder)], cwd=accented_project.root)
    server = subprocess.Popen(
        [sys.executable, "-u", "-m", "http.server", "0", "--bind", "127.0.0.1", "--directory", str(folder)],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )  # fmt: skip
    try:
        assert server.stdout is not None
        port = re.search(r"port (\d+)", server.stdout.readline())
        assert port, "http.server did not start"
        yield Site("hosted", folder, f"http://127.0.0.1:{port[1]}/", directory_urls=True)
    finally:
        server.kill()
        server.wait(timeout=10)


@pytest.fixture(params=["offline", "hosted"])
def reader(request: pytest.FixtureRequest, browser: Browser) -> Iterator[tuple[Page, Site]]:
    site: Site = request.getfixturevalue(f"accented_{request.param}")
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    # Nothing may leave the site: refused before it reaches the network.
    context.route(
        re.compile(r"^https?://"),
        lambda route: route.continue_() if route.request.url.startswith(site.base) else route.abort(),
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page, site
    context.close()
    assert errors == [], f"{site.name}: uncaught script errors"


def first_results(page: Page, site: Site, query: str) -> list[str]:
    """The titles of the search results for `query`, best first (one per page)."""
    page.goto(site.home)
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query)
    # Material reads the box on keyup. Playwright types Hangul as inserted text with no key events
    # (a Korean input method sends them); End is a real keystroke that leaves the text as it is.
    box.press("End")
    results = page.locator("li.md-search-result__item > a.md-search-result__link h1")
    results.first.wait_for()
    expect(page.locator(".md-search-result__meta")).to_contain_text(re.compile(r"\d+ matching"))
    return [text.strip() for text in results.all_inner_texts()]


@pytest.mark.parametrize(
    ("query", "page_title"),
    [
        ("Goita", "Assimi Goïta"),
        ("Assimi Goita", "Assimi Goïta"),
        ("Goïta", "Assimi Goïta"),
        ("Cote d'Ivoire", "Côte d'Ivoire"),
        ("cote", "Côte d'Ivoire"),
        ("김정은", "Kim Jong Un"),
    ],
)
def test_a_name_typed_either_way_finds_its_page_first(reader: tuple[Page, Site], query: str, page_title: str) -> None:
    page, site = reader
    titles = first_results(page, site, query)
    assert titles[0] == page_title, f"{site.name}: {query!r} found {titles}"


def test_a_passing_mention_typed_without_accents_is_found(reader: tuple[Page, Site]) -> None:
    page, site = reader
    titles = first_results(page, site, "Burkinabe")
    assert "Sahel leaders meet in Bamako" in titles, f"{site.name}: 'Burkinabe' found {titles}"


def test_the_unaccented_words_are_never_shown(reader: tuple[Page, Site]) -> None:
    page, site = reader
    first_results(page, site, "Goita")
    shown = page.locator(".md-search-result").inner_text()
    assert "Goïta" in shown
    assert not re.search(r"\bGoita\b", shown), f"{site.name}: the folded spelling shows in the results"
