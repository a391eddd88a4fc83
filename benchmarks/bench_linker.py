"""Chooses the multi-name matcher of the alias index: pyahocorasick or a trie-shaped regular expression.

Run from the repository root:

    .venv/bin/python benchmarks/bench_linker.py --text-mb 10 --aliases 5000

Both matchers get the same folded text and the same folded names, and must return the same
leftmost-longest, word-bounded matches (the script stops if they differ). Then the library as
built (alias_index / linking) is timed end to end on the same text, as plain text and as HTML.
The text is synthetic but shaped like briefings: lower-case prose of invented words, with
capitalised names (1-3 words, some acronyms, some possessives) every few words.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

try:
    import ahocorasick
except ImportError:  # a development tool, not a dependency of the site
    ahocorasick = None

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "plugins"))

from briefing.link.alias_index import _trie_pattern, name_boundaries
from briefing.link.folding import fold
from briefing.link.linking import AliasSpec, build_alias_index, link_html

_T = TypeVar("_T")
_SYLLABLES = ("ba", "ka", "ri", "do", "mu", "se", "ta", "lo", "ne", "vi", "gu", "ra", "zo", "pe", "ki", "ma", "nu",
              "so", "te", "ha", "ja", "wo", "ye", "qua", "tri")  # fmt: skip


def timed(label: str, action: Callable[[], _T]) -> _T:
    started = time.perf_counter()
    result = action()
    print(f"  {label:<44} {time.perf_counter() - started:8.3f} s")
    return result


_OTHER_SYLLABLES = ("fe", "ho", "ly", "wu", "xi", "cy", "fo", "hu", "we", "xo", "ce", "fy")


def invented_word(rng: random.Random, syllables: int, alphabet: tuple[str, ...] = _SYLLABLES) -> str:
    return "".join(rng.choice(alphabet) for _ in range(syllables))


def invented_names(rng: random.Random, count: int) -> list[str]:
    names: set[str] = set()
    while len(names) < count:
        roll = rng.random()
        if roll < 0.1:
            name = "".join(rng.choice("ABCDEFGHKLMNPRSTU") for _ in range(rng.randint(2, 5)))
        elif roll < 0.15:
            name = ".".join(rng.choice("ABCDEFGHKLMNPRSTU") for _ in range(rng.randint(2, 3))) + "."
        else:
            words = [invented_word(rng, rng.randint(2, 4)).capitalize() for _ in range(rng.randint(1, 3))]
            name = " ".join(words)
        names.add(name)
    return sorted(names)


def invented_text(rng: random.Random, names: list[str], megabytes: float, prose: str) -> str:
    alphabet = _SYLLABLES if prose == "shared" else _OTHER_SYLLABLES
    vocabulary = [invented_word(rng, rng.randint(1, 3), alphabet) for _ in range(3000)]
    wanted = int(megabytes * 1_000_000)
    parts: list[str] = []
    size = 0
    while size < wanted:
        sentence = [rng.choice(vocabulary) for _ in range(rng.randint(8, 20))]
        for _ in range(rng.randint(0, 3)):
            name = rng.choice(names) + rng.choice(["", "", "", "'s", "’s"])
            sentence.insert(rng.randrange(len(sentence) + 1), name)
        line = " ".join(sentence).capitalize() + rng.choice([". ", ", ", "; ", ".\n"])
        parts.append(line)
        size += len(line)
    return "".join(parts)


def trie_regex(keys: list[str]) -> re.Pattern[str]:
    """The pattern AliasIndex compiles: boundaries, then one alternation per trie node."""
    trie: dict[str, Any] = {}
    for key in keys:
        node = trie
        for ch in key:
            node = node.setdefault(ch, {})
        node[""] = {}
    starts, ends = name_boundaries()
    return re.compile(starts + _trie_pattern(trie) + ends)


def scan_regex(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


def _is_letter(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def build_automaton(keys: list[str]) -> Any:
    automaton = ahocorasick.Automaton()
    for key in keys:
        automaton.add_word(key, len(key))
    automaton.make_automaton()
    return automaton


def scan_automaton(automaton: Any, text: str) -> list[tuple[int, int]]:
    """Every hit, kept where it starts and ends a word, then leftmost-longest; the same semantics as
    the regular expression for the Latin-script text made here."""
    hits: list[tuple[int, int]] = []
    size = len(text)
    for last, length in automaton.iter(text):
        start, end = last + 1 - length, last + 1
        if start and _is_letter(text[start - 1]):
            continue
        possessive = text.startswith("'s", end) and (end + 2 == size or not _is_letter(text[end + 2]))
        if end < size and _is_letter(text[end]) and not possessive:
            continue
        hits.append((start, -end))
    hits.sort()
    chosen: list[tuple[int, int]] = []
    taken = 0
    for start, minus_end in hits:
        if start >= taken:
            chosen.append((start, -minus_end))
            taken = -minus_end
    return chosen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--text-mb", type=float, default=10.0, help="size of the text (default 10)")
    parser.add_argument("--aliases", type=int, default=5000, help="number of names (default 5000)")
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument(
        "--prose",
        choices=["shared", "distinct"],
        default="shared",
        help="prose words made of the same syllables as the names (shared: many names inside words, the "
        "worst case for a matcher that reports every hit) or of other syllables (distinct: few)",
    )
    args = parser.parse_args()

    rng = random.Random(args.seed)
    names = invented_names(rng, args.aliases)
    text = invented_text(rng, names, args.text_mb, args.prose)
    print(f"{len(names)} names, {len(text) / 1e6:.1f} million characters of text, {args.prose} syllables")

    print("folding (shared by both matchers)")
    folded, _ = timed("fold text", lambda: fold(text))
    keys = sorted({fold(name)[0] for name in names})

    print("pyahocorasick")
    by_automaton = None
    if ahocorasick is None:
        print("  not installed (pip install pyahocorasick): skipped")
    else:
        automaton = timed("build automaton", lambda: build_automaton(keys))
        by_automaton = timed("scan (hits, boundaries, leftmost-longest)", lambda: scan_automaton(automaton, folded))

    print("trie-shaped regular expression")
    pattern = timed("build pattern and compile", lambda: trie_regex(keys))
    by_regex = timed("scan (finditer)", lambda: scan_regex(pattern, folded))

    if by_automaton is not None and by_automaton != by_regex:
        differ = next(i for i, (a, b) in enumerate(zip(by_automaton, by_regex, strict=False)) if a != b)
        sys.exit(f"the matchers disagree: {len(by_automaton)} vs {len(by_regex)} matches, first at #{differ}")
    print(f"  {len(by_regex)} matches" + (", the same for both" if by_automaton is not None else ""))

    print("library as built (alias_index + linking: trie-shaped regular expression)")
    specs = [AliasSpec(f"entity-{n}", "topic", name) for n, name in enumerate(names)]
    index, _ = timed("build_alias_index", lambda: build_alias_index(specs))
    mentions = timed("find_mentions (plain text)", lambda: index.find_mentions(text))
    page = "".join(f"<p>{line}</p>\n" for line in text.replace("&", "&amp;").split("\n"))
    result = timed("link_html, every mention", lambda: link_html(page, index, lambda e: f"../{e}/", every_mention=True))
    linked = sum(count for _, count in result.linked)
    print(f"  {len(mentions)} mentions in the text, {linked} links in the page")


if __name__ == "__main__":
    main()
