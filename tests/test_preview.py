"""The banner `mkdocs serve` puts on every page while the content has errors: exact, escaped HTML."""

from __future__ import annotations

from briefing.problems import Problem, Severity
from briefing.publish.preview import problems_banner


def test_banner_lists_each_error_escaped_and_leaves_warnings_to_the_log() -> None:
    problems = [
        Problem("briefings/leaders/x.yml", 3, 7, "summary", "expected text, got '<script>'"),
        Problem("sources/a.md", 0, 0, "", "old & stale", Severity.WARNING),
    ]
    assert problems_banner(problems) == (
        '<div class="admonition failure briefing-problems" role="alert">'
        '<p class="admonition-title">1 problem in the content: this preview shows the last good build</p>'
        "<ul><li><code>briefings/leaders/x.yml:3:7: summary: expected text, got &#x27;&lt;script&gt;&#x27;</code></li></ul>"
        "<p>Fix them and save; the page reloads without this box.</p></div>\n"
    )
