"""Sanitising contributor HTML: what hand-written Markdown pages may put in front of a reader.

Python-Markdown passes raw HTML through, keeps `javascript:` links, and `attr_list` lets text
add any attribute (`{: onmouseover=... }`, `{: href="javascript:..." }`). Generated pages never
need this (their content is escaped by Jinja); hand-written pages under the docs folder do. The
rendered HTML goes through nh3 (Rust ammonia) with an allowlist of the markup Python-Markdown,
its footnotes, tables and toc extensions and Material produce: everything else is dropped, and
URLs keep only the http, https and mailto schemes, or stay relative.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from typing import Any

import nh3

from briefing.publish.remote_resources import is_remote

URL_SCHEMES = frozenset({"http", "https", "mailto"})

_TAGS = frozenset(
    {
        "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del",
        "details", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr",
        "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "small", "span", "strong",
        "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "var",
    }
)  # fmt: skip

# `id` and `class` carry footnote, heading-permalink, admonition and code-highlighting markup.
_ATTRIBUTES: dict[str, set[str]] = {
    "*": {"id", "class", "title", "lang"},
    "a": {"href", "data-entity"},  # data-entity: the cross-links linking.py adds
    "img": {"src", "alt", "width", "height", "loading"},
    "ol": {"start"},
    "td": {"style", "colspan", "rowspan"},
    "th": {"style", "colspan", "rowspan", "scope"},
    "time": {"datetime"},
    "abbr": set(),
    "details": {"open"},
    "blockquote": {"cite"},
    "q": {"cite"},
    "del": {"datetime"},
    "ins": {"datetime"},
}

# Material's own widgets use ids such as __search and __drawer; a page must not shadow them.
_RESERVED_ID_PREFIX = "__"
# Classes that make markup look like the site's own controls (Material's md-button and every md-*)
# or its generated parts (briefing-*: citations, infoboxes, cross-links). Footnote markup is kept
# only where Python-Markdown's footnotes extension puts it; see _footnote_links.
_SITE_CLASS_PREFIXES = ("md-", "briefing-")
_FOOTNOTE_CLASSES = {"footnote": "div", "footnote-ref": "a", "footnote-backref": "a"}
_FOOTNOTE_IDS = {"fn:": "li", "fnref": "sup"}  # fn:1 on the note, fnref:1 (fnref2:1, ...) on the mark
_CROSS_LINK_CLASS = "briefing-xref"  # what linking.py adds, once the page's own classes are gone


def _filter_attribute(tag: str, attribute: str, value: str, *, cross_links: bool) -> str | None:
    if attribute == "id":
        if value.startswith(_RESERVED_ID_PREFIX):
            return None
        owner = next((t for prefix, t in _FOOTNOTE_IDS.items() if value.startswith(prefix)), tag)
        return value if owner == tag else None
    if attribute == "class":
        kept = [name for name in value.split() if _class_allowed(tag, name, cross_links=cross_links)]
        return " ".join(kept) or None
    if attribute == "src" and is_remote(value):
        return None  # refused with file:line by remote_resources.py; never published
    return value


def _class_allowed(tag: str, name: str, *, cross_links: bool) -> bool:
    if name in _FOOTNOTE_CLASSES:
        return _FOOTNOTE_CLASSES[name] == tag
    if cross_links and tag == "a" and name == _CROSS_LINK_CLASS:
        return True
    return not name.startswith(_SITE_CLASS_PREFIXES)


def _cleaner(*, cross_links: bool) -> nh3.Cleaner:
    attributes = {tag: set(names) for tag, names in _ATTRIBUTES.items()}
    if not cross_links:
        attributes["a"].discard("data-entity")
    return nh3.Cleaner(
        tags=set(_TAGS),
        clean_content_tags={"script", "style"},
        attributes=attributes,
        attribute_filter=lambda tag, attribute, value: _filter_attribute(
            tag, attribute, value, cross_links=cross_links
        ),
        strip_comments=True,
        link_rel=None,
        url_schemes=set(URL_SCHEMES),
        # The tables extension aligns columns with style="text-align: ..."; no other style survives.
        filter_style_properties={"text-align"},
    )


_CLEANERS = {flag: _cleaner(cross_links=flag) for flag in (False, True)}
_A_TAG = re.compile(r"<a\b[^>]*>")
_FOOTNOTE_HREFS = {"footnote-ref": "#fn:", "footnote-backref": "#fnref"}


def sanitize_html(fragment: str, *, cross_links: bool = False) -> str:
    """The fragment with every tag, attribute and URL outside the allowlist removed; text is kept.

    `cross_links`: keep the links linking.py added (class briefing-xref, data-entity). Sanitise
    once without it before linking, so that a page cannot bring its own, and once with it after.
    """
    return _A_TAG.sub(_footnote_links, str(_CLEANERS[cross_links].clean(fragment)))


def _footnote_links(match: re.Match[str]) -> str:
    """A footnote mark or back link keeps its class only while it points into the page's own notes."""
    tag = match.group()
    href = re.search(r' href="([^"]*)"', tag)
    classes = re.search(r' class="([^"]*)"', tag)
    if classes is None:
        return tag
    kept = [
        c
        for c in classes[1].split()
        if not (c in _FOOTNOTE_HREFS and not (href and href[1].startswith(_FOOTNOTE_HREFS[c])))
    ]
    replacement = f' class="{" ".join(kept)}"' if kept else ""
    return tag[: classes.start()] + replacement + tag[classes.end() :]


def safe_title(title: str, *, is_html: bool) -> str:
    """A page title as escaped text, for themes that print titles without escaping.

    A title from front matter is plain text (`is_html=False`); one MkDocs took from the first
    heading is HTML with its tags stripped and its entities kept (`is_html=True`).
    """
    text = html.unescape(nh3.clean(title, tags=set())) if is_html else title
    return html.escape(" ".join(text.split()))


def safe_meta(meta: Mapping[str, Any]) -> dict[str, Any]:
    """Front matter with every string HTML-escaped: themes print `description`, `subtitle`, `status` raw."""
    return {key: _escaped(value) for key, value in meta.items()}


def _escaped(value: Any) -> Any:
    if isinstance(value, str):
        return html.escape(value)
    if isinstance(value, list):
        return [_escaped(item) for item in value]
    if isinstance(value, dict):
        return {key: _escaped(item) for key, item in value.items()}
    return value
