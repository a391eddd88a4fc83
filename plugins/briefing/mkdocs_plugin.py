"""MkDocs adapter: maps MkDocs events onto the briefing stages. No content logic lives here."""

from __future__ import annotations

from importlib.resources import files as package_files
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from briefing.link.linking import link_html
from briefing.model import KIND_FOLDERS
from briefing.pipeline import Layout, build_day, load_briefing
from briefing.problems import Severity, has_errors
from briefing.publish.safe_build import AtomicSite
from briefing.publish.sanitize import safe_meta, safe_title, sanitize_html
from briefing.publish.search_index import AUTO_ENTRY_LIMIT, fold_index_file
from briefing.render.pages import render_all
from briefing.render.resolve import resolve
from briefing.render.urls import Hrefs, entity_uri

log = get_plugin_logger(__name__)

CSS_URI = "assets/briefing.css"


class BriefingConfig(base.Config):  # type: ignore[no-untyped-call]
    sources_dir = c.Type(str, default="sources")
    """Folder of source articles, relative to mkdocs.yml."""
    schemas_dir = c.Type(str, default="schemas")
    """Folder of the JSON Schemas, relative to mkdocs.yml."""
    today = c.Optional(c.Type(str))
    """The date roles are judged stale against (ISO); default SOURCE_DATE_EPOCH, else the build day."""
    stale_after_days = c.Type(int, default=365)
    """A current or expected role whose newest source is older than this is marked stale."""
    link_every_mention = c.Type(bool, default=False)
    """Link every mention of a name, not only the first in each section."""
    search_index = c.Choice(("full", "pages", "auto"), default="full")
    """'pages': one search entry per page, which keeps file:// search fast at thousands of pages;
    'auto': the same, only once the index has more than 1,500 entries (the offline edition)."""
    search_text_limit = c.Type(int, default=300)
    """With search_index 'pages': characters of each page's text kept in the index."""


def _hand_written_pages(files: Files) -> dict[str, tuple[str, str]]:
    """uri -> (title, Markdown) of the pages written by hand under docs_dir, for "Mentioned in"."""
    pages = {}
    generated_folders = tuple(f"{folder}/" for folder in KIND_FOLDERS.values())
    for file in files.documentation_pages():
        if file.generated_by or file.abs_src_path is None or file.src_uri.startswith(generated_folders):
            continue
        text = Path(file.abs_src_path).read_text(encoding="utf-8", errors="replace")
        title = next((line[2:].strip() for line in text.splitlines() if line.startswith("# ")), file.name)
        pages[file.src_uri] = (title, text)
    return pages


