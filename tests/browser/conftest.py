"""Fixtures for the browser tests: the two editions of the site, and headless Debian Chromium.

The offline edition is built by `make offline` (the same commands CI and readers use) into a
temporary folder, and its zip is unpacked and opened from file://. The hosted edition is built
with `mkdocs build --strict` and served from 127.0.0.1 on a free port by `python -m http.server`.
Every page the tests open records its requests; `Site.outside` lists those that left the site.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Request, sync_playwright

from briefing.publish.print_pdf import QUIET_CHROMIUM_ARGS
from shared_builds import once

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CORE_PLUGIN = ROOT / "plugins" / "briefing" / "mkdocs_plugin.py"

needs_core_site = pytest.mark.skipif(
    not CORE_PLUGIN.exists(),
    reason="plugins/briefing/mkdocs_plugin.py is not there yet: no leader, country or source pages to test",
)

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", *QUIET_CHROMIUM_ARGS, "--disable-quic"]

# Schemes that never reach the network: inline images in Material's CSS, the worker shim's iframe.
LOCAL_SCHEMES = ("data:", "blob:", "about:")


@dataclass
class Site:
    """One built edition of the briefing, as a browser reaches it."""

    name: str
    folder: Path
    """The built (offline: unzipped) site on disk."""
    base: str
    """URL of the site root, ending in '/'."""
    directory_urls: bool
    allowed_elsewhere: tuple[str, ...] = ()
    """Exact URLs outside `base` that this edition is known to request, each for a stated reason."""
    requests: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)

    @property
    def home(self) -> str:
        return self.base if self.directory_urls else self.base + "index.html"

    def url(self, page_dir: str) -> str:
        """URL of the page MkDocs built for `page_dir`, e.g. 'leaders/kim-jong-un'."""
        if self.directory_urls:
            return f"{self.base}{page_dir}/"
        for candidate in (f"{page_dir}/index.html", f"{page_dir}.html"):
            if (self.folder / candidate).is_file():
                return self.base + candidate
        raise AssertionError(f"{self.name}: no page for {page_dir!r} in {self.folder}")

    def outside(self) -> list[str]:
        """Requests that left the site, other than `allowed_elsewhere`."""
        return sorted(
            {
                url
                for url in self.requests
                if not url.startswith((self.base, *LOCAL_SCHEMES)) and url not in self.allowed_elsewhere
            }
        )

    def broken(self) -> list[str]:
        """Requests inside the site that failed (a missing file, a refused fetch)."""
        return sorted({f"{url} {why}" for url, why in self.failed if url not in self.allowed_elsewhere})


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM}: no Chromium here; `make browser-deps` installs Debian's")
    with sync_playwright() as playwright:
        # Plain launch() gives every run a fresh temporary profile.
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


def run(command: list[str], cwd: Path = ROOT) -> str:
    done = subprocess.run(
        command,
        cwd=cwd,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    if done.returncode != 0:
        pytest.fail(f"{' '.join(command)} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    return done.stdout


@pytest.fixture(scope="session")
def offline_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The offline edition, built and unzipped once per test run, whichever worker asks first; read only."""
    out, _ = once(tmp_path_factory, "browser-offline", build_offline)
    folder = out / "unzipped"
    return Site("offline", folder, folder.as_uri() + "/", directory_urls=False)


def build_offline(out: Path) -> list[subprocess.CompletedProcess[str]]:
    zip_path = out / "briefing-offline.zip"
    # STAMP= and BIN=: the Python running these tests is already installed; use it, don't reinstall.
    log = run(
        [
            "make",
            "--no-print-directory",
            "offline",
            "STAMP=",
            f"BIN={Path(sys.executable).parent}",
            f"OFFLINE_SITE={out / 'built'}",
            f"OFFLINE_ZIP={zip_path}",
        ]
    )
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "offline-bundle.txt").write_text(log.strip().splitlines()[-1] + "\n")
    folder = out / "unzipped"
    with zipfile.ZipFile(zip_path) as bundle:
        bundle.extractall(folder)
    return []


@pytest.fixture(scope="session")
def hosted_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The hosted edition, built once per test run whichever worker asks first (read only), served by each."""
    built, _ = once(tmp_path_factory, "browser-hosted", build_hosted)
    folder = built / "site"
    server = subprocess.Popen(
        [sys.executable, "-u", "-m", "http.server", "0", "--bind", "127.0.0.1", "--directory", str(folder)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        # Port 0 lets the OS pick a free port; http.server prints the one it got.
        assert server.stdout is not None
        banner = server.stdout.readline()
        port = re.search(r"port (\d+)", banner)
        assert port, f"http.server did not start: {banner!r}"
        yield Site(
            "hosted",
            folder,
            f"http://127.0.0.1:{port[1]}/",
            directory_urls=True,
            allowed_elsewhere=repository_facts_urls(ROOT / "mkdocs.yml"),
        )
    finally:
        server.kill()
        server.wait(timeout=10)


def build_hosted(out: Path) -> list[subprocess.CompletedProcess[str]]:
    run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out / "site")])
    return []


def repository_facts_urls(config_file: Path) -> tuple[str, ...]:
    """What Material fetches from api.github.com when `repo_url` names a GitHub repository.

    Material's header shows the repository's latest release, stars and forks; the hosted edition
    keeps that on purpose (mkdocs-offline.yml drops repo_url). Nothing else may leave the site.
    """
    match = re.search(r"^repo_url:\s*https://github\.com/([^/\s]+)/([^/\s]+?)/?\s*$", config_file.read_text(), re.M)
    if not match:
        return ()
    api = f"https://api.github.com/repos/{match[1]}/{match[2]}"
    return (api, f"{api}/releases/latest")


@pytest.fixture(params=["offline", "hosted"])
def site(request: pytest.FixtureRequest) -> Site:
    built: Site = request.getfixturevalue(f"{request.param}_site")
    built.requests.clear()
    built.failed.clear()
    built.page_errors.clear()
    return built


def note_failure(site: Site, url: str, why: str, ok: bool = False) -> None:
    # ERR_ABORTED: the browser dropped the request because the test moved on to the next page.
    if not ok and why != "net::ERR_ABORTED":
        site.failed.append((url, why))


@pytest.fixture
def page(browser: Browser, site: Site) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")

    def record(request: Request) -> None:
        site.requests.append(request.url)

    # Recorded first, then refused, so that a leak fails the test without reaching the network.
    context.on("request", record)
    context.on("requestfailed", lambda request: note_failure(site, request.url, str(request.failure)))
    context.on("response", lambda response: note_failure(site, response.url, f"HTTP {response.status}", response.ok))
    context.route(
        re.compile(r"^https?://"),
        lambda route: route.continue_() if route.request.url.startswith(site.base) else route.abort(),
    )
    page = context.new_page()
    page.on("pageerror", lambda error: site.page_errors.append(str(error)))
    yield page
    context.close()


def save_metric(name: str, value: object) -> None:
    """Keep a measured number in test-artifacts/browser-metrics.json for the build report."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / "browser-metrics.json"
    with (ARTIFACTS / "browser-metrics.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # both xdist workers may save at once
        metrics = json.loads(path.read_text()) if path.exists() else {}
        metrics[name] = value
        path.write_text(json.dumps(metrics, indent=2, sort_keys=True) + "\n")
