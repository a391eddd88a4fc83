"""Incremental rebuilds under `mkdocs serve --dirty`: which pages a rebuild may keep from the last build.

A page's HTML is a function of its own inputs (its Markdown, its edit link, the entity it is
about, what goes into its head) and of what every page shows (the configuration and theme, the
set of files and their addresses, the alias index the linker uses, the dateline, the problems
banner, and the navigation: every page's title and front matter). A rebuild keeps a page, that
is, leaves the last build's HTML of it in place, only when all of these are equal to the last
build's; otherwise the page is built as a cold build would build it.

The site-wide part is known before any page is read (`SiteInputs`); the navigation only once the
rebuilt pages are rendered (their titles come from their headings), so it is compared then
(`nav_fingerprint`), and if it changed the kept pages are built after all. A build that logged a
warning or error is not remembered and the next rebuild keeps nothing, so it repeats every warning
a cold build would give; one that failed, or that strict mode stopped, left the site as it was, and
the next rebuild is compared with the build before it.

Material's search plugin, under `--dirty`, merges its index in a way that assumes one changed
page; `merged_search_docs` instead rebuilds the index in page order from the entries of the pages
built now and those remembered for the kept ones, which is what a cold build writes.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


def fingerprint(*parts: object) -> bytes:
    """A hash of parts: bytes as they are, anything else by its JSON (sorted keys, str() for the rest)."""
    digest = hashlib.blake2b(digest_size=16)
    for part in parts:
        data = part if isinstance(part, bytes) else json.dumps(part, sort_keys=True, default=str).encode()
        digest.update(len(data).to_bytes(8, "little") + data)
    return digest.digest()


def folder_fingerprint(folder: Path | None) -> bytes:
    """The names, sizes and modification times of every file under folder (a theme's custom_dir)."""
    if folder is None or not folder.is_dir():
        return fingerprint(None)
    listing = []
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            stat = path.stat()
            listing.append((path.relative_to(folder).as_posix(), stat.st_size, stat.st_mtime_ns))
    return fingerprint(listing)


@dataclass(frozen=True)
class SiteInputs:
    """What every page shows, by name: a change to any of them rebuilds every page, and says which."""

    parts: Mapping[str, bytes]

    def first_change(self, other: SiteInputs) -> str | None:
        """The name of the first input that differs from other's; None when all are equal."""
        for name, value in self.parts.items():
            if other.parts.get(name) != value:
                return name
        return None if set(self.parts) == set(other.parts) else "inputs"


@dataclass(frozen=True)
class PageMemory:
    """What a build remembers of one page, to leave its HTML in place and show it to other pages."""

    key: bytes
    """Fingerprint of the page's own inputs."""
    dest: str
    """Its output file, relative to the site folder."""
    title: str | None
    meta: Any
    """Front matter as the build left it (JSON text, so no build can change the remembered copy)."""
    anchors: frozenset[str] | None
    """Ids in the page that links may point at (None when the page was not rendered)."""
    anchor_links: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] | None
    """Its links to anchors in other pages: (target page, ((anchor, link as written), ...))."""
    search: tuple[dict[str, Any], ...]
    """Its entries in the search index, in order."""


@dataclass
class Rebuild:
    """One build's plan: the pages it keeps from the last clean build, and why it keeps none."""

    kept: set[str] = field(default_factory=set)
    keys: dict[str, bytes] = field(default_factory=dict)
    reason: str | None = None
    """Why every page is built (None: pages are kept where they can be)."""
    total: int = 0


@dataclass(frozen=True)
class LastBuild:
    site: SiteInputs
    nav: bytes
    pages: Mapping[str, PageMemory]


