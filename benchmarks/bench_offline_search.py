"""Offline search at scale: from typing in the search box to the first result, in Chromium, from file://.

    .venv/bin/python benchmarks/bench_offline_search.py --pages 12000
    .venv/bin/python benchmarks/bench_offline_search.py --project /tmp/s3k        # an existing synth project
    .venv/bin/python benchmarks/bench_offline_search.py --site /tmp/offline-site  # an offline edition already built

The offline edition is built as `make offline` builds it: `mkdocs build --strict -f mkdocs-offline.yml`
(the repository's file, beside the project's mkdocs.yml) and the iframe-worker shim from node_modules
copied in. Then, --runs times, each in a fresh browser context (nothing cached between runs):

  open    index.html from file:// (load event);
  first   at once, as a reader who searches the moment the page shows: click into the search box
          and type a name the index carries as a tag (an alias of a leader, so the folded-text
          path runs), key by key; timed from the click to that leader's page in the results;
  second  then a second name, timed the same way: the index is built by now.

On file:// the search "worker" is an iframe on the page's own thread (the iframe-worker shim),
building its lunr index after the load event: while it does, the click and each key wait. So the
first search's time is what a reader who does not wait feels; "after its last key" is what is
left once the keys got through (the headline until 2026-12-02, which hid that wait).

It prints each run and the medians, the size and entry count of search/search_index.json, and as
its last line `offline_search_first_result_s=<median first search> second_search_s=<median second>
pages=<N> entries=<E> index_kb=<K>`.

Debian's Chromium (/usr/bin/chromium, or $CHROMIUM) and Playwright drive it; no browser is downloaded.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from briefing.publish.print_pdf import QUIET_CHROMIUM_ARGS

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import TODAY, write_project  # the generator beside this file, not the briefing package

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
SHIM = REPO / "node_modules" / "iframe-worker" / "shim" / "index.js"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", *QUIET_CHROMIUM_ARGS]


def build_offline(project: Path, site: Path) -> float:
    """Builds the offline edition of `project` into `site` as `make offline` does; returns the build's seconds."""
    shutil.copyfile(REPO / "mkdocs-offline.yml", project / "mkdocs-offline.yml")
    if not SHIM.is_file():
        raise SystemExit(f"{SHIM}: missing; run `npm ci --ignore-scripts --no-audit --no-fund` first")
    started = time.perf_counter()
    # mkdocs-offline.yml restates the plugin list, so the project's `today:` is not inherited: the same
    # build day comes from SOURCE_DATE_EPOCH instead.
    epoch = int(datetime.datetime.fromisoformat(TODAY).replace(tzinfo=datetime.UTC).timestamp())
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": str(epoch)}
    done = subprocess.run(
        [str(BIN / "mkdocs"), "build", "--strict", "-q", "-f", "mkdocs-offline.yml", "-d", str(site)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"offline build failed ({done.returncode}):\n{done.stderr[-4000:]}")
    shim_dir = site / "assets" / "javascripts" / "iframe-worker"
    shim_dir.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SHIM, shim_dir / "shim.js")
    return seconds


def pick_queries(index: dict[str, object]) -> list[tuple[str, str]]:
    """Two (query, expected page) pairs: alias tags of leader pages (else titles), as a reader types them."""
    docs = index.get("docs")
    assert isinstance(docs, list)
    leaders = [e for e in docs if str(e.get("location", "")).startswith("leaders/")]
    tagged = [(str(e["tags"][0]), str(e["location"])) for e in leaders if e.get("tags")]
    titled = [(str(e["title"]), str(e["location"])) for e in leaders]
    picked = (tagged + titled)[:2]
    if len(picked) < 2:
        raise SystemExit("fewer than two leader pages in the search index")
    return picked


def _note_outside(url: str, seen: list[str]) -> None:
    if not url.startswith(("file:", "data:", "blob:", "about:")):
        seen.append(url)


RESULT = "li.md-search-result__item > a.md-search-result__link"


def _search(page: Any, query: str, expected: str) -> tuple[float, float, float]:
    """Clicks into the search box, types `query`; (started, last key delivered, expected page listed)."""
    box = page.locator("input.md-search__input")
    started = time.perf_counter()
    box.click()
    box.fill("")
    box.press_sequentially(query)
    typed = time.perf_counter()
    page.locator(f'{RESULT}[href*="{expected}"]').first.wait_for(timeout=600_000)
    return started, typed, time.perf_counter()


def measure(site: Path, queries: list[tuple[str, str]], runs: int) -> list[tuple[float, ...]]:
    """Per run: (first search from the reader's click, its last key -> result, second search from its
    click, load event after opening)."""
    from playwright.sync_api import sync_playwright

    home = (site / "index.html").as_uri()
    results: list[tuple[float, ...]] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            for _ in range(runs):
                context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
                outside: list[str] = []
                context.on("request", lambda request, seen=outside: _note_outside(request.url, seen))
                page = context.new_page()
                opened = time.perf_counter()
                page.goto(home, wait_until="load")
                loaded = time.perf_counter()
                started, typed, shown = _search(page, *queries[0])  # at once: the index is still being built
                again, _, shown_again = _search(page, *queries[1])  # the index is ready
                context.close()
                if outside:
                    raise SystemExit(f"requests left the site: {sorted(set(outside))[:5]}")
                results.append((shown - started, shown - typed, shown_again - again, loaded - opened))
        finally:
            browser.close()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--pages", type=int, default=12000, help="size of the synthetic briefing to generate")
    where.add_argument("--project", type=Path, help="an existing project (benchmarks/synth.py output)")
    where.add_argument("--site", type=Path, help="an offline edition already built (shim included)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench-offline-") as tmp:
        site = args.site
        if site is None:
            project = args.project
            if project is None:
                project = Path(tmp) / "project"
                counts = write_project(project, args.pages, args.seed)
                print(f"project: {counts['sheets']} sheets, {counts['sources']} sources, {counts['pages']} pages")
            # Kept beside an existing project (rerun with --site to measure again); a generated one is temporary.
            site = (project / ".site-offline") if args.project else Path(tmp) / "site"
            print(f"offline build: {build_offline(project, site):.1f} s", flush=True)
        index_file = site / "search" / "search_index.json"
        index = json.loads(index_file.read_text(encoding="utf-8"))
        entries = len(index["docs"])
        pages = sum(1 for _ in site.rglob("*.html"))
        queries = pick_queries(index)
        print(f"search index: {index_file.stat().st_size // 1024} KB, {entries} entries; queries {queries}")
        timings = measure(site, queries, args.runs)
        for number, (first, last, second, load) in enumerate(timings, 1):
            print(
                f"run {number}: first search {first:.2f} s from click to result ({last:.2f} s after its last key), "
                f"second search {second:.2f} s (load event {load:.2f} s after opening)"
            )
        first, last, second, load = (statistics.median(run[i] for run in timings) for i in range(4))
        print(
            f"median: first search {first:.2f} s ({last:.2f} s after its last key), second search {second:.2f} s, "
            f"load event {load:.2f} s"
        )
        print(
            f"offline_search_first_result_s={first:.2f} second_search_s={second:.2f} pages={pages} entries={entries} "
            f"index_kb={index_file.stat().st_size // 1024}"
        )


if __name__ == "__main__":
    main()
