"""Page addresses and relative links, with and without directory URLs (the offline build has none)."""

from __future__ import annotations

import posixpath

import pytest

from briefing.render.urls import Hrefs, page_url, relative_url


@pytest.mark.parametrize(
    ("src_uri", "directory_urls", "url"),
    [
        ("index.md", True, ""),
        ("index.md", False, "index.html"),
        ("leaders/index.md", True, "leaders/"),
        ("leaders/index.md", False, "leaders/index.html"),
        ("leaders/kim-jong-un.md", True, "leaders/kim-jong-un/"),
        ("leaders/kim-jong-un.md", False, "leaders/kim-jong-un.html"),
        ("sources/2023-x.md", True, "sources/2023-x/"),
    ],
)
def test_page_url(src_uri: str, directory_urls: bool, url: str) -> None:
    assert page_url(src_uri, directory_urls) == url


@pytest.mark.parametrize(
    ("to_url", "from_url", "link"),
    [
        ("sources/x/", "leaders/kim/", "../../sources/x/"),
        ("leaders/putin/", "leaders/kim/", "../putin/"),
        ("leaders/", "leaders/kim/", "../"),
        ("", "leaders/kim/", "../../"),
        ("leaders/kim/", "", "leaders/kim/"),
        ("leaders/kim/", "leaders/", "kim/"),
        ("sources/x.html", "leaders/kim.html", "../sources/x.html"),
        ("leaders/putin.html", "leaders/kim.html", "putin.html"),
        ("index.html", "leaders/index.html", "../index.html"),
        ("leaders/index.html", "index.html", "leaders/index.html"),
        ("leaders/kim/", "leaders/kim/", "./"),
    ],
)
def test_relative_url(to_url: str, from_url: str, link: str) -> None:
    assert relative_url(to_url, from_url) == link


@pytest.mark.parametrize(
    ("directory_urls", "to_uri", "anchor", "href"),
    [
        (True, "sources/x.md", "p4", "../../sources/x/#p4"),
        (False, "sources/x.md", "p4", "../sources/x.html#p4"),
        (True, "leaders/kim.md", "fact-1", "#fact-1"),
        (True, "leaders/kim.md", None, "./"),
        (False, "countries/index.md", None, "../countries/index.html"),
    ],
)
def test_hrefs_from_a_leader_page(directory_urls: bool, to_uri: str, anchor: str | None, href: str) -> None:
    assert Hrefs("leaders/kim.md", directory_urls)(to_uri, anchor) == href


@pytest.mark.parametrize(
    ("to_uri", "href"),
    [
        ("notes/my page.md", "../../notes/my%20page/"),
        ("notes/100% sure.md", "../../notes/100%25%20sure/"),
        ("notes/café.md", "../../notes/caf%C3%A9/"),
    ],
)
def test_hrefs_are_percent_encoded_as_mkdocs_encodes_page_urls(to_uri: str, href: str) -> None:
    assert Hrefs("leaders/kim-jong-un.md", True)(to_uri) == href


@pytest.mark.parametrize("from_url", ["", "index.html", "leaders/", "leaders/kim/", "leaders/kim.html", "a/b/c/"])
@pytest.mark.parametrize("to_url", ["", "index.html", "leaders/", "leaders/kim/", "sources/x.html", "a/b/d/", "a/"])
def test_relative_url_is_posixpaths_relpath_from_the_pages_folder(to_url: str, from_url: str) -> None:
    from_dir = from_url if from_url.endswith("/") else posixpath.dirname(from_url)
    expected = posixpath.relpath(to_url or ".", from_dir or ".")
    if to_url.endswith("/") or not to_url:
        expected = "./" if expected == "." else expected + "/"
    assert relative_url(to_url, from_url) == expected