class BriefingPlugin(BasePlugin[BriefingConfig]):  # type: ignore[no-untyped-call]
    dirty = False
    """Whether MkDocs rebuilds only changed pages (`--dirty`); set by on_startup."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.dirty = dirty

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
        self.atomic_site = AtomicSite(Path(config.site_dir), strict=bool(config.strict), dirty=self.dirty, log=log)
        config.site_dir = str(self.atomic_site.start())
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        for file in list(files):
            if file.src_uri.lower().endswith((".yml", ".yaml")):
                files.remove(file)  # fact sheets are rendered, never published raw
            elif file.src_path is not None and not file.generated_by:
                file.edit_uri = f"{self.docs_rel}/{file.src_uri}"
        layout = Layout(self.root, self.docs_rel, self.config.sources_dir, self.config.schemas_dir)
        loaded = load_briefing(layout, self.today)
        for problem in loaded.problems:
            (log.error if problem.severity is Severity.ERROR else log.warning)(problem.format())
        if has_errors(loaded.problems):
            count = sum(p.severity is Severity.ERROR for p in loaded.problems)
            raise PluginError(f"briefing: {count} problem(s) in the content; see the lines above")
        resolved = resolve(
            loaded.briefing,
            self.today,
            self.config.stale_after_days,
            index=loaded.index,
            pages_text=_hand_written_pages(files),
        )
        pages = render_all(
            resolved,
            directory_urls=config.use_directory_urls,
            site_name=config.site_name,
            briefings_dir=self.docs_rel,
            sources_dir=self.config.sources_dir,
            home=files.get_file_from_path("index.md") is None,
        )
        for page in pages:
            if files.get_file_from_path(page.src_uri) is not None:
                raise PluginError(
                    f"briefing: {self.docs_rel}/{page.src_uri} is written by hand, but that page is generated "
                    f"from {page.edit_path}; rename or remove the hand-written file"
                )
            generated = File.generated(config, page.src_uri, content=page.markdown)
            generated.edit_uri = page.edit_path
            files.append(generated)
        css = package_files("briefing.render").joinpath("assets", "briefing.css").read_text(encoding="utf-8")
        files.append(File.generated(config, CSS_URI, content=css))
        self.index = loaded.index
        self.entities = loaded.briefing.entities
        self.page_entity = {entity_uri(e.kind, e.id): e.id for e in self.entities.values()}
        return files

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        hrefs = Hrefs(page.file.src_uri, config.use_directory_urls)
        entities = self.entities
        linked = link_html(
            html,
            self.index,
            lambda entity_id: hrefs(entity_uri(entities[entity_id].kind, entity_id)),
            self_id=self.page_entity.get(page.file.src_uri),
            every_mention=self.config.link_every_mention,
        )
        return clean_contributor_page(linked.html, page)  # hostile input: always the last step

    def on_serve(self, server: Any, /, *, config: MkDocsConfig, builder: Any) -> Any:
        for folder in (self.config.sources_dir, self.config.schemas_dir):
            path = self.root / folder
            if path.is_dir():
                server.watch(str(path))
        return server

    # --- Hostile input (sanitize.py, safe_build.py): kept apart from the stages above. ---

    # After every other plugin has written into the temporary site folder: -100, "last" in MkDocs'
    # terms, is taken by Material's offline plugin, which writes search/search_index.js then.
    @event_priority(-10_000)
    def _swap_in_site(self, *, config: MkDocsConfig) -> None:
        self.atomic_site.finish()
        config.site_dir = str(self.atomic_site.site_dir)  # anything later writes into the real site

    # After Material's search plugin writes the index (priority 0), before its offline plugin
    # inlines it into search_index.js (-100).
    @event_priority(-50)
    def _fold_search_index(self, *, config: MkDocsConfig) -> None:
        if self.config.search_index != "full":
            above = AUTO_ENTRY_LIMIT if self.config.search_index == "auto" else 0
            counts = fold_index_file(Path(config.site_dir), self.config.search_text_limit, above=above)
            if counts:
                log.info(f"search index folded to one entry per page: {counts[0]} entries -> {counts[1]}")

    on_post_build = CombinedEvent(_fold_search_index, _swap_in_site)

    def on_build_error(self, *, error: Exception) -> None:
        if hasattr(self, "atomic_site"):
            self.atomic_site.discard()


def clean_contributor_page(html: str, page: Page) -> str:
    """A hand-written page's HTML sanitised, its title and front matter escaped; generated pages pass as they are.

    Generated pages are escaped by Jinja; a hand-written page is contributor Markdown, rendered
    by Python-Markdown, which passes raw HTML, `javascript:` links and `attr_list` attributes.
    Themes print `page.title` and front matter unescaped, so those are escaped here too.
    """
    if page.file.generated_by:
        return html
    if page.meta.get("title") is None:
        page.meta.pop("title", None)  # `title:` left empty: the first heading names the page, as with no title
    # MkDocs takes a title from front matter (text), else the first heading (HTML), else the file name (text).
    title_is_html = "title" not in page.meta and getattr(page, "_title_from_render", None) is not None
    title = page.title
    page.meta = safe_meta(page.meta)
    if title:
        page.meta["title"] = safe_title(str(title), is_html=title_is_html)  # front matter may give a number
    return sanitize_html(html)
