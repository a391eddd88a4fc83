"""Addresses for the outputs that leave the page: absolute with `site_url`, else relative.

The feed, the API and JSON-LD name pages from outside them. With `site_url` every address is
absolute (`https://example.org/briefing/leaders/kim-jong-un/#fact-2`); without it (the offline
edition) an address is relative to the file that names it, which is as far as any reader can
resolve it.
"""

from __future__ import annotations

from briefing.render.urls import page_url, relative_url


class SiteUrls:
    def __init__(self, site_url: str | None, directory_urls: bool) -> None:
        self.site_url = (site_url.rstrip("/") + "/") if site_url else None
        self.directory_urls = directory_urls

    def page(self, src_uri: str, anchor: str | None = None, *, from_path: str = "") -> str:
        """The page built from `src_uri`, named from the file at `from_path` (a site path like 'feed.xml')."""
        url = self.path(page_url(src_uri, self.directory_urls), from_path=from_path)
        return f"{url}#{anchor}" if anchor else url

    def path(self, site_path: str, *, from_path: str = "") -> str:
        """A file of the site: 'api/briefing.json', 'feed.xml'."""
        if self.site_url:
            return self.site_url + site_path
        return relative_url(site_path, from_path)

    def from_page(self, src_uri: str) -> str:
        """The site path of the page built from `src_uri`, to name other files from it."""
        return page_url(src_uri, self.directory_urls)
