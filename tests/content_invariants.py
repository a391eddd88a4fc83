"""What any briefing keeps, whatever it is about: the suite run on the demo and on fixture briefing B.

`build_briefing(content, target)` builds a briefing's `briefings/` and `sources/` with the repository's
mkdocs.yml and schemas on a fixed build day; each invariant takes the `Built` result and returns the
failures it finds (empty when the invariant holds), so a test names what broke and where.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from posixpath import normpath
from urllib.parse import unquote, urlsplit

import pytest
import yaml

from briefing.check.quotes import find_quote
from briefing.model import KIND_FOLDERS, Briefing, PartialDate
from briefing.pipeline import Layout, Loaded, load_briefing
from shared_builds import once

REPO = Path(__file__).resolve().parents[1]
BRIEFING_B = REPO / "tests" / "fixtures" / "briefing-b"
BUILD_DAY = date(2026, 11, 22)
BUILD_EPOCH = "1795305600"  # 2026-11-22


@dataclass
class Built:
    root: Path
    loaded: Loaded
    check: subprocess.CompletedProcess[str]
    build: subprocess.CompletedProcess[str]
    stale_after_days: int

    @property
    def site(self) -> Path:
        return self.root / "site"

    def page(self, uri: str) -> str:
        """The HTML of a page by its Markdown address, e.g. leaders/kim-jong-un.md or index.md."""
        rel = "index.html" if uri == "index.md" else uri.removesuffix("index.md").removesuffix(".md") + "/index.html"
        return (self.site / rel.replace("//", "/")).read_text(encoding="utf-8")


def build_briefing(content: Path, target: Path) -> Built:
    """The briefing in `content` (its briefings/ and sources/) built strict in `target`, checked first."""
    return built_in(target, *_check_and_build(content, target))


def shared_briefing(factory: pytest.TempPathFactory, name: str, content: Path) -> Built:
    """`build_briefing(content, ...)` once per test run, for the tests that only read it (shared_builds.once)."""
    root, (check, build) = once(factory, name, lambda target: _check_and_build(content, target))
    return built_in(root, check, build)


def shared_demo(factory: pytest.TempPathFactory) -> Built:
    """The repository's own briefing, checked and built strict on BUILD_DAY once per test run; read only."""
    return shared_briefing(factory, "repository", REPO)


def built_in(root: Path, check: subprocess.CompletedProcess[str], build: subprocess.CompletedProcess[str]) -> Built:
    """The Built of a briefing whose `briefing check` and `mkdocs build --strict` ran in `root`."""
    config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    options = next((p["briefing"] for p in config["plugins"] if isinstance(p, dict) and "briefing" in p), {})
    return Built(root, load_briefing(Layout(root)), check, build, int(options.get("stale_after_days", 365)))


def _check_and_build(content: Path, target: Path) -> list[subprocess.CompletedProcess[str]]:
    for folder in ("briefings", "sources"):
        shutil.copytree(content / folder, target / folder)
    shutil.copytree(REPO / "schemas", target / "schemas")
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": BUILD_EPOCH}
    run = {"cwd": target, "capture_output": True, "text": True, "env": env, "timeout": 600}
    check = subprocess.run([sys.executable, "-m", "briefing.cli", "check"], **run)  # type: ignore[call-overload]
    build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], **run)  # type: ignore[call-overload]
    return [check, build]


# --- the invariants ---


def check_and_strict_build_are_clean(built: Built) -> list[str]:
    failures = []
    if built.check.returncode != 0 or not built.check.stderr.rstrip().endswith(": 0 error(s), 0 warning(s)"):
        failures.append(f"briefing check: {built.check.stdout}{built.check.stderr}")
    if built.build.returncode != 0 or "WARNING" in built.build.stderr or "ERROR" in built.build.stderr:
        failures.append(f"mkdocs build --strict: {built.build.stderr}")
    return failures


def every_claim_is_cited_on_its_page(built: Built) -> list[str]:
    """Every fact and role has a citation, and its page shows a footnote for it."""
    failures = []
    for entity in built.loaded.briefing.entities.values():
        html = built.page(f"{KIND_FOLDERS[entity.kind]}/{entity.id}.md")
        claims = [(f"fact-{i + 1}", f.citations) for i, f in enumerate(entity.facts)]
        claims += [(f"role-{i + 1}", r.citations) for i, r in enumerate(entity.roles)]
        for anchor, citations in claims:
            row = re.search(rf'<(li|tr) id="{anchor}"[^>]*>(.*?)</\1>', html, re.S)
            if not citations or not row or 'class="footnote-ref"' not in row.group(2):
                failures.append(f"{entity.origin.path}: {anchor} is shown without a citation")
    return failures


