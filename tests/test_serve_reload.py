"""`mkdocs serve` rebuilds when a fact sheet or a source article changes, and serves the new page.

Fact sheets live in docs_dir, which MkDocs watches itself; sources/ lives outside it and is
watched by the plugin's on_serve. Each test runs a real server on a free loopback port.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import LEADER_YML, SOURCE_MD, Project

pytestmark = pytest.mark.slow

DEADLINE = 30.0
FIRST_BUILD_DEADLINE = 180.0
"""The first build is a whole build: on a loaded machine it can take minutes; only a hang should fail here."""


@dataclass
class Server:
    base: str
    log: Path

    def page(self, path: str) -> str:
        """The served page, or '' while the server is not answering (starting, rebuilding)."""
        try:
            with urllib.request.urlopen(self.base + path, timeout=5) as response:
                return str(response.read().decode("utf-8"))
        except (urllib.error.URLError, TimeoutError, ConnectionError):
            return ""

    def wait_for(self, what: str, found: Callable[[], bool], deadline: float = DEADLINE) -> None:
        end = time.monotonic() + deadline
        while not found():
            if time.monotonic() > end:
                pytest.fail(f"after {deadline:.0f} s, still no {what}; server log:\n{self.log.read_text()}")
            time.sleep(0.3)

    def wait_for_page_text(self, path: str, text: str, deadline: float = DEADLINE) -> str:
        html = ""

        def shows_text() -> bool:
            nonlocal html
            html = self.page(path)
            return text in html

        self.wait_for(f"{text!r} on {path}", shows_text, deadline)
        return html


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def server(small_project: Project, request: pytest.FixtureRequest) -> Iterator[Server]:
    """`mkdocs serve` on a free port; parametrize indirectly with extra flags (`make serve` passes --dirty)."""
    flags = tuple(getattr(request, "param", ()))
    port = _free_port()
    log = small_project.root / "serve.log"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with log.open("w", encoding="utf-8") as stream:
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", *flags],
            cwd=small_project.root, stdout=stream, stderr=subprocess.STDOUT, env=env,
        )  # fmt: skip
    try:
        # site_url ends in /briefing/, so MkDocs serves the site under that path.
        served = Server(f"http://127.0.0.1:{port}/briefing/", log)
        served.wait_for_page_text("leaders/kim-jong-un/", "Kim Jong Un", deadline=FIRST_BUILD_DEADLINE)
        yield served
    finally:
        process.send_signal(signal.SIGINT)  # as Ctrl-C: serve removes its temporary site folder
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def test_serve_shows_a_changed_fact_after_rebuilding(server: Server, small_project: Project) -> None:
    assert "Met Vladimir Putin in Vladivostok." in server.page("leaders/kim-jong-un/")
    small_project.write(
        "briefings/leaders/kim-jong-un.yml",
        LEADER_YML.replace("Met Vladimir Putin in Vladivostok.", "Met Vladimir Putin in Vladivostok, by train."),
    )
    html = server.wait_for_page_text("leaders/kim-jong-un/", "Met Vladimir Putin in Vladivostok, by train.")
    assert "Met Vladimir Putin in Vladivostok." not in html


def test_serve_shows_a_changed_source_article_after_rebuilding(server: Server, small_project: Project) -> None:
    assert "condemned the Western sanctions" in server.page("sources/vladivostok/")
    small_project.write(
        "sources/vladivostok.md", SOURCE_MD.replace("the Western sanctions", "the sanctions of the West")
    )
    html = server.wait_for_page_text("sources/vladivostok/", "condemned the sanctions of the West")
    assert "condemned the Western sanctions" not in html


def test_serve_shows_a_broken_quote_on_the_page_then_recovers_when_it_is_fixed(
    server: Server, small_project: Project
) -> None:
    broken = LEADER_YML.replace("met Putin in Vladivostok", "met Putin in Moscow")
    small_project.write("briefings/leaders/kim-jong-un.yml", broken)
    saved = time.monotonic()
    where = "briefings/leaders/kim-jong-un.yml:22:16: facts[0].citations[0].quote: quote not found in"
    html = server.wait_for_page_text("leaders/kim-jong-un/", where, deadline=5.0)
    shown_after = time.monotonic() - saved
    assert "1 problem in the content: this preview shows the last good build" in html
    assert "Met Vladimir Putin in Vladivostok." in html, "the last good page is still served"
    assert where in server.page("countries/north-korea/"), "every page shows the problems"
    log = server.log.read_text(encoding="utf-8")
    assert "1 problem(s) in the content; serving the last good build with them shown:" in log
    assert f"INFO    -  briefing:   {where}" in log
    assert "The server will appear stuck" not in log
    print(f"error shown on the page {shown_after:.1f} s after saving")

    fixed = LEADER_YML.replace("Met Vladimir Putin in Vladivostok.", "Met Putin in Vladivostok (fixed).")
    small_project.write("briefings/leaders/kim-jong-un.yml", fixed)
    html = server.wait_for_page_text("leaders/kim-jong-un/", "Met Putin in Vladivostok (fixed).", deadline=5.0)
    assert "problem in the content" not in html


def test_serve_escapes_the_problems_it_shows(server: Server, small_project: Project) -> None:
    small_project.write(
        "briefings/leaders/kim-jong-un.yml",
        LEADER_YML.replace("as_of: 2023-09\n    date", "as_of: '<b>x</b>'\n    date", 1),
    )
    html = server.wait_for_page_text("leaders/kim-jong-un/", "problem in the content", deadline=5.0)
    assert "<b>x</b>" not in html
    assert "&lt;b&gt;x&lt;/b&gt;" in html


def test_serve_log_names_no_temporary_folder_and_no_generated_page(server: Server, small_project: Project) -> None:
    small_project.write("briefings/leaders/kim-jong-un.yml", LEADER_YML.replace("Vladivostok.", "Vladivostok!"))
    server.wait_for_page_text("leaders/kim-jong-un/", "Met Vladimir Putin in Vladivostok!")
    log = server.log.read_text(encoding="utf-8")
    assert "the new site is in" not in log
    assert ".site-building-" not in log


def test_serve_publishes_a_source_added_with_briefing_add_source(server: Server, small_project: Project) -> None:
    small_project.write("saved.txt", "Kim Jong Un inspected a new missile.\n\nNo one else was present.\n")
    added = subprocess.run(
        [sys.executable, "-m", "briefing.cli", "add-source", "saved.txt", "--url", "https://example.com/new",
         "--publisher", "Example Wire", "--published", "2025-01-06", "--id", "new-missile"],
        cwd=small_project.root, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    html = server.wait_for_page_text("sources/new-missile/", "No one else was present.")
    assert ">Kim Jong Un</a> inspected a new missile." in html


@pytest.mark.parametrize("server", [("--dirty",)], indirect=True)
def test_serve_dirty_as_make_serve_runs_it_rebuilds_the_edited_pages_and_keeps_the_rest(
    server: Server, small_project: Project
) -> None:
    small_project.write(
        "briefings/leaders/kim-jong-un.yml",
        LEADER_YML.replace("Met Vladimir Putin in Vladivostok.", "Met Vladimir Putin in Vladivostok, by train."),
    )
    server.wait_for_page_text("leaders/kim-jong-un/", "Met Vladimir Putin in Vladivostok, by train.")
    log = server.log.read_text(encoding="utf-8")
    assert "INFO    -  briefing: rebuilt all 15 pages (first build)" in log
    kept = re.search(r"briefing: rebuilt (\d+) of 15 pages; (\d+) unchanged kept from the last build", log)
    assert kept is not None and int(kept.group(2)) > 0, log
    assert "A 'dirty' build is being performed" not in log, "the plugin keeps no stale navigation to warn of"
    index = server.page("search/search_index.json")
    locations = [entry["location"] for entry in json.loads(index)["docs"]]
    assert "countries/north-korea/" in locations and "leaders/kim-jong-un/" in locations
    assert len(locations) == len(set(locations)), "no page indexed twice"
