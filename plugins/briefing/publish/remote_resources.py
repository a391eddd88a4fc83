"""Markup in a hand-written page that would make a reader's browser fetch something from another site.

`![](https://tracker.example/pixel.png)` is a tracking pixel on the hosted site and a request
from the offline edition. Such markup is refused with the file and line of the Markdown that
wrote it, rather than rewritten to a plain link: the contributor learns what to change, and
the reviewer sees the problem in CI, where a silent rewrite would publish a page that differs
from what was reviewed. sanitize.py drops the same markup too, whatever happens here.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser

from briefing.problems import Problem

# Attributes that make the browser fetch their URL on whatever tag carries them; `ping` fetches on click.
_FETCHING = frozenset({"src", "srcset", "poster", "data", "background", "lowsrc", "ping", "imagesrcset", "codebase"})
# Tags on which `href` (or `xlink:href`) is fetched rather than followed: stylesheets, SVG images, <base>.
_FETCHED_HREF = frozenset({"link", "image", "use", "feimage", "script", "base"})
_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)""", re.IGNORECASE)
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)


def is_remote(url: str) -> bool:
    """Whether the browser would contact another host for `url`: a scheme (bar inline data:) or `//host`."""
    squeezed = "".join(c for c in html.unescape(url) if ord(c) > 0x20).replace("\\", "/").lower()
    if squeezed.startswith("//"):
        return True
    return bool(_SCHEME.match(squeezed)) and not squeezed.startswith("data:")


@dataclass(frozen=True)
class RemoteResource:
    tag: str
    attribute: str
    url: str


class _Finder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[RemoteResource] = []
        self._style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._style = tag == "style"
        for name, value in attrs:
            if value is None:
                continue
            if name in ("srcset", "imagesrcset"):
                urls = [candidate.split()[0] for candidate in value.split(",") if candidate.split()]
            elif name in _FETCHING or (name in ("href", "xlink:href") and tag in _FETCHED_HREF):
                urls = [value]
            elif name == "style":
                urls = [a or b for a, b in _CSS_URL.findall(value)]
            else:
                urls = []
            self.found += [RemoteResource(tag, name, url) for url in urls if is_remote(url)]

    def handle_endtag(self, tag: str) -> None:
        self._style = False

    def handle_data(self, data: str) -> None:
        if self._style:
            urls = [a or b for a, b in _CSS_URL.findall(data)]
            self.found += [RemoteResource("style", "url", url) for url in urls if is_remote(url)]


def remote_resources(fragment: str) -> list[RemoteResource]:
    """Everything in the HTML that a browser would fetch from another site, in document order."""
    finder = _Finder()
    finder.feed(fragment)
    finder.close()
    return finder.found


def remote_resource_problems(fragment: str, source: str, path: str) -> list[Problem]:
    """One problem per remote resource of a page rendered from `source`, at the line that wrote it."""
    problems = []
    cursor = 0
    for found in remote_resources(fragment):
        start = -1
        for spelling in (found.url, html.escape(found.url, quote=False), html.escape(found.url)):
            start = source.find(spelling, cursor)
            if start < 0:
                start = source.find(spelling)
            if start >= 0:
                cursor = start + len(spelling)
                break
        line = source.count("\n", 0, start) + 1 if start >= 0 else 0
        col = start - (source.rfind("\n", 0, start) + 1) + 1 if start >= 0 else 0
        what = "an image" if found.tag == "img" else "a resource"
        message = (
            f"expected {what} of this site (a relative address such as maps/korea.png), got {found.url!r}: "
            "a reader's browser would fetch it from another site; save a copy in briefings/ or link to it instead"
        )
        problems.append(Problem(path, line, col, f"<{found.tag} {found.attribute}>", message))
    return problems
