"""Page addresses, computed the way MkDocs computes them, so links work with and without directory URLs."""

from __future__ import annotations

import posixpath
from urllib.parse import quote

from briefing.model import KIND_FOLDERS


def entity_uri(kind: str, entity_id: str) -> str:
    return f"{KIND_FOLDERS[kind]}/{entity_id}.md"


def source_uri(source_id: str) -> str:
    return f"sources/{source_id}.md"


def page_url(src_uri: str, directory_urls: bool) -> str:
    """The URL MkDocs gives the page built from `src_uri`: 'leaders/x/' or 'leaders/x.html'."""
    stem, _ = posixpath.splitext(src_uri)
    folder, name = posixpath.split(stem)
    if name == "index":
        if directory_urls:
            return f"{folder}/" if folder else ""
        return f"{stem}.html"
    return f"{stem}/" if directory_urls else f"{stem}.html"


def relative_url(to_url: str, from_url: str) -> str:
    """A link from the page at `from_url` to `to_url`, both site-relative; './' for the same folder."""
    from_dir = from_url if from_url.endswith("/") else posixpath.dirname(from_url)
    target = posixpath.relpath(to_url or ".", from_dir or ".")
    if to_url.endswith("/") or not to_url:
        target = "./" if target == "." else target + "/"
    return target


class Hrefs:
    """Links from one page to others, for templates: `hrefs("leaders/x.md", "p4")`."""

    def __init__(self, from_uri: str, directory_urls: bool) -> None:
        self.from_url = page_url(from_uri, directory_urls)
        self.directory_urls = directory_urls

    def __call__(self, to_uri: str, anchor: str | None = None) -> str:
        to_url = page_url(to_uri, self.directory_urls)
        # Percent-encoded as MkDocs encodes page URLs (`my page.md` -> `my%20page/`), `/` kept.
        target = "" if to_url == self.from_url else quote(relative_url(to_url, self.from_url))
        return f"{target}#{anchor}" if anchor else (target or "./")


TIMELINE_URI = "timeline/index.md"
"""The whole briefing's timeline."""
GRAPH_URI = "graph/index.md"
"""The whole briefing's relations overview."""
