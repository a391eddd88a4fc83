"""Which names may be linked: not a common word, not too short, not a look-alike spelling.

Every `name`, alias and native name of a sheet is linked wherever it appears on the site, so
`aliases: [a]` would link every "a". A name is refused when it is an English stop word or has
fewer than three letters, unless the sheet lists it under `case_sensitive` (it then matches only
exactly as written) and it is written with capitals: `US` and `Xi` may be names, `a` and `us`
never, and a stop word only as an acronym in capitals, since a capitalised stop word ("The",
"May") starts sentences. Names mixing scripts within a word (a Cyrillic `К` in "Кim"), and
full-width or other compatibility letters, are refused with their code points: they look like
a name a reviewer knows while being another. The script of each letter and its look-alikes come
from the Unicode data shipped in confusable_homoglyphs; nothing is fetched at run time.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from functools import cache, lru_cache

from confusable_homoglyphs import categories, confusables

MIN_LETTERS = 3

# English function words: NLTK's English stop-word list with its contractions left out, plus the
# modal verbs and a few words it lacks. A name that is one of these would link ordinary prose.
STOP_WORDS = frozenset(
    """
    i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she her
    hers herself it its itself they them their theirs themselves what which who whom this that these
    those am is are was were be been being have has had having do does did doing a an the and but if
    or because as until while of at by for with about against between into through during before
    after above below to from up down in out on off over under again further then once here there
    when where why how all any both each few more most other some such no nor not only own same so
    than too very s t can will just don should now may might must shall would could ought also yet
    upon via per among amid within without across along around toward towards onto unto us one
    """.split()
)

# Scripts that one word may mix (UTS #39, "highly restrictive"): Japanese, Chinese and Korean
# writing combine Han with kana, bopomofo or hangul, and all of them with Latin.
_MIXES = (
    frozenset({"LATIN", "HAN", "HIRAGANA", "KATAKANA"}),
    frozenset({"LATIN", "HAN", "BOPOMOFO"}),
    frozenset({"LATIN", "HAN", "HANGUL"}),
)
_NO_SCRIPT = frozenset({"COMMON", "INHERITED"})


def code_point(char: str) -> str:
    """U+041A CYRILLIC CAPITAL LETTER KA."""
    return f"U+{ord(char):04X} {unicodedata.name(char, 'UNNAMED CHARACTER')}"


@cache  # a table search in Python per call; a briefing uses a few hundred distinct letters
def _script(char: str) -> str:
    return str(categories.aliases_categories(char)[0])


@lru_cache(maxsize=65536)  # each name is judged twice as a sheet is read (its problems, its linked names)
def name_problem(name: str, case_sensitive: bool) -> str | None:
    """Why a name must not be linked as it is written, or None when it may."""
    return _spelling_problem(name) or _commonness_problem(name, case_sensitive)


def _commonness_problem(name: str, case_sensitive: bool) -> str | None:
    letters = [c for c in name if c.isalpha()]
    cased = any(c.isupper() or c.islower() for c in letters)
    capitals = not any(c.islower() for c in letters)
    if name.casefold().strip() in STOP_WORDS:
        if case_sensitive and capitals and cased:
            return None
        return (
            f"{name!r} is a common English word and would link it wherever it appears; give a longer name, or, "
            "for an acronym written in capitals (US), list it under case_sensitive too"
        )
    if cased and len(letters) < MIN_LETTERS and not (case_sensitive and not name.islower()):
        return (
            f"{name!r} has fewer than {MIN_LETTERS} letters and would link inside ordinary text; list it under "
            "case_sensitive to match it only exactly as written (it must have a capital: US, Xi)"
        )
    if not cased and len(letters) < 2:
        return f"{name!r} is a single letter and would link inside ordinary text; give a longer name"
    return None


def _spelling_problem(name: str) -> str | None:
    for char in name:
        if (char.isalpha() or char.isdigit()) and (plain := unicodedata.normalize("NFKC", char)) != char:
            return f"{name!r} has {code_point(char)}, a full-width or compatibility form; write {plain!r}"
    for word in name.split():
        scripts = Counter(_script(c) for c in word if c.isalpha())
        mixed = set(scripts) - _NO_SCRIPT
        if len(mixed) <= 1 or any(mixed <= allowed for allowed in _MIXES):
            continue
        main = max(sorted(mixed), key=lambda s: (scripts[s], s == "LATIN"))
        strangers = [c for c in dict.fromkeys(word) if c.isalpha() and _script(c) not in (main, *_NO_SCRIPT)]
        shown = "; ".join(_described(c, main) for c in strangers)
        among = f"among {main.title()} letters; type it in one script"
        return f"{name!r} mixes scripts in the word {word!r}: {shown} {among}"
    return None


def _described(char: str, main: str) -> str:
    found = confusables.is_confusable(char, greedy=True, preferred_aliases=[main.lower()]) or []
    like = [g["c"] for entry in found for g in entry["homoglyphs"] if _script(g["c"]) == main]
    return code_point(char) + (f" (looks like {main.title()} {like[0]!r})" if like else "")
