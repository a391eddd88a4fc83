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
from collections.abc import Mapping
from typing import Any

import nh3

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


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    if attribute == "id" and value.startswith(_RESERVED_ID_PREFIX):
        return None
    return value


_CLEANER = nh3.Cleaner(
    tags=set(_TAGS),
    clean_content_tags={"script", "style"},
    attributes={tag: set(names) for tag, names in _ATTRIBUTES.items()},
    attribute_filter=_filter_attribute,
    strip_comments=True,
    link_rel=None,
    url_schemes=set(URL_SCHEMES),
    # The tables extension aligns columns with style="text-align: ..."; no other style survives.
    filter_style_properties={"text-align"},
)


def sanitize_html(fragment: str) -> str:
    """The fragment with every tag, attribute and URL outside the allowlist removed; text is kept."""
    return str(_CLEANER.clean(fragment))


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
