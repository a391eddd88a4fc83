"""Accent-blind search: every accented word of the search index is indexed a second time, unaccented.

Material's search (lunr, in a worker) matches the words a reader types against the words of the
index as they are written, so "Goita" never found "Goïta". Folding the query would need a
change to Material's JavaScript; indexing both spellings needs none, and works the same hosted
and offline (where the offline plugin inlines this very index). Each entry gains two fields the
worker indexes and the result list never shows:

- `folded_names`: the entry's title and tags (a page's name and other names), unaccented, with
  the weight of tags, so "Goita" and "Cote d'Ivoire" rank the page of that name first;
- `folded_text`: the accented words of its text, unaccented, with the weight of text, so a
  passing mention is found too, below the pages of that name.

Only words that change are added, so an index without accents stays as it is. Words of scripts
with no case or accents to fold (Hangul, Chinese) are indexed as written: Material's default
pipeline keeps them, and a name in native_names is a tag like any alias.
"""

from __future__ import annotations

import functools
import html
import json
import re
from pathlib import Path
from typing import Any

from briefing.link.folding import comparable

NAMES_FIELD = "folded_names"
TEXT_FIELD = "folded_text"
FIELD_BOOSTS = {NAMES_FIELD: 1e6, TEXT_FIELD: 1.0}
"""The same weights Material gives tags and text."""

# Letters that are not a base letter plus a combining accent, so NFD leaves them whole.
_LETTERS = str.maketrans(
    {"ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ß": "ss", "đ": "d", "Đ": "D"}
    | {"ł": "l", "Ł": "L", "ı": "i", "þ": "th", "Þ": "Th", "ð": "d", "Ð": "D"}
)
_TAG = re.compile(r"<[^>]*>")
_SEPARATOR = re.compile(r"[\s\-\u2010\u2011]+")
"""Material's default separator, [\\s\\-]+, and the other hyphens the alias index reads as one."""
_EDGES = re.compile(r"^\W+|\W+$")


@functools.lru_cache(maxsize=65536)
def unaccented(word: str) -> str:
    """A word as a reader types it without accents: 'd’Ivoire' -> "d'Ivoire", '“Goïta,' -> 'Goita'.

    Punctuation at either end goes too: Material's search matches a typed word as the start of an
    indexed one, and an indexed '“goita' would not start with 'goita'.
    """
    return _EDGES.sub("", comparable(word.translate(_LETTERS), fold_diacritics=True))


def _changed_words(text: str) -> list[str]:
    words: dict[str, None] = {}
    # An ASCII word never changes (nothing to fold, no hyphen or curly apostrophe): most words are.
    for word in dict.fromkeys(w for w in _SEPARATOR.split(text) if not w.isascii()):
        folded = unaccented(word)
        if folded and folded != _EDGES.sub("", word):
            words.setdefault(folded)
    return list(words)


def _folded_name(name: str) -> str | None:
    """The name unaccented word by word, or None when no word of it changes."""
    if not _changed_words(name):
        return None
    return " ".join(filter(None, map(unaccented, _SEPARATOR.split(name))))


def add_unaccented(index: dict[str, Any]) -> dict[str, Any]:
    """The index with `folded_names` and `folded_text` on every entry that has accented words."""
    return {**_with_fields(index), "docs": [_unaccented_entry(entry) for entry in index.get("docs", [])]}


def _with_fields(index: dict[str, Any]) -> dict[str, Any]:
    """The index with the two fields in its config (and `docs` where add_unaccented() puts it)."""
    config = dict(index.get("config", {}))
    fields = dict(config.get("fields") or {})
    for field, boost in FIELD_BOOSTS.items():
        fields.setdefault(field, {"boost": boost})
    return {**index, "config": {**config, "fields": fields}, "docs": []}


def _unaccented_entry(entry: dict[str, Any]) -> dict[str, Any]:
    entry = dict(entry)
    names = [str(entry.get("title", "")), *map(str, entry.get("tags") or [])]
    if folded_names := list(dict.fromkeys(filter(None, map(_folded_name, names)))):
        entry[NAMES_FIELD] = " ".join(folded_names)
    if folded_text := _changed_words(html.unescape(_TAG.sub(" ", str(entry.get("text", ""))))):
        entry[TEXT_FIELD] = " ".join(folded_text)
    return entry


def add_unaccented_to_file(site_dir: Path) -> bool:
    """Rewrite site_dir/search/search_index.json with the unaccented fields; False when there is no index.

    The file is what json.dumps(add_unaccented(index)) gives, written entry by entry: at thousands
    of pages the index and its text held at once were the largest thing a build held at its end.
    """
    path = site_dir / "search" / "search_index.json"
    if not path.is_file():
        return False
    index = json.loads(path.read_text(encoding="utf-8"))
    docs = index.get("docs", [])
    dump = functools.partial(json.dumps, ensure_ascii=False, separators=(",", ":"))
    with path.open("w", encoding="utf-8") as out:
        for n, (key, value) in enumerate(_with_fields(index).items()):
            out.write(f"{',' if n else '{'}{dump(key)}:")
            if key != "docs":
                out.write(dump(value))
                continue
            out.write("[")
            for i in range(len(docs)):
                entry, docs[i] = docs[i], None  # each entry let go of once written
                out.write(("," if i else "") + dump(_unaccented_entry(entry)))
            out.write("]")
        out.write("}")
    return True
