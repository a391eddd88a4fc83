"""Cross-links: mentions of entities in a rendered page become links to their pages.

link_html() reads the page as HTML tokens (html_tokens.py), finds names only in text that a
reader sees outside headings, code, links and the like, and inserts <a> elements into those text
runs. Everything else is copied from the input unchanged, byte for byte. Matching happens on the
decoded text (&amp; is "&"), while the link wraps the original markup of the name. The rules are
described for contributors in docs/linking.md; names are found by alias_index, each short text (a label,
a fact, a summary: they recur from page to page) scanned once per build.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from weakref import WeakKeyDictionary

from briefing.link.alias_index import (
    AliasClash,
    AliasIndex,
    AliasSite,
    AliasSpec,
    Match,
    Mention,
    build_alias_index,
)
from briefing.link.folding import OffsetMap
from briefing.link.html_tokens import plain_pieces
from briefing.link.html_tokens import tokens as html_tokens

__all__ = [
    "AliasClash",
    "AliasIndex",
    "AliasSite",
    "AliasSpec",
    "LinkResult",
    "Mention",
    "build_alias_index",
    "link_html",
]

HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
NEVER_LINKED_INSIDE = HEADINGS | frozenset(
    {"a", "code", "pre", "kbd", "samp", "script", "style", "textarea", "title", "template", "svg", "math",
     "button", "select", "option", "head"}
)  # fmt: skip
# Tags that sit inside a word's flow: text on both sides of them reads as one ("<b>Niger</b>ia").
_INLINE = frozenset(
    {"a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "i", "ins", "kbd", "mark",
     "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", ""}
)  # fmt: skip
# The pattern html.unescape() uses, so that each reference decodes exactly as the whole text would.
_CHARREF = re.compile(r"&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\t\n\f <&#;]{1,32};?)")


_SCAN_KEPT_LENGTH = 400
_SCANS_KEPT = 100_000  # about 35 MB: 30,000 texts took 11 MB at 1,000 pages
_scans: WeakKeyDictionary[AliasIndex, dict[tuple[str, str, str], tuple[Match, ...]]] = WeakKeyDictionary()


def scan_repeated(index: AliasIndex, text: str, before: str = "", after: str = "") -> tuple[Match, ...]:
    """index.scan() for text that recurs from page to page (labels, facts, summaries): each scanned once.

    Only short texts are kept (a source's paragraphs occur once), at most _SCANS_KEPT per index.
    """
    return _scan_kept(_scans.setdefault(index, {}), index, text, before, after)


def _scan_kept(
    kept: dict[tuple[str, str, str], tuple[Match, ...]], index: AliasIndex, text: str, before: str, after: str
) -> tuple[Match, ...]:
    if len(text) > _SCAN_KEPT_LENGTH:
        return tuple(index.scan(text, before, after))
    key = (text, before, after)
    found = kept.get(key)
    if found is None:
        if len(kept) >= _SCANS_KEPT:
            kept.clear()
        found = kept[key] = tuple(index.scan(text, before, after))
    return found


@dataclass(frozen=True)
class LinkResult:
    html: str
    linked: tuple[tuple[str, int], ...]
    """(entity_id, number of links added), sorted by entity id."""


@dataclass(slots=True)
class _Run:
    """Adjacent text between tags; `joined` when only inline tags separate it from the previous run."""

    start: int
    end: int
    linkable: bool
    section: int
    joined: bool
    text: str = ""
    offsets: OffsetMap | None = None


def _text_runs(source: str) -> list[_Run]:
    pieces = plain_pieces(source)
    return _runs_of_tokens(source) if pieces is None else _runs_of_plain(pieces)


def _runs_of_plain(pieces: list[str]) -> list[_Run]:
    """_runs_of_tokens() for a plain page, read from its pieces (html_tokens.plain_pieces): the same runs."""
    open_elements: Counter[str] = Counter()
    inside = 0  # elements open that nothing is linked in: open_elements.total()
    section, position = 0, len(pieces[0])
    runs = [_Run(0, position, True, 0, False)] if position else []
    joined = bool(runs)
    for at in range(1, len(pieces), 6):
        whole, closing, name, _, _, text = pieces[at : at + 6]
        name = name.lower()
        if name in NEVER_LINKED_INSIDE:  # none of them is void: a slash (<code/>) still opens it
            if not closing:
                section += name in HEADINGS
                open_elements[name] += 1
                inside += 1
            elif open_elements[name]:
                open_elements[name] -= 1
                inside -= 1
        joined = joined and name in _INLINE
        position += len(whole)
        if text:  # no text of a plain page holds a "<", and two texts never touch
            runs.append(_Run(position, position + len(text), inside == 0, section, joined))
            position += len(text)
            joined = True
    return runs


def _runs_of_tokens(source: str) -> list[_Run]:
    tokens = html_tokens(source)
    ends = [token[1] for token in tokens[1:]] + [len(source)] if tokens else []
    open_elements: Counter[str] = Counter()
    inside = 0  # elements open that nothing is linked in: open_elements.total()
    runs: list[_Run] = []
    section, joined = 0, False
    for (kind, start, tag), end in zip(tokens, ends, strict=True):
        if kind == "data":
            if source.startswith("<", start):  # a lone "<", or markup the parser gave up on
                joined = False
            elif runs and runs[-1].end == start and joined:
                runs[-1].end = end
            else:
                runs.append(_Run(start, end, inside == 0, section, joined))
                joined = True
            continue
        if tag in NEVER_LINKED_INSIDE:
            if kind == "start":
                section += tag in HEADINGS
                open_elements[tag] += 1
                inside += 1
            elif kind == "end" and open_elements[tag]:
                open_elements[tag] -= 1
                inside -= 1
        joined = joined and tag in _INLINE
    return runs


_IN_STEP = OffsetMap([])


def _decode(raw: str) -> tuple[str, OffsetMap]:
    """The text a reader sees, with the way back from its offsets to the markup's."""
    if "&" not in raw:
        return raw, _IN_STEP
    spans: list[tuple[int, int, int, int]] = []
    parts: list[str] = []
    done = length = 0
    for reference in _CHARREF.finditer(raw):
        decoded = html.unescape(reference.group())
        if decoded == reference.group():
            continue
        start, end = reference.span()
        parts.append(raw[done:start])
        length += start - done
        parts.append(decoded)
        spans.append((length, length + len(decoded), start, end))
        length += len(decoded)
        done = end
    parts.append(raw[done:])
    return "".join(parts), OffsetMap(spans)


def link_html(
    source: str,
    index: AliasIndex,
    url_for: Callable[[str], str | None],
    *,
    self_id: str | None = None,
    every_mention: bool = False,
    css_class: str = "briefing-xref",
) -> LinkResult:
    """The page with its mentions linked: the first of each entity per section, or every one.

    url_for(entity_id) gives the href (None: leave that entity unlinked); it is asked once per
    entity. A section starts at each h1-h6. Mentions of self_id are never linked.
    """
    runs = _text_runs(source)

    def decoded(run: _Run) -> tuple[str, OffsetMap]:
        if run.offsets is None:  # decoded when linkable or next to a linkable run: most of a page is neither
            run.text, run.offsets = _decode(source[run.start : run.end])
        return run.text, run.offsets

    kept = _scans.setdefault(index, {})  # once a page: a WeakKeyDictionary look-up is slow
    urls: dict[str, str | None] = {}
    linked_in_section: set[tuple[int, str]] = set()
    counts: Counter[str] = Counter()
    parts: list[str] = []
    done = 0
    for number, run in enumerate(runs):
        if not run.linkable:
            continue
        text, offsets = decoded(run)
        if text.isspace():
            continue  # no name is blank: most runs of a generated page are the newlines between its tags
        before = decoded(runs[number - 1])[0][-1:] if number and run.joined else ""
        following = runs[number + 1] if number + 1 < len(runs) else None
        after = decoded(following)[0][:1] if following and following.joined else ""
        for match in _scan_kept(kept, index, text, before, after):
            entity_id = match.entity_id
            if entity_id is None or entity_id == self_id:
                continue
            if not every_mention and (run.section, entity_id) in linked_in_section:
                continue
            if entity_id not in urls:
                urls[entity_id] = url_for(entity_id)
            url = urls[entity_id]
            start, end = offsets.source(match.start), offsets.source(match.end)
            if url is None or start is None or end is None:
                continue
            start, end = run.start + start, run.start + end
            attributes = f'class="{html.escape(css_class)}" href="{html.escape(url)}"'
            parts += [source[done:start], f'<a {attributes} data-entity="{html.escape(entity_id)}">']
            parts += [source[start:end], "</a>"]
            done = end
            linked_in_section.add((run.section, entity_id))
            counts[entity_id] += 1
    parts.append(source[done:])
    return LinkResult("".join(parts), tuple(sorted(counts.items())))
