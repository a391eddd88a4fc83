"""MkDocs adapter: maps MkDocs events onto the briefing stages. No content logic lives here."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from briefing import mkdocs_incremental as incremental
from briefing.link.linking import link_html
from briefing.mkdocs_config import BriefingConfig
from briefing.mkdocs_pages import (
    CSS_URI,
    DebugOnly,
    PageTexts,
    clean_contributor_page,
    file_written_now,
    generated_page_file,
    hand_written_pages,
    readers_of_other_pages,
    with_theme_collisions,
)
from briefing.pipeline import Layout, build_day, load_briefing
from briefing.problems import Problem, Severity, has_errors
from briefing.publish.outputs import OutputSettings, add_to_head, build_outputs
from briefing.publish.preview import problems_banner
from briefing.publish.remote_resources import remote_resource_problems
from briefing.publish.safe_build import AtomicSite
from briefing.publish.sanitize import sanitize_html
from briefing.publish.search_accents import add_unaccented_to_file
from briefing.publish.search_index import AUTO_ENTRY_LIMIT, fold_index_file
from briefing.read.cache import ReadCache
from briefing.render.briefing_pages import dateline, render_briefing_pages, with_dateline
from briefing.render.html_page import anchor_ids, is_html_body, joined_html, markdown_skeleton
from briefing.render.pages import render_all
from briefing.render.resolve import resolve
from briefing.render.stylesheet import stylesheet
from briefing.render.urls import Hrefs, entity_uri

log = get_plugin_logger(__name__)


class BriefingPlugin(BasePlugin[BriefingConfig]):  # type: ignore[no-untyped-call]
    dirty = False
    """`build --dirty`: start from a copy of the last site (`serve --dirty` keeps pages: mkdocs_incremental)."""
    serving = False
    """Whether this is `mkdocs serve`: content errors then show on the pages instead of stopping it."""
    shown_problems: tuple[Problem, ...] = ()
    """Under serve, the errors of the content on disk, while the pages come from the last good build."""
    page_problems = 0
    """Problems found in hand-written pages while rendering them; the build fails once all are reported."""
    page_texts = PageTexts(enabled=False, keep_sources=True)
    """What MkDocs holds of every page between reading and writing it, packed or dropped (mkdocs_pages)."""
    built_pages: tuple[Page, ...] = ()
    """Under serve --dirty, every page of the build in order, read or kept (set in on_env)."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"
        self.last_good: list[tuple[str, str, str | None]] | None = None
        """(uri, content, edit uri) of each generated file of the last build without errors."""
        self.read_cache = ReadCache(keep=self.serving)  # serve: an edit re-reads only the edited file
        self.rebuilds = incremental.rebuilds(serving=self.serving, dirty=dirty)  # serve --dirty keeps unchanged pages
        self.dirty = dirty and not self.rebuilds.enabled
        self.html_bodies: dict[str, str] = {}
        """src_uri -> HTML body of a generated page, from its Markdown stage to its HTML (html_page.py)."""

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = Path(config.config_file_path or ".").resolve().parent
        self.docs_rel = Path(config.docs_dir).resolve().relative_to(self.root).as_posix()
        try:
            self.today = build_day(self.config.today)
        except ValueError as exc:
            raise PluginError(f"briefing: today: expected a date like 2026-11-22: {exc}") from None
        if CSS_URI not in config.extra_css:
            config.extra_css.append(CSS_URI)
        # Atomic output (safe_build.py): build into a temporary sibling, swap it in on success.
        # Under serve the site folder is MkDocs' temporary one: its name is no news to the author.
        site_log = DebugOnly() if self.serving else log
        self.atomic_site = AtomicSite(Path(config.site_dir), strict=bool(config.strict), dirty=self.dirty, log=site_log)
        config.site_dir = str(self.atomic_site.start())
        return config

    def _add_pages(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        self.page_problems = 0
        for file in list(files):
            if file.src_uri.lower().endswith((".yml", ".yaml")):
                files.remove(file)  # fact sheets are rendered, never published raw
            elif file.src_path is not None and not file.generated_by:
                file.edit_uri = f"{self.docs_rel}/{file.src_uri}"
        layout = Layout(
            self.root, self.docs_rel, self.config.sources_dir, self.config.schemas_dir, self.config.sections
        )
        loaded = load_briefing(layout, self.today, self.read_cache)
        self.shown_problems = ()
        problems = with_theme_collisions(loaded.problems, files, config, self.root)
        if self.serving and self.last_good is not None and has_errors(problems):
            return self._serve_last_good(files, problems, config)
        for problem in problems:
            (log.error if problem.severity is Severity.ERROR else log.warning)(problem.format())
        if has_errors(problems):
            count = sum(p.severity is Severity.ERROR for p in problems)
            raise PluginError(f"briefing: {count} problem(s) in the content; see the lines above")
        resolved = resolve(
            loaded.briefing,
            self.today,
            self.config.stale_after_days,
            index=loaded.index,
            pages_text=hand_written_pages(files),
            pictures=self.config.pictures,
            sections=self.config.sections,
        )
        pages = render_all(
            resolved,
            directory_urls=config.use_directory_urls,
            site_name=config.site_name,
            briefings_dir=self.docs_rel,
            sources_dir=self.config.sources_dir,
            home=files.get_file_from_path("index.md") is None,
            later=not self.serving,  # under serve every page's text is taken at once (last_good, the plan)
        )
        pages += render_briefing_pages(
            resolved, loaded.index, directory_urls=config.use_directory_urls,
            briefings_dir=self.docs_rel, sources_dir=self.config.sources_dir,
        )  # fmt: skip
        self.dateline = dateline(loaded.briefing, self.today)
        self.outputs = build_outputs(resolved, OutputSettings(
            config.site_name, config.site_url, config.use_directory_urls, self.today, self.root, self.docs_rel,
            self.config.sources_dir, self.config.schemas_dir, self.config.whats_new_commits, self.config.whats_new_days,
        ))  # fmt: skip
        log.info(self.outputs.log_line)
        for path, content in self.outputs.files:
            files.append(file_written_now(config, path, content))
        for page in [*pages, *self.outputs.pages]:
            if files.get_file_from_path(page.src_uri) is not None:
                raise PluginError(
                    f"briefing: {self.docs_rel}/{page.src_uri} is written by hand, but that page is generated "
                    f"from {page.edit_path}; rename or remove the hand-written file"
                )
            # With a nav in mkdocs.yml, pages reached from the index pages are not reported as left out of it.
            inclusion = InclusionLevel.NOT_IN_NAV if config.nav else InclusionLevel.UNDEFINED
            files.append(generated_page_file(config, page, inclusion))
        files.append(File.generated(config, CSS_URI, content=stylesheet()))
        if self.serving:
            generated_files = (f for f in files if f.generated_by and f.src_uri.endswith((".md", ".css")))
            self.last_good = [(f.src_uri, f.content_string, f.edit_uri) for f in generated_files]
        self.index = loaded.index
        self.entities = loaded.briefing.entities
        self.page_entity = {entity_uri(e.kind, e.id): e.id for e in self.entities.values()}
        gc.freeze()  # what the briefing holds lives till the build ends: not re-walked by each collection
        return files

    @event_priority(-10_000)  # after every plugin has added its files
    def _plan_rebuild(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        if self.rebuilds.enabled:
            site_wide = (self.index.fingerprint(), str(self.dateline), [p.format() for p in self.shown_problems])
            incremental.plan(self.rebuilds, config, files, site_wide, self._page_inputs)
        return files

    on_files = CombinedEvent(_add_pages, _plan_rebuild)

    def on_nav(self, nav: Any, /, *, config: MkDocsConfig, files: Files) -> Any:
        # serve --dirty takes each page's key from its source again after the build (mkdocs_incremental).
        self.page_texts = PageTexts(enabled=not readers_of_other_pages(config), keep_sources=self.rebuilds.enabled)
        return nav

    def _page_inputs(self, file: File, title: str | None) -> tuple[str | None, str]:
        return self.page_entity.get(file.src_uri), self.outputs.head_html(file.src_uri, title)

    def on_env(self, env: Any, /, *, config: MkDocsConfig, files: Files) -> Any:
        if self.rebuilds.enabled:  # the pages are read: restore the kept ones, carry their HTML over
            self.built_pages = incremental.after_reading(self.rebuilds, config, files, self.atomic_site)
            log.info(self.rebuilds.summary())
        return env

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """A generated page with an HTML body: MkDocs renders its headings only (html_page.py)."""
        if page.file.generated_by and is_html_body(markdown):
            self.html_bodies[page.file.src_uri] = markdown
            return markdown_skeleton(markdown)
        return markdown

    # Before any other plugin reads the page's HTML.
    @event_priority(100)
    def _html_body(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        body = self.html_bodies.pop(page.file.src_uri, None)
        if body is None:
            return html
        if page.present_anchor_ids is not None:  # for MkDocs' check of links to anchors on this page
            page.present_anchor_ids |= anchor_ids(body)
        return joined_html(html, body)

    def _link_and_clean(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if not page.file.generated_by and page.file.abs_src_path:
            source = Path(page.file.abs_src_path).read_text(encoding="utf-8", errors="replace")
            for problem in remote_resource_problems(html, source, f"{self.docs_rel}/{page.file.src_uri}"):
                log.error(problem.format())
                self.page_problems += 1
            html = sanitize_html(html)  # the page's own cross-links and site classes go before linking adds ours
        hrefs = Hrefs(page.file.src_uri, config.use_directory_urls)
        entities = self.entities
        linked = link_html(
            html,
            self.index,
            lambda entity_id: hrefs(entity_uri(entities[entity_id].kind, entity_id)),
            self_id=self.page_entity.get(page.file.src_uri),
            every_mention=self.config.link_every_mention,
        )
        html = with_dateline(clean_contributor_page(linked.html, page), self.dateline)  # sanitising: last
        if self.shown_problems:
            html = problems_banner(self.shown_problems) + html  # every character of it escaped
        return html

    @event_priority(-10_000)  # after every other plugin has read the page
    def _set_aside(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        return self.page_texts.set_aside(page, html)

    @event_priority(100)  # before Material's search indexes the page (0)
    def on_page_context(self, context: Any, /, *, page: Page, config: MkDocsConfig, nav: Any) -> Any:
        self.page_texts.take_back(page)
        return context

    on_page_content = CombinedEvent(_html_body, _link_and_clean, _set_aside)

    def _serve_last_good(self, files: Files, problems: list[Problem], config: MkDocsConfig) -> Files:
        """Under serve: the pages of the last good build, and the problems shown on each; never a hang.

        Raising here would leave MkDocs' live-reload server holding every page request until a
        build succeeds. The problems are logged at INFO: a warning would fail a strict config's build.
        """
        self.shown_problems = tuple(p for p in problems if p.severity is Severity.ERROR)
        log.info(f"{len(self.shown_problems)} problem(s) in the content; serving the last good build with them shown:")
        for problem in self.shown_problems:
            log.info(f"  {problem.format()}")
        inclusion = InclusionLevel.NOT_IN_NAV if config.nav else InclusionLevel.UNDEFINED
        for uri, content, edit_uri in self.last_good or []:
            if files.get_file_from_path(uri) is None:
                file = File.generated(config, uri, content=content, inclusion=inclusion)
                file.edit_uri = edit_uri
                files.append(file)
        return files

    def _add_to_head(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        return add_to_head(output, self.outputs.head_html(page.file.src_uri, page.title))

    @event_priority(-10_000)  # after every other plugin has seen the page
    def _release_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        self.page_texts.release(page)
        return output

    on_post_page = CombinedEvent(_add_to_head, _release_page)

    def on_serve(self, server: Any, /, *, config: MkDocsConfig, builder: Any) -> Any:
        for folder in (self.config.sources_dir, self.config.schemas_dir):
            path = self.root / folder
            if path.is_dir():
                server.watch(str(path))
        return server

    # --- Hostile input (sanitize.py, safe_build.py): kept apart from the stages above. ---

    # After every other plugin has written into the temporary site folder (-100, "last", is Material's offline).
    @event_priority(-10_000)
    def _swap_in_site(self, *, config: MkDocsConfig) -> None:
        if self.page_problems:
            raise PluginError(f"briefing: {self.page_problems} problem(s) in hand-written pages; see the lines above")
        gc.unfreeze()
        swapped = self.atomic_site.finish()
        config.site_dir = str(self.atomic_site.site_dir)  # anything later writes into the real site
        self.rebuilds.finish(swapped=swapped, warned=bool(self.atomic_site.problems_logged), pages=self.memory.pages)

    @event_priority(10)  # before Material's search plugin writes its index (priority 0)
    def _remember_pages(self, *, config: MkDocsConfig) -> None:
        self.memory = incremental.remember(self.rebuilds, config, self.built_pages, self._page_inputs)

    @event_priority(-50)  # after Material's search plugin writes the index (0), before offline inlines it (-100)
    def _fold_search_index(self, *, config: MkDocsConfig) -> None:
        if not self.serving and (entries := incremental.search_entries(config)) is not None:
            entries.clear()  # written; Material's search reads them again only in the next build of a serve
        if self.memory.search_docs is not None:  # what a cold build indexes, whatever pages this one kept
            incremental.set_search_index(config, Path(config.site_dir), self.memory.search_docs)
        if self.config.search_index != "full":
            above = AUTO_ENTRY_LIMIT if self.config.search_index == "auto" else 0
            counts = fold_index_file(Path(config.site_dir), self.config.search_text_limit, above=above)
            if counts:
                log.info(f"search index folded to one entry per page: {counts[0]} entries -> {counts[1]}")
        add_unaccented_to_file(Path(config.site_dir))  # "Goita" finds Goïta

    on_post_build = CombinedEvent(_remember_pages, _fold_search_index, _swap_in_site)

    def on_build_error(self, *, error: Exception) -> None:
        gc.unfreeze()
        self.rebuilds.forget()
        if hasattr(self, "atomic_site"):
            self.atomic_site.discard()
