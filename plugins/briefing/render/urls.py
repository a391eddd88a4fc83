"""Page addresses, computed the way MkDocs computes them, so links work with and without directory URLs."""

from __future__ import annotations

import functools
import posixpath
from urllib.parse import quote

from briefing.model import KIND_FOLDERS


def entity_uri(kind: str, entity_id: str) -> str:
    return f"{KIND_FOLDERS[kind]}/{entity_id}.md"


def source_uri(source_id: str) -> str:
    return f"sources/{source_id}.md"


@functools.lru_cache(maxsize=65_536)  # asked for every link of every page; a page is linked from many
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
    target = _relpath(to_url or ".", from_dir or ".")
    if to_url.endswith("/") or not to_url:
        target = "./" if target == "." else target + "/"
    return target


def _relpath(path: str, start: str) -> str:
    """posixpath.relpath() for site-relative paths, without its two calls to os.getcwd()."""
    if path.startswith("/") or start.startswith("/") or ".." in path or ".." in start:
        return posixpath.relpath(path, start)  # what the shortcut below does not read as relpath does
    to = [part for part in path.split("/") if part and part != "."]
    base = [part for part in start.split("/") if part and part != "."]
    common = 0
    for a, b in zip(to, base, strict=False):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(base) - common) + to[common:]) or "."


class Hrefs:
    """Links from one page to others, for templates: `hrefs("leaders/x.md", "p4")`."""

    def __init__(self, from_uri: str, directory_urls: bool) -> None:
        self.from_url = page_url(from_uri, directory_urls)
        self.directory_urls = directory_urls
        self._targets: dict[str, str] = {}

    def __call__(self, to_uri: str, anchor: str | None = None) -> str:
        target = self._targets.get(to_uri)
        if target is None:
            to_url = page_url(to_uri, self.directory_urls)
            # Percent-encoded as MkDocs encodes page URLs (`my page.md` -> `my%20page/`), `/` kept.
            target = "" if to_url == self.from_url else quote(relative_url(to_url, self.from_url))
            self._targets[to_uri] = target
        return f"{target}#{anchor}" if anchor else (target or "./")


TIMELINE_URI = "timeline/index.md"
"""The whole briefing's timeline."""
GRAPH_URI = "graph/index.md"
"""The whole briefing's relations overview."""