class IncrementalBuilds:
    """The memory of the last clean build of one `mkdocs serve`, and the plan of the current build."""

    def __init__(self, *, enabled: bool) -> None:
        self.enabled = enabled
        self.last: LastBuild | None = None
        self.plan = Rebuild()
        self.site: SiteInputs | None = None
        self.nav: bytes | None = None
        self.why_none = "first build"
        """Why there is no last build to keep pages from."""

    def start(self, site: SiteInputs, blockers: Sequence[str] = ()) -> None:
        """A new build with these site-wide inputs; blockers (reasons no page may be kept) win."""
        self.site = site
        reason = blockers[0] if blockers else site.first_change(self.last.site) if self.last else self.why_none
        self.plan = Rebuild(reason=reason if self.enabled else "not a dirty serve")

    def plan_page(self, src_uri: str, key: bytes) -> None:
        """Record the page's inputs; it is kept if the last clean build had the same and nothing site-wide changed."""
        self.plan.keys[src_uri] = key
        self.plan.total += 1
        previous = self.remembered(src_uri)
        if self.plan.reason is None and previous is not None and previous.key == key:
            self.plan.kept.add(src_uri)

    def remembered(self, src_uri: str) -> PageMemory | None:
        return self.last.pages.get(src_uri) if self.last else None

    def must_build(self, src_uri: str) -> bool:
        return src_uri not in self.plan.kept

    def check_nav(self, nav: bytes) -> set[str]:
        """After the built pages are read: the kept pages that must be built after all (the navigation changed)."""
        self.nav = nav
        if not self.plan.kept or (self.last is not None and self.last.nav == nav):
            return set()
        late, self.plan.kept = self.plan.kept, set()
        self.plan.reason = "the navigation changed (a page's title or front matter)"
        return late

    def give_up(self, src_uri: str) -> None:
        """The page cannot be kept after all (its last output is missing): it is built."""
        self.plan.kept.discard(src_uri)

    def summary(self) -> str:
        built = self.plan.total - len(self.plan.kept)
        if self.plan.reason is not None:
            return f"rebuilt all {built} pages ({self.plan.reason})"
        return f"rebuilt {built} of {self.plan.total} pages; {len(self.plan.kept)} unchanged kept from the last build"

    def finish(self, *, swapped: bool, warned: bool, pages: Mapping[str, PageMemory]) -> None:
        """The build is over; pages: what to remember of each page it built.

        Swapped in without a warning or error: the next build may keep what this one wrote. Not
        swapped in (strict mode stopped it): the site is the last build's, and so is the memory.
        Swapped in with warnings: nothing is kept next time, so that a cold build's warnings,
        which may come from any page, are all given again.
        """
        if self.enabled and swapped and warned:
            self.last, self.why_none = None, "the last build logged a warning or error"
        elif self.enabled and swapped and self.site is not None and self.nav is not None:
            kept = {uri: memory for uri in self.plan.kept if (memory := self.remembered(uri)) is not None}
            self.last = LastBuild(self.site, self.nav, {**pages, **kept})
        self.forget()

    def forget(self) -> None:
        """The build failed: nothing of it is remembered; the site is still the last build's."""
        self.plan, self.site, self.nav = Rebuild(), None, None


def merged_search_docs(
    order: Iterable[tuple[str, str]],
    new_entries: Iterable[dict[str, Any]],
    kept: Mapping[str, Sequence[dict[str, Any]]],
) -> tuple[list[dict[str, Any]], dict[str, tuple[dict[str, Any], ...]]]:
    """The search index's entries in page order, as a cold build lists them, and each page's share.

    order: (src_uri, url) of every page in build order; new_entries: the entries indexed in this
    build (each located at its page's url, or url#anchor); kept: the remembered entries of the
    pages this build did not index.
    """
    by_url: dict[str, list[dict[str, Any]]] = {}
    for entry in new_entries:
        by_url.setdefault(str(entry.get("location", "")).split("#", 1)[0], []).append(entry)
    docs: list[dict[str, Any]] = []
    shares: dict[str, tuple[dict[str, Any], ...]] = {}
    for src_uri, url in order:
        share = tuple(kept[src_uri]) if src_uri in kept else tuple(by_url.get(url, ()))
        shares[src_uri] = share
        docs.extend(share)
    return docs, shares


def rewrite_search_index(path: Path, docs: list[dict[str, Any]]) -> None:
    """Replace the entries of the index file Material wrote, in Material's own JSON form."""
    index = json.loads(path.read_text(encoding="utf-8"))
    index["docs"] = docs
    path.write_bytes(json.dumps(index, separators=(",", ":"), default=str).encode("utf-8"))
