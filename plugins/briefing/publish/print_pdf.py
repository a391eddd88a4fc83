"""Print the briefing pack's HTML to PDF with headless Chromium, refusing every network request.

Chromium is a system package (Debian's /usr/bin/chromium), driven by Playwright; both are
needed for `make pdf` and the print tests only, never for the site build. Every request
whose URL is not `file:` or `data:` is aborted and counted; the pack carries everything inline,
so the count is 0, and the caller reports it.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

CHROMIUM = os.environ.get("BRIEFING_CHROMIUM", "/usr/bin/chromium")
_LOCAL = ("file:", "data:", "about:")
QUIET_CHROMIUM_ARGS = (
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-gpu",
)
"""Chromium with no request of its own (updates, sync, first-run pages): the test and benchmark
browsers start from these too, adding only their sandbox and QUIC flags."""


class PrintUnavailable(Exception):
    """Chromium or Playwright is missing: say how to install them."""


@dataclass(frozen=True)
class Printed:
    pdf: Path
    blocked_requests: tuple[str, ...]
    """URLs the page asked for and was refused: none for a sound pack."""


def print_pdf(html: str, pdf: Path, *, chromium: str = CHROMIUM) -> Printed:
    """Write `pdf` from the document `html` (A4, backgrounds, PDF outline from the headings).

    Playwright's sync API refuses to run in a thread with a running asyncio loop (a notebook, a
    test session that drove a browser before); there the printing runs in a thread of its own.
    """
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return _print_pdf(html, pdf, chromium)
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as worker:
        return worker.submit(_print_pdf, html, pdf, chromium).result()


def _print_pdf(html: str, pdf: Path, chromium: str) -> Printed:
    try:
        from playwright.sync_api import Route, sync_playwright
    except ImportError:
        raise PrintUnavailable("Playwright is not installed; run: pip install -e '.[test]' (or make pdf)") from None
    if shutil.which(chromium) is None:
        raise PrintUnavailable(f"no Chromium at {chromium}; run: make browser-deps (Debian's chromium)")
    blocked: list[str] = []

    def refuse_network(route: Route) -> None:
        url = route.request.url
        if url.startswith(_LOCAL):
            route.continue_()
        else:
            blocked.append(url)
            route.abort()

    pdf.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="briefing-print-") as tmp:
        page_file = Path(tmp, "briefing.html")
        page_file.write_text(html, encoding="utf-8")
        with sync_playwright() as pw:
            browser = pw.chromium.launch(
                executable_path=chromium,
                args=list(QUIET_CHROMIUM_ARGS),
            )
            try:
                page = browser.new_page()
                page.route("**/*", refuse_network)
                page.goto(page_file.as_uri(), wait_until="load")
                page.emulate_media(media="print")
                page.pdf(path=str(pdf), format="A4", print_background=True, outline=True, tagged=True,
                         display_header_footer=True, header_template="<span></span>",
                         footer_template='<div style="font-size:8px;width:100%;text-align:center">'
                         '<span class="pageNumber"></span> / <span class="totalPages"></span></div>',
                         margin={"top": "18mm", "bottom": "20mm", "left": "16mm", "right": "16mm"})  # fmt: skip
            finally:
                browser.close()
    return Printed(pdf, tuple(blocked))


def site_name(root: Path) -> str:
    """site_name from mkdocs.yml, read without MkDocs (its custom tags ignored); 'Briefing' if none."""
    import yaml

    class _Loader(yaml.SafeLoader):
        pass

    _Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    try:
        config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    except (OSError, yaml.YAMLError):
        return "Briefing"
    return str(config.get("site_name") or "Briefing") if isinstance(config, dict) else "Briefing"
