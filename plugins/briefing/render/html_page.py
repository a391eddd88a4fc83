"""Generated pages as finished HTML, with only their section headings left to Markdown.

A page template writes raw HTML blocks and, between them, Markdown headings (`## Relations`), so
that MkDocs numbers the headings, adds their permalinks and builds the table of contents with the
site's own Markdown settings. Python-Markdown would tokenise every raw block twice to pass it
through unchanged (its HTML-block preprocessor, and MkDocs' scan for anchor ids); at a few thousand
pages that is the largest single cost of a build. So `html_body()` finds the blocks once, from
what only the template can know (the blank lines it writes, with every newline of a value hidden
while the template renders), and gives the page a body MkDocs never tokenises:

    <!--briefing:html-->
    <h1 id="kim">Kim</h1>\n\n<div>...</div>\n\n<!--briefing:md ## Politics-->
    <ul>...</ul>

`markdown_skeleton()` hands MkDocs the headings alone (plus a split mark between them); after its
Markdown stage `joined_html()` puts the blocks back around the headings it rendered. The result
is byte for byte what Python-Markdown makes of the same template output (tests/test_html_page.py
checks it on fixture briefings and on hostile values). Text outside that subset (a tab, a carriage
return, a line of spaces, a block Python-Markdown would read otherwise) is left as Markdown.
"""

from __future__ import annotations

import html
import re

from markupsafe import Markup, escape

HTML_BODY = "<!--briefing:html-->\n"
"""The first line of a generated page's body that is HTML, not Markdown."""
NEWLINE = "<!--briefing:nl-->"
"""Stands for a newline inside a template value while the blocks are found: values never hold "<"."""
_HEADING = "<!--briefing:md "
_HEADING_END = "-->"
SPLIT = "<!--briefing:split-->"
"""Between the headings of the skeleton: Python-Markdown passes a comment block through as it is."""

# Python-Markdown's block-level elements: a raw block must open with one to pass unchanged.
_BLOCK_TAG = re.compile(
    r"<(address|article|aside|blockquote|body|canvas|center|colgroup|dd|details|div|dl|dt|fieldset|figcaption|"
    r"figure|footer|form|group|h[1-6]|header|hgroup|hr|html|iframe|legend|li|main|map|math|menu|nav|noscript|"
    r"object|ol|option|output|p|pre|progress|section|summary|table|tbody|td|tfoot|th|thead|tr|ul|video)[\s>]"
)
_MARKDOWN_HEADING = re.compile(r"#{1,6} [^\n<]*\Z")
_BLANK_LINES = re.compile(r"\n(?:[ \t]*\n)+")
# What Python-Markdown rewrites before it looks at blocks (NormalizeWhitespace), and what it would
# read as something other than raw HTML (comments, declarations, raw-text elements).
_NOT_VERBATIM = re.compile(r"[\t\r\x02\x03]|\n +\n|<(?:!|\?|script|style|textarea)", re.I)
_ID = re.compile(r"""<[a-zA-Z][^<>]*?\sid=(?:"([^"]*)"|'([^']*)')""")


def keep_newlines(value: object) -> Markup:
    """Jinja's `finalize`: a value escaped as autoescape would, its newlines hidden from html_body()."""
    text = escape(value)
    return Markup(text.replace("\n", NEWLINE)) if "\n" in text else text


def html_body(rendered: str) -> str:
    """The body of a generated page from its template output: HTML blocks and Markdown headings.

    `rendered` is a template's output with the values' newlines hidden (keep_newlines). Pages
    outside the subset html_page reads exactly come back as the Markdown they are.
    """
    markdown = rendered.replace(NEWLINE, "\n")
    if _NOT_VERBATIM.search(markdown):
        return markdown
    parts = [HTML_BODY]
    for block in _BLANK_LINES.split(rendered.strip("\n")):
        if _MARKDOWN_HEADING.match(block):
            parts.append(f"{_HEADING}{block}{_HEADING_END}")
            continue
        opening = _BLOCK_TAG.match(block)
        if opening is None or not block.endswith(f"</{opening.group(1)}>"):
            return markdown  # not one raw block as Python-Markdown reads them
        parts.append(block.replace(NEWLINE, "\n") + "\n\n")
    return "".join(parts)


def is_html_body(text: str) -> bool:
    return text.startswith(HTML_BODY)


def _pieces(body: str) -> tuple[list[str], list[str]]:
    """(the HTML before, between and after the headings; the headings' Markdown lines)."""
    first, *rest = body.removeprefix(HTML_BODY).split(_HEADING)
    chunks, headings = [first], []
    for part in rest:
        heading, _, chunk = part.partition(_HEADING_END)
        headings.append(heading)
        chunks.append(chunk)
    return chunks, headings


def markdown_skeleton(body: str) -> str:
    """The Markdown MkDocs renders for a page with an HTML body: its headings, a split mark between them."""
    return f"\n\n{SPLIT}\n\n".join(_pieces(body)[1])


def joined_html(skeleton_html: str, body: str) -> str:
    """The page's HTML: its blocks around the headings Markdown rendered from markdown_skeleton()."""
    chunks, headings = _pieces(body)
    rendered = [h.strip("\n") for h in skeleton_html.split(SPLIT)] if headings else []
    if len(rendered) != len(headings):
        raise ValueError(f"expected {len(headings)} rendered heading(s), found {len(rendered)}")
    parts = [chunks[0]]
    for heading, chunk in zip(rendered, chunks[1:], strict=True):
        parts += [heading, "\n", chunk]
    return "".join(parts).rstrip("\n")


def as_markdown(body: str) -> str:
    """The same page as Markdown with raw HTML blocks, which Python-Markdown renders to the same HTML."""
    if not is_html_body(body):
        return body
    chunks, headings = _pieces(body)
    parts = [chunks[0]]
    for heading, chunk in zip(headings, chunks[1:], strict=True):
        parts += [heading, "\n\n", chunk]
    return "".join(parts)


def anchor_ids(body: str) -> set[str]:
    """The ids of the elements in the blocks of an HTML body (the headings' come from Markdown)."""
    chunks, _ = _pieces(body)
    found = set()
    for chunk in chunks:
        for match in _ID.finditer(chunk):
            value = match.group(1) if match.group(1) is not None else match.group(2)
            found.add(html.unescape(value) if "&" in value else value)
    return found
