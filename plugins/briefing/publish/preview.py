"""The preview (`mkdocs serve`) with problems in the content: the last good site, the problems on every page.

MkDocs' live-reload server holds every page request until a rebuild succeeds, so a build that
stops at a broken quote left the author's browser waiting with no word of why. Under `serve`
the adapter builds the last good briefing instead and puts this banner at the top of every page;
the next save that fixes the content rebuilds without it.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from briefing.problems import Problem, Severity

BANNER_CLASS = "briefing-problems"


def problems_banner(problems: Sequence[Problem]) -> str:
    """An admonition listing each error as `file:line:col: field: message`, every character escaped."""
    errors = [p for p in problems if p.severity is Severity.ERROR]
    count = f"{len(errors)} problem{'s' if len(errors) != 1 else ''}"
    items = "".join(f"<li><code>{escape(p.format())}</code></li>" for p in errors)
    return (
        f'<div class="admonition failure {BANNER_CLASS}" role="alert">'
        f'<p class="admonition-title">{count} in the content: this preview shows the last good build</p>'
        f"<ul>{items}</ul>"
        "<p>Fix them and save; the page reloads without this box.</p></div>\n"
    )