def every_quote_is_found_and_linked_to_its_paragraph(built: Built) -> list[str]:
    failures = []
    sources = built.loaded.briefing.sources
    for entity in built.loaded.briefing.entities.values():
        for citation in entity.citations():
            source = sources[citation.source_id]
            number = citation.paragraph or find_quote(citation.quote or "", source.paragraphs)
            if number is None:
                failures.append(f"{entity.origin.path}: quote not found in {source.id}: {citation.quote!r}")
        html = built.page(f"{KIND_FOLDERS[entity.kind]}/{entity.id}.md")
        for source_id, number in re.findall(
            r'class="briefing-paragraph-link" href="[./]*sources/([^/]+)/#p(\d+)"', html
        ):
            if f'<p id="p{number}">' not in built.page(f"sources/{source_id}.md"):
                failures.append(f"{entity.origin.path}: cites {source_id} paragraph {number}, which has no anchor")
        if entity.citations() and 'class="briefing-paragraph-link"' not in html:
            failures.append(f"{entity.origin.path}: no citation links to a paragraph")
    return failures


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.hrefs.extend(v for k, v in attrs if k == "href" and v and tag == "a")


def every_page_is_reachable_from_the_home_page(built: Built) -> list[str]:
    """Following links from index.html reaches every page of the site (404.html aside)."""
    pages = {p.relative_to(built.site).as_posix() for p in built.site.rglob("*.html")} - {"404.html"}
    seen, queue = {"index.html"}, ["index.html"]
    while queue:
        current = queue.pop()
        parser = _Links()
        parser.feed((built.site / current).read_text(encoding="utf-8"))
        for href in parser.hrefs:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or not parts.path:
                continue
            target = normpath(f"{current.rsplit('/', 1)[0] if '/' in current else '.'}/{unquote(parts.path)}")
            target = f"{target}/index.html" if not target.endswith(".html") else target
            target = target.removeprefix("./")
            if target in pages and target not in seen:
                seen.add(target)
                queue.append(target)
    return [f"{page}: not reachable from the home page" for page in sorted(pages - seen)]


def every_entity_a_source_names_is_linked_on_its_page(built: Built) -> list[str]:
    failures = []
    index = built.loaded.index
    for source in built.loaded.briefing.sources.values():
        named = {m.entity_id for p in source.paragraphs for m in index.find_mentions(p.text)}
        article = built.page(f"sources/{source.id}.md").split('class="briefing-article"')[1].split("</div>")[0]
        linked = set(re.findall(r'data-entity="([a-z0-9-]+)"', article))
        if linked != named:
            failures.append(f"{source.origin.path}: names {sorted(named)} but links {sorted(linked)}")
    return failures


def every_entity_lists_the_sources_that_mention_it(built: Built) -> list[str]:
    failures = []
    index = built.loaded.index
    mentioning: dict[str, set[str]] = {}
    for source in built.loaded.briefing.sources.values():
        for paragraph in source.paragraphs:
            for mention in index.find_mentions(paragraph.text):
                mentioning.setdefault(mention.entity_id, set()).add(source.id)
    for entity in built.loaded.briefing.entities.values():
        html = built.page(f"{KIND_FOLDERS[entity.kind]}/{entity.id}.md")
        section = html.split('id="mentioned-in"')[1].split("<h2")[0] if 'id="mentioned-in"' in html else ""
        listed = set(re.findall(r'href="\.\./\.\./sources/([a-z0-9-]+)/#p\d+"', section))
        if listed != mentioning.get(entity.id, set()):
            failures.append(f"{entity.origin.path}: Mentioned in lists {sorted(listed)}")
    return failures


