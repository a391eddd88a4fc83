"""The search index of the offline edition: one entry per page, so search stays usable at thousands of pages.

Material's search on file:// runs its worker inside the page (iframe-worker), so building the
index blocks the reader. What it costs grows with the number of entries, one per page
section: at 5,000 pages the full index has ~34,000 entries and froze the page for minutes.
Folding each page's sections into one entry of bounded text keeps titles, aliases (the
`tags` field) and the opening text searchable.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

DEFAULT_TEXT_LIMIT = 300
AUTO_ENTRY_LIMIT = 1500
"""In 'auto' mode, fold only above this many entries: below it the full index built in about a second."""


def fold_to_pages(index: dict[str, Any], text_limit: int = DEFAULT_TEXT_LIMIT) -> dict[str, Any]:
    """One entry per page: its title and tags, and its sections' text joined and cut at a word boundary."""
    pages: dict[str, dict[str, Any]] = {}
    texts: dict[str, list[str]] = {}
    for entry in index.get("docs", []):
        location = str(entry.get("location", ""))
        page = location.split("#", 1)[0]
        if page not in pages:
            pages[page] = {"location": page, "title": entry.get("title", ""), "text": ""}
            texts[page] = []
        if "#" in location:
            texts[page].append(str(entry.get("title", "")))
        else:
            pages[page]["title"] = entry.get("title", "")
            if entry.get("tags"):
                pages[page]["tags"] = list(entry["tags"])
        texts[page].append(str(entry.get("text", "")))
    for page, entry in pages.items():
        entry["text"] = _cut(" ".join(t for t in texts[page] if t), text_limit)
    return {**index, "docs": list(pages.values())}


def _cut(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[:limit]
    # Never end inside a tag or a word: the worker would index half a word, or render half a tag.
    if "<" in cut[cut.rfind(">") + 1 :]:
        cut = cut[: cut.rfind("<")]
    return cut.rsplit(" ", 1)[0] + " …"


def fold_index_file(site_dir: Path, text_limit: int = DEFAULT_TEXT_LIMIT, *, above: int = 0) -> tuple[int, int] | None:
    """Rewrite site_dir/search/search_index.json page by page if it has more than `above` entries.

    Returns (entries before, after), or None when there is no index or it was left as it is.
    """
    path = site_dir / "search" / "search_index.json"
    if not path.is_file():
        return None
    index = json.loads(path.read_text(encoding="utf-8"))
    if len(index.get("docs", [])) <= above:
        return None
    folded = fold_to_pages(index, text_limit)
    path.write_text(json.dumps(folded, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return len(index.get("docs", [])), len(folded["docs"])
