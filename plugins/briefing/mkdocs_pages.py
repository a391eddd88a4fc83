"""MkDocs adapter helpers: what the plugin reads from MkDocs' files and pages, kept out of the event map."""

from __future__ import annotations

import os
import types
import zlib
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from briefing.model import KIND_FOLDERS
from briefing.problems import Problem
from briefing.publish.sanitize import safe_meta, safe_title, sanitize_html
from briefing.read.content_files import theme_collisions
from briefing.render.pages import LaterPage
from briefing.render.pages import Page as GeneratedPage

log = get_plugin_logger("briefing.mkdocs_plugin")

CSS_URI = "assets/briefing.css"


def hand_written_pages(files: Files) -> dict[str, tuple[str, str]]:
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


def with_theme_collisions(problems: list[Problem], files: Files, config: MkDocsConfig, root: Path) -> list[Problem]:
    """The content problems, plus one naming both files for each content file at a theme file's address."""
    docs_dir = Path(config.docs_dir).resolve()
    content = {
        f.src_uri: path
        for f in files
        if f.abs_src_path and (path := Path(f.abs_src_path).resolve()).is_relative_to(docs_dir)
    }
    return theme_collisions(
        problems, content, [str(d) for d in config.theme.dirs], root, {CSS_URI: "the briefing's stylesheet"}
    )


class DebugOnly:
    """What AtomicSite reports, at DEBUG: under serve the site folder is MkDocs' temporary one."""

    def info(self, msg: str, /) -> object:
        log.debug(msg)
        return None


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
    return sanitize_html(html, cross_links=True)


PAGE_LOCAL_PLUGINS = frozenset({"search", "material/search", "offline", "material/offline", "briefing"})
"""Plugins that read a page's text only while that page is built (search indexes it in on_page_context)."""


def readers_of_other_pages(config: MkDocsConfig) -> list[str]:
    """Plugins that may read a page's Markdown or HTML after it is written (a blog's index reads its
    posts). Hooks are project code and are trusted not to, as for incremental rebuilds."""
    plugins = config.plugins.items()
    return [
        name for name, plugin in plugins if not isinstance(plugin, types.ModuleType) and name not in PAGE_LOCAL_PLUGINS
    ]


class PageTexts:
    """Each page's text, held no longer than needed: MkDocs keeps every page's Markdown and HTML from
    reading it until the build ends, and reads them only while the page is written.

    With `enabled` (no plugin that may read other pages), a page's HTML waits compressed between
    reading and writing (not with `keep_sources`: serve --dirty), a generated page's source is
    emptied once read (same), and every page's Markdown and HTML once it is written. Empty strings, not None:
    `Page.title` falls back to the Markdown's first heading when `content` is None.
    """

    def __init__(self, *, enabled: bool, keep_sources: bool) -> None:
        self.enabled, self.keep_sources = enabled, keep_sources
        self.packed: dict[str, bytes] = {}

    def set_aside(self, page: Page, html: str) -> str:
        """After the page's HTML is made: what MkDocs holds until the page is written."""
        if not self.enabled or self.keep_sources:  # serve --dirty reads some pages late (mkdocs_incremental)
            return html
        if page.file.generated_by == "briefing":
            page.file.content_string = ""  # read: the page holds its Markdown now
        self.packed[page.file.src_uri] = zlib.compress(html.encode("utf-8"), 1)
        return ""

    def take_back(self, page: Page) -> None:
        """When the page is written, before any plugin reads its HTML."""
        packed = self.packed.pop(page.file.src_uri, None)
        if packed is not None:
            page.content = zlib.decompress(packed).decode("utf-8")

    def release(self, page: Page) -> None:
        """Once the page is written."""
        if self.enabled:
            page.markdown = ""
            page.content = ""


def file_written_now(config: MkDocsConfig, src_uri: str, content: str | bytes) -> File:
    """A generated file (the API's JSON, the feed) written into the site now, which MkDocs then finds
    there when it copies the static files: its text is not held while every page is read and written.
    """
    file = File.generated(config, src_uri, abs_src_path=os.devnull)
    dest = Path(file.abs_dest_path)
    if not dest.resolve().is_relative_to(Path(config.site_dir).resolve()):
        raise PluginError(f"briefing: the generated file {src_uri} would be written outside the site")
    dest.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        dest.write_bytes(content)
    else:
        dest.write_text(content, encoding="utf-8")  # as MkDocs writes a file's text
    file.abs_src_path = file.abs_dest_path  # MkDocs skips copying a file onto itself
    return file


class RenderedWhenRead(File):
    """A generated page whose Markdown is rendered when MkDocs reads it, instead of held from on_files
    on. Setting its content works as for any File; until then every read renders it again."""

    later: LaterPage | None = None

    @property
    def content_string(self) -> str:
        if self._content is None and self.later is not None:
            return self.later.markdown
        return super().content_string

    @content_string.setter
    def content_string(self, value: str) -> None:
        File.content_string.fset(self, value)  # type: ignore[attr-defined]

    @property
    def content_bytes(self) -> bytes:
        if self._content is None and self.later is not None:
            return self.later.markdown.encode()
        return super().content_bytes

    @content_bytes.setter
    def content_bytes(self, value: bytes) -> None:
        File.content_bytes.fset(self, value)  # type: ignore[attr-defined]

    def is_modified(self) -> bool:
        return True  # as for any generated file with content


def generated_page_file(config: MkDocsConfig, page: GeneratedPage | LaterPage, inclusion: InclusionLevel) -> File:
    """The MkDocs file of a generated page, its edit link on the file a contributor edits for it."""
    if isinstance(page, LaterPage):
        file: File = RenderedWhenRead.generated(config, page.src_uri, content="", inclusion=inclusion)
        file._content, file.later = None, page  # type: ignore[attr-defined]
    else:
        file = File.generated(config, page.src_uri, content=page.markdown, inclusion=inclusion)
    file.edit_uri = page.edit_path
    return file
