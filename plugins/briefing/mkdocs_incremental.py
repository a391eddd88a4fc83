"""MkDocs side of incremental rebuilds (part of the adapter): publish/incremental.py decides, this applies it.

MkDocs 1.6 skips reading and writing a page under `--dirty` when `File.is_modified()` is false;
for generated files it is always true, for hand-written ones it compares modification times,
which knows nothing of the alias index or of other pages. Here every page's `is_modified` answers
the plan instead. A kept page is never rendered, so what other pages and MkDocs read from it (its
title and front matter for the navigation, its anchors for link checks) is restored from the
last clean build, and its HTML file is carried over into the new site folder.
"""

from __future__ import annotations

import json
import logging
import types
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from briefing.publish.incremental import (
    IncrementalBuilds,
    PageMemory,
    SiteInputs,
    fingerprint,
    folder_fingerprint,
    merged_search_docs,
    rewrite_search_index,
)

SAFE_PLUGINS = frozenset({"search", "material/search", "briefing"})
"""Plugins whose output for a page depends only on that page and the navigation. Any other plugin
(Material's blog, tags or social plugins read every page) turns keeping pages off; hooks are
project code and are trusted to behave like these."""
FILE_INCLUDING_EXTENSIONS = ("pymdownx.snippets", "markdown_include", "mdx_include")
"""Markdown extensions that pull other files into a page: its own bytes no longer say what it shows."""
DIRTY_WARNING = "A 'dirty' build is being performed"


class DirtyWarningFilter(logging.Filter):
    """Drops MkDocs' warning that a dirty build may show stale navigation: these builds keep no stale page."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(DIRTY_WARNING)


def rebuilds(*, serving: bool, dirty: bool) -> IncrementalBuilds:
    """The plan and memory of incremental rebuilds: active under `mkdocs serve --dirty` only."""
    if serving and dirty:
        _quiet_dirty_warning()
    return IncrementalBuilds(enabled=serving and dirty)


def _quiet_dirty_warning() -> None:
    for name in ("mkdocs.commands.build", "properdocs.commands.build"):
        logger = logging.getLogger(name)
        if not any(isinstance(f, DirtyWarningFilter) for f in logger.filters):
            logger.addFilter(DirtyWarningFilter())


def blockers(config: MkDocsConfig) -> list[str]:
    """Reasons this configuration lets no page be kept."""
    found = []
    for name, plugin in config.plugins.items():
        if not isinstance(plugin, types.ModuleType) and name not in SAFE_PLUGINS:
            found.append(f"the plugin '{name}' may read other pages")
    extensions = [e for e in config.markdown_extensions if isinstance(e, str)]
    found += [
        f"the Markdown extension '{e}' includes other files" for e in extensions if e in FILE_INCLUDING_EXTENSIONS
    ]
    search = config.plugins.get("material/search") or config.plugins.get("search")
    if search is not None and getattr(search.config, "enabled", True) and search_entries(config) is None:
        found.append("the search plugin's index cannot be merged")
    return found


def plan(
    incremental: IncrementalBuilds,
    config: MkDocsConfig,
    files: Files,
    site_wide: tuple[bytes, str, list[str]],
    page_inputs: Any,
) -> None:
    """Start the build's plan and decide for every page; its `is_modified`, which MkDocs' dirty
    build asks before reading and before writing it, then answers the plan.

    site_wide: the alias index's fingerprint, the dateline and the problems shown on every page;
    page_inputs(file, remembered title) gives the page's own inputs besides its bytes and edit link.
    """
    index, dateline, shown_problems = site_wide
    config_file = Path(config.config_file_path) if config.config_file_path else None
    custom_dir = config.theme.custom_dir
    structure = [(f.src_uri, f.dest_uri, f.url, f.inclusion.name, f.is_documentation_page()) for f in files]
    site = SiteInputs({
        "mkdocs.yml changed": fingerprint(config_file.read_bytes() if config_file and config_file.is_file() else None),
        "the theme's overrides changed": folder_fingerprint(Path(custom_dir) if custom_dir else None),
        "a file was added, removed or moved": fingerprint(structure),
        "the alias index changed": index,
        "the dateline changed": fingerprint(dateline),
        "the problems shown changed": fingerprint(shown_problems),
    })  # fmt: skip
    incremental.start(site, blockers(config))
    for file in files.documentation_pages(inclusion=InclusionLevel.is_in_serve):
        remembered = incremental.remembered(file.src_uri)
        title = remembered.title if remembered is not None else None
        incremental.plan_page(file.src_uri, _page_key(file, title, page_inputs))
        file.is_modified = _answer(incremental, file.src_uri)  # type: ignore[method-assign]


def _page_key(file: File, title: str | None, page_inputs: Any) -> bytes:
    return fingerprint(file.content_bytes, file.edit_uri, page_inputs(file, title))


def _answer(incremental: IncrementalBuilds, src_uri: str) -> Any:
    return lambda: incremental.must_build(src_uri)


def after_reading(incremental: IncrementalBuilds, config: MkDocsConfig, files: Files, site: Any) -> tuple[Page, ...]:
    """Between reading and writing pages: restore the kept pages, read them all after all if the
    navigation changed, carry their HTML over (site.carry_over); returns every page in build order."""
    pages = [f.page for f in _pages(files) if f.page is not None]
    titled = set()
    for page in pages:
        memory = incremental.remembered(page.file.src_uri)
        if page.file.src_uri in incremental.plan.kept and memory is not None:
            if "title" not in vars(page):
                page.title = memory.title
                titled.add(page.file.src_uri)
            _restore(page, memory, files)
    late = incremental.check_nav(nav_fingerprint(pages))
    kept = [p for p in pages if p.file.src_uri in incremental.plan.kept]
    for page in kept:
        memory = incremental.remembered(page.file.src_uri)
        if memory is None or not site.carry_over(memory.dest):
            incremental.give_up(page.file.src_uri)
            late.add(page.file.src_uri)
    for page in pages:
        if page.file.src_uri in late:
            if page.file.src_uri in titled:
                del vars(page)["title"]  # the nav gave none: the heading will, as in a cold build
            _read(page, config, files)
    return tuple(pages)


def _pages(files: Files) -> Sequence[File]:
    return files.documentation_pages(inclusion=InclusionLevel.is_in_serve)


def _restore(page: Page, memory: PageMemory, files: Files) -> None:
    page.meta = json.loads(memory.meta)
    page.present_anchor_ids = set(memory.anchors) if memory.anchors is not None else None
    if memory.anchor_links is not None:
        targets = {uri: files.get_file_from_path(uri) for uri, _ in memory.anchor_links}
        page.links_to_anchors = {t: dict(links) for uri, links in memory.anchor_links if (t := targets[uri])}


def _read(page: Page, config: MkDocsConfig, files: Files) -> None:
    """What MkDocs does to read a page (build._populate_page), for a page that was to be kept."""
    page.present_anchor_ids, page.links_to_anchors = None, None
    page = config.plugins.on_pre_page(page, config=config, files=files)
    page.read_source(config)
    assert page.markdown is not None
    page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
    page.render(config, files)
    assert page.content is not None
    page.content = config.plugins.on_page_content(page.content, page=page, config=config, files=files)


def nav_fingerprint(pages: list[Page]) -> bytes:
    """What every page may show of the others: each one's address, title and front matter.

    The rest of the navigation (its sections, links and order) follows from mkdocs.yml and the
    set of files, which the site-wide inputs hold.
    """
    return fingerprint([(p.file.src_uri, p.url, p.title, _meta_text(p.meta), p.file.inclusion.name) for p in pages])


def _meta_text(meta: Any) -> str:
    return json.dumps(meta, sort_keys=True, default=str)


def _memory_of(page: Page, key: bytes, search: tuple[dict[str, Any], ...]) -> PageMemory:
    links = page.links_to_anchors
    anchor_links = None
    if links is not None:
        anchor_links = tuple(sorted((f.src_uri, tuple(sorted(a.items()))) for f, a in links.items()))
    return PageMemory(
        key=key,
        dest=page.file.dest_uri,
        title=page.title,
        meta=_meta_text(page.meta),
        anchors=frozenset(page.present_anchor_ids) if page.present_anchor_ids is not None else None,
        anchor_links=anchor_links,
        search=tuple(dict(entry) for entry in search),
    )


def search_entries(config: MkDocsConfig) -> list[dict[str, Any]] | None:
    """The entries Material's search plugin indexed in this build so far; None if it is not there."""
    plugin = config.plugins.get("material/search") or config.plugins.get("search")
    entries = getattr(getattr(plugin, "search_index", None), "entries", None)
    if not type(plugin).__module__.startswith("material.") or not isinstance(entries, list):
        return None
    return entries


