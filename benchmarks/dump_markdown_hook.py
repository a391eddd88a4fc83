"""MkDocs hook for the scale benchmark: writes each page's Markdown, as the plugins left it, to a folder.

Set BRIEFING_DUMP_MARKDOWN=/some/folder and add to the benchmark project's mkdocs.yml:

    hooks:
      - /path/to/benchmarks/dump_markdown_hook.py

Without the variable the hook does nothing. The folder then holds the generated pages (front
matter restored) for a plain MkDocs build of the same Markdown without the briefing plugin.
A generated page whose body the plugin hands MkDocs as HTML (briefing/render/html_page.py) is
written as the Markdown with raw HTML blocks that Python-Markdown renders to the same HTML.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml
from mkdocs.utils.meta import get_data

from briefing.render.html_page import as_markdown, is_html_body


def on_page_markdown(markdown: str, /, *, page: Any, config: Any, files: Any) -> str:
    folder = os.environ.get("BRIEFING_DUMP_MARKDOWN")
    if folder:
        target = Path(folder, page.file.src_uri)
        target.parent.mkdir(parents=True, exist_ok=True)
        body = get_data(page.file.content_string)[0] if page.file.generated_by else ""
        written = as_markdown(body) if is_html_body(body) else markdown  # the plugin left MkDocs the headings only
        front = f"---\n{yaml.safe_dump(page.meta, allow_unicode=True, sort_keys=True)}---\n\n" if page.meta else ""
        target.write_text(front + written, encoding="utf-8")
    return markdown
