"""Text, links and numbers inside generated SVG and HTML: the one place that escapes and formats them.

Contracts shared by every picture:

- `text()` and `attr()` return strings safe inside XML/HTML content and double-quoted attributes;
  characters XML 1.0 forbids (C0 controls other than tab, newline, carriage return) are dropped.
- `safe_href()` returns an escaped attribute value, or None when the link must be dropped.
- `num()` formats coordinates with one decimal place at most, identical on every platform.
"""

from __future__ import annotations

import html
import re
import textwrap

_XML_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# Browsers ignore ASCII whitespace and controls when they read a URL's scheme ("java\tscript:").
_URL_IGNORED = re.compile(r"[\x00-\x20\x7f]")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
_ALLOWED_SCHEMES = frozenset({"http", "https"})

# Average advance of a character in em, for sans-serif Latin text; wrapping errs on the short side.
CHAR_EM = 0.52


def text(value: str) -> str:
    """Escape `value` for element content or a double-quoted attribute (XML and HTML alike)."""
    return html.escape(_XML_FORBIDDEN.sub("", value), quote=True)


def attr(value: str) -> str:
    """Same as `text()`; named for call sites that build attributes."""
    return text(value)


def safe_href(href: str) -> str | None:
    """The escaped href, or None for an empty link or one whose scheme is not http or https.

    Relative URLs ("../countries/iran/", "#top", "page.html?a=1") pass; so do http(s) URLs.
    `javascript:`, `data:`, `vbscript:` and every other scheme are refused, also when disguised
    with case, whitespace or control characters.
    """
    stripped = _URL_IGNORED.sub("", href)
    if not stripped:
        return None
    scheme = _SCHEME.match(stripped)
    if scheme and scheme.group(1).lower() not in _ALLOWED_SCHEMES:
        return None
    return attr(href.strip())


def num(value: float) -> str:
    """`value` with at most one decimal place: 12.0 -> "12", -0.04 -> "0", 3.25 -> "3.2" (round half even)."""
    formatted = f"{value:.1f}"
    if formatted.endswith(".0"):
        formatted = formatted[:-2]
    return "0" if formatted == "-0" else formatted


def text_width(value: str, font_px: float) -> float:
    """Estimated rendered width of `value` in pixels at `font_px`."""
    return len(value) * font_px * CHAR_EM


def chars_fitting(width_px: float, font_px: float) -> int:
    """How many characters fit in `width_px` at `font_px` (at least 4)."""
    return max(4, int(width_px / (font_px * CHAR_EM)))


def wrap(value: str, max_chars: int, max_lines: int) -> tuple[list[str], bool]:
    """Split `value` into at most `max_lines` lines of at most `max_chars` characters.

    Returns (lines, shortened). When the text does not fit, the last line ends with "…" and
    `shortened` is True, so the caller can put the full text in a `<title>`.
    """
    clean = " ".join(_XML_FORBIDDEN.sub("", value).split())
    if not clean:
        return [""], False
    lines = textwrap.wrap(clean, max_chars, break_long_words=True, break_on_hyphens=True)
    if len(lines) <= max_lines:
        return lines, False
    kept = lines[:max_lines]
    kept[-1] = kept[-1][: max(1, max_chars - 1)].rstrip() + "…"
    return kept, True


def text_lines(lines: list[str], x: float, y: float, line_px: float, css_class: str, anchor: str = "middle") -> str:
    """`<text>` with one `<tspan>` per line, the first baseline at `y`."""
    spans = "".join(
        f'<tspan x="{num(x)}" y="{num(y + i * line_px)}">{text(line)}</tspan>' for i, line in enumerate(lines)
    )
    return f'<text class="{css_class}" text-anchor="{anchor}">{spans}</text>'