class BuildMemory(NamedTuple):
    search_docs: list[dict[str, Any]] | None
    pages: dict[str, PageMemory]


def remember(
    incremental: IncrementalBuilds, config: MkDocsConfig, pages: Sequence[Page], page_inputs: Any
) -> BuildMemory:
    """Before the search plugin writes: the search index a cold build would write (None without
    Material's search), and what to remember of each page built now. Its key is taken again with
    the title the page has now, as the next build will take it."""
    if not incremental.enabled:
        return BuildMemory(None, {})
    entries = search_entries(config)
    plan = incremental.plan
    kept = {uri: memory.search for uri in plan.kept if (memory := incremental.remembered(uri)) is not None}
    docs, shares = merged_search_docs([(p.file.src_uri, p.url) for p in pages], entries or [], kept)
    memories = {
        p.file.src_uri: _memory_of(p, _page_key(p.file, p.title, page_inputs), shares[p.file.src_uri])
        for p in pages
        if p.file.src_uri not in plan.kept and p.file.src_uri in plan.keys
    }
    return BuildMemory(docs if entries is not None else None, memories)


def set_search_index(config: MkDocsConfig, site_dir: Path, docs: list[dict[str, Any]]) -> None:
    """Write docs as the search index's entries, and make them the index Material's search merges
    the next dirty build into (its own merge would otherwise keep stale entries, and grow)."""
    path = site_dir / "search" / "search_index.json"
    if path.is_file():
        rewrite_search_index(path, docs)
    entries = search_entries(config)
    if entries is not None:
        entries[:] = docs
