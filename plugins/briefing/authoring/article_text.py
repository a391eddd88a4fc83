"""A saved article's paragraphs: plain text or an HTML page, for `briefing add-source`."""

from __future__ import annotations

import re
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

from briefing.problems import Refused
from briefing.read.files import split_paragraphs

MAX_ARTICLE_BYTES = 20_000_000
"""The largest saved page read; the text kept must still fit the content limit (MAX_FILE_BYTES)."""


_HTML_START = re.compile(r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|article|main|p)\b", re.I | re.S)
_SKIPPED = frozenset({"script", "style", "nav", "noscript", "template"})
# Elements whose start closes an open <p>, as browsers do.
_BLOCKS = frozenset(
    {"address", "article", "aside", "blockquote", "div", "dl", "figure", "footer", "form", "header", "hr"}
    | {"h1", "h2", "h3", "h4", "h5", "h6", "li", "main", "nav", "ol", "pre", "section", "table", "ul"}
)


class _ArticleParser(HTMLParser):
    """The text of every <p> (and of the first <h1>), outside script, style and navigation."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)  # entities arrive unescaped in handle_data
        self.paragraphs: list[str] = []
        self.heading: str | None = None
        self._skipping = 0
        self._paragraph: list[str] | None = None
        self._h1: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self._skipping += 1
        if tag in _BLOCKS or tag == "p":
            self._end_paragraph()
        if tag == "p" and not self._skipping:
            self._paragraph = []
        elif tag == "h1" and self.heading is None and not self._skipping:
            self._h1 = []
        elif tag == "br":
            self.handle_data(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self._skipping = max(0, self._skipping - 1)
        elif tag == "p" or tag in _BLOCKS:
            self._end_paragraph()
        if tag == "h1" and self._h1 is not None:
            self.heading = " ".join("".join(self._h1).split()) or None
            self._h1 = None

    def handle_data(self, data: str) -> None:
        if self._skipping:
            return
        for collecting in (self._paragraph, self._h1):
            if collecting is not None:
                collecting.append(data)

    def close(self) -> None:
        super().close()
        self._end_paragraph()

    def _end_paragraph(self) -> None:
        if self._paragraph is not None:
            self.paragraphs.append("".join(self._paragraph))
            self._paragraph = None


def is_html(text: str, file_name: str) -> bool:
    return file_name.lower().endswith((".html", ".htm", ".xhtml")) or bool(_HTML_START.match(text))


def article_paragraphs(text: str, *, html: bool) -> tuple[list[str], str | None]:
    """(paragraphs with their whitespace normalised, the HTML page's first <h1> or None).

    Plain text: paragraphs are separated by blank lines, or are one per line when there is
    no blank line at all (text copied out of a browser often comes that way).
    """
    heading = None
    if html:
        parser = _ArticleParser()
        parser.feed(text)
        parser.close()
        raw, heading = parser.paragraphs, parser.heading
    else:
        text = text.strip()
        has_blank_line = re.search(r"\n\s*\n", text) is not None
        raw = [p.text for p in split_paragraphs(text, 1)] if has_blank_line else text.splitlines()
    paragraphs = [" ".join(unicodedata.normalize("NFC", p).split()) for p in raw]
    return [p for p in paragraphs if p], heading


def read_article(path: Path) -> str:
    """A saved article's text: UTF-8, with or without a byte-order mark."""
    try:
        if path.stat().st_size > MAX_ARTICLE_BYTES:
            raise Refused(f"{path}: larger than {MAX_ARTICLE_BYTES:,} bytes; save only the article")
        data = path.read_bytes()
    except OSError as exc:
        raise Refused(f"{path}: cannot be read: {exc.strerror}") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise Refused(
            f"{path}:{line}: not UTF-8 text (byte 0x{data[exc.start]:02x}); convert it first, "
            f"e.g. iconv -f windows-1252 -t utf-8 {path.name} > article.txt"
        ) from None
