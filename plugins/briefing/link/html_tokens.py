"""Where each token of an HTML page starts: html.parser's reading, and a fast path for plain markup.

The linker (linking.py) needs, for every token, its kind, where it starts in the source and its
tag name. html.parser gives that through line and column positions, and spends most of its time
on attributes that are thrown away. Pages as Python-Markdown writes them (generated pages, and
hand-written ones once sanitised) are plain: every "<" opens a tag with quoted or bare attribute
values, and there is no script, style, comment or declaration. `tokens()` reads such a page with
one regular expression, and hands anything else to html.parser, so both give the same tokens
(tests/test_html_tokens.py compares them on arbitrary markup).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import NamedTuple

VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})


class Token(NamedTuple):
    kind: str  # "data", "start", "end" or "other" (comment, declaration, void element)
    start: int
    tag: str


class _Tokenizer(HTMLParser):
    """Records where each token starts in the source; the source itself is never re-serialised."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self._line_starts = [0, *(m.end() for m in re.finditer("\n", source))]
        self.tokens: list[tuple[str, int, str]] = []
        self.feed(source)
        self.close()

    def _add(self, kind: str, tag: str = "") -> None:
        line, column = self.getpos()
        self.tokens.append(Token(kind, self._line_starts[line - 1] + column, tag))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._add("start", tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # Browsers ignore the slash of <code/> and open the element; only void elements stay empty.
        self._add("other" if tag in VOID else "start", tag)

    def handle_endtag(self, tag: str) -> None:
        self._add("end", tag)

    def handle_data(self, data: str) -> None:
        self._add("data")

    def handle_comment(self, data: str) -> None:
        self._add("other")

    def handle_decl(self, decl: str) -> None:
        self._add("other", "!")

    def handle_pi(self, data: str) -> None:
        self._add("other", "?")

    def unknown_decl(self, data: str) -> None:
        self._add("other", "!")


def parsed_tokens(source: str) -> list[tuple[str, int, str]]:
    """The tokens as html.parser reads them: any markup at all."""
    return _Tokenizer(source).tokens


# A tag as Python-Markdown and Jinja write one: a name of ASCII letters and digits, attributes
# separated by whitespace, values in double or single quotes or bare. html.parser's own patterns
# accept more; what they accept and this does not makes the page "not plain".
_WS = "[\t\n\r\f ]"
_ATTRIBUTE = rf"""[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:{_WS}*={_WS}*(?:"[^"<]*"|'[^'<]*'|[^\t\n\r\f "'<=`>]+))?"""
_TAG = re.compile(rf"<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:{_WS}+{_ATTRIBUTE})*){_WS}*(/?)>")
# What html.parser reads differently: raw-text elements, comments, declarations, processing
# instructions; title and textarea only where their text holds a tag (newer Pythons read it as text).
_UNUSUAL = re.compile(r"<(?:script|style|xmp|iframe|noembed|noframes|noscript|plaintext|[!?])", re.I)
_TAG_IN_TEXT = re.compile(r"<(title|textarea)\b[^<]*<(?!/\1)", re.I)


_TAG_PIECES = re.compile(f"({_TAG.pattern})")
"""_TAG as a whole too, for re.split(): text, then (tag, closing, name, attributes, slash, text) repeated."""
# An end tag with more than its name (`</a x>`, `</a/>`, `</p >`): html.parser ends it at its first
# ">", quoted or not. Declining `</p >` too is only slower: such a page goes to html.parser.
_ODD_END = re.compile(rf"</[a-zA-Z][a-zA-Z0-9-]*[{_WS[1:-1]}/]")


def plain_pieces(source: str) -> list[str] | None:
    """A plain page split at its tags: [text, (tag, closing, name, attributes, slash, text) * tags].

    None when the page is not plain. Every "<" of a plain page opens a tag, so no text holds one.
    """
    if _UNUSUAL.search(source) or _TAG_IN_TEXT.search(source) or _ODD_END.search(source):
        return None
    pieces = _TAG_PIECES.split(source)  # one pass in C
    if len(pieces) // 6 != source.count("<"):
        return None  # a "<" that opens no tag the pattern knows: html.parser reads it its own way
    return pieces


def fast_tokens(source: str) -> list[tuple[str, int, str]] | None:
    """The same tokens as parsed_tokens() for plain markup; None when the page is not plain."""
    pieces = plain_pieces(source)
    if pieces is None:
        return None
    tokens: list[tuple[str, int, str]] = [("data", 0, "")] if pieces[0] else []
    position = len(pieces[0])
    for at in range(1, len(pieces), 6):
        whole, closing, name, _, slash, text = pieces[at : at + 6]
        name = name.lower()
        tokens.append(("end" if closing else "other" if slash and name in VOID else "start", position, name))
        position += len(whole)
        if text:
            tokens.append(("data", position, ""))
            position += len(text)
    return tokens


def tokens(source: str) -> list[tuple[str, int, str]]:
    """Every token of the page with where it starts: the fast path when it applies, else html.parser."""
    fast = fast_tokens(source)
    return parsed_tokens(source) if fast is None else fast