def no_role_or_fact_is_shown_undated(built: Built) -> list[str]:
    """Roles read "as of" a date; one the sources call current or expected, older than stale_after_days at the
    build day, carries the stale mark with its months; facts show their date; the home page its build day."""
    failures = []
    for entity in built.loaded.briefing.entities.values():
        html = built.page(f"{KIND_FOLDERS[entity.kind]}/{entity.id}.md")
        for i, role in enumerate(entity.roles):
            row = re.search(rf'<tr id="role-{i + 1}"[^>]*>(.*?)</tr>', html, re.S)
            text = row.group(1) if row else ""
            if f" as of {role.as_of.human()}" not in text:
                failures.append(f"{entity.origin.path}: role-{i + 1} is shown without 'as of {role.as_of.human()}'")
            last = role.as_of.latest_day()
            stale = role.status in ("current", "expected") and (BUILD_DAY - last).days > built.stale_after_days
            months = (BUILD_DAY.year - last.year) * 12 + BUILD_DAY.month - last.month
            mark = f"⚠ not confirmed since {role.as_of.human()}, {months} months before this build"
            if stale != (mark in text):
                failures.append(f"{entity.origin.path}: role-{i + 1}: stale is {stale}, the page says otherwise")
        for i, fact in enumerate(entity.facts):
            item = re.search(rf'<li id="fact-{i + 1}">(.*?)</li>', html, re.S)
            dated = fact.date or fact.as_of
            if not item or f'<time datetime="{dated.iso()}">' not in item.group(1):
                failures.append(f"{entity.origin.path}: fact-{i + 1} is shown without its date")
    home = built.page("index.md")
    if (
        f'Built on <time datetime="{BUILD_DAY.isoformat()}">{PartialDate.parse(BUILD_DAY.isoformat()).human()}</time>'
        not in home
    ):
        failures.append("index.html: the home page does not say the build day")
    return failures


class _ReadText(HTMLParser):
    """The text a reader reads: pictures (`<svg>`, each with its text alternative beside it) left out."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.in_svg = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "svg":
            self.in_svg += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "svg" and self.in_svg:
            self.in_svg -= 1

    def handle_data(self, data: str) -> None:
        if not self.in_svg:
            self.parts.append(data)


def page_text(html: str) -> str:
    """The article's text (the whole input when it has no `<article>`), whitespace collapsed."""
    start, end = html.find("<article"), html.rfind("</article>")
    parser = _ReadText()
    parser.feed(html[start:end] if start >= 0 and end > start else html)
    parser.close()
    return " ".join("".join(parser.parts).split())


def repeated_facts(html: str, briefing: Briefing, page_entity: str) -> list[str]:
    """The facts of any sheet whose text a page shows more than once, and its own facts it does not show."""
    text = page_text(html)
    failures = []
    for owner in briefing.entities.values():
        for i, fact in enumerate(owner.facts):
            count = text.count(" ".join(fact.text.split()))
            if count > 1 or (count == 0 and owner.id == page_entity):
                failures.append(f"fact-{i + 1} of {owner.origin.path} is shown {count} times")
    return failures


def no_fact_text_appears_twice_on_an_entity_page(built: Built) -> list[str]:
    """Each fact is told once on a page: its own sheet's page lists it, and nothing else there restates it."""
    briefing = built.loaded.briefing
    return [
        f"{KIND_FOLDERS[entity.kind]}/{entity.id}/index.html: {failure}"
        for entity in briefing.entities.values()
        for failure in repeated_facts(built.page(f"{KIND_FOLDERS[entity.kind]}/{entity.id}.md"), briefing, entity.id)
    ]


def home_page_counts_what_the_briefing_holds(built: Built) -> list[str]:
    briefing = built.loaded.briefing
    facts = sum(len(e.facts) for e in briefing.entities.values())
    citations = sum(len(e.citations()) for e in briefing.entities.values())
    counts = (
        f"{len(briefing.entities)} fact sheets hold {facts} facts backed by {citations} citations to "
        f"{len(briefing.sources)} source articles."
    )
    return [] if counts in built.page("index.md") else [f"index.html: does not say {counts!r}"]


INVARIANTS: list[Callable[[Built], list[str]]] = [
    check_and_strict_build_are_clean,
    every_claim_is_cited_on_its_page,
    every_quote_is_found_and_linked_to_its_paragraph,
    every_page_is_reachable_from_the_home_page,
    every_entity_a_source_names_is_linked_on_its_page,
    every_entity_lists_the_sources_that_mention_it,
    no_role_or_fact_is_shown_undated,
    no_fact_text_appears_twice_on_an_entity_page,
    home_page_counts_what_the_briefing_holds,
]


def content_invariant_failures(built: Built) -> dict[str, list[str]]:
    """Every invariant that fails for this briefing, with its failures."""
    return {check.__name__: failures for check in INVARIANTS if (failures := check(built))}
