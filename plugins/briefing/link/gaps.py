"""What the briefing is missing: names sources repeat that no fact sheet claims, and sheets no source names."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from briefing.link.crosslinks import mentions_in_sources
from briefing.link.linking import AliasIndex
from briefing.model import Briefing

# A run of capitalised words ("Cho Tae-yul", "Joint Chiefs of Staff", "U.N."), joined by spaces
# and at most one lower-case connector between capitalised words.
_CAPITALISED_RUN = re.compile(
    r"(?<![\w’'])(?:[A-Z][\w.’'-]*)(?:\s+(?:(?:of|the|for|de|von|al|bin)\s+)?[A-Z][\w.’'-]*)*"
)
_POSSESSIVE = re.compile(r"(?:’s|'s|’|')$")
# Capitalised only because a sentence starts with them, or too common to be a name.
_NOT_NAMES = frozenset(
    "A An The This That These Those It Its In On At As By For From Of To With Without During Despite "
    "However Meanwhile Currently Last Recent Both Even Throughout Additionally Experts Reports Related "
    "He She They We I Our Their His Her There Here When While Since After Before Although If "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July "
    "August September October November December Source".split()
)

# Titles that news text puts before a name: "Foreign Minister Cho Tae-yul" names Cho Tae-yul.
_TITLES = frozenset(
    "President Prime Minister Secretary State Chancellor Leader Chairman General Ambassador Spokesman "
    "Spokeswoman Spokesperson King Queen Senator Governor Mayor Commander Admiral Envoy".split()
)


@dataclass(frozen=True)
class Candidate:
    name: str
    count: int
    places: tuple[str, ...]
    """Where it stands: 'source-id ¶N', in reading order, each once."""


def candidate_names(briefing: Briefing, index: AliasIndex, minimum: int = 2) -> list[Candidate]:
    """Capitalised phrases named at least `minimum` times in sources that match no fact sheet's names."""
    counts: dict[str, int] = defaultdict(int)
    places: dict[str, list[str]] = defaultdict(list)
    for source in briefing.sources.values():
        for paragraph in source.paragraphs:
            text = paragraph.text
            known = [(m.start, m.end) for m in index.scan(text)]
            for match in _CAPITALISED_RUN.finditer(text):
                start, end = match.span()
                if any(s < end and start < e for s, e in known):
                    continue
                name = _POSSESSIVE.sub("", match.group().rstrip(".,;:"))
                words = name.split()
                titled = [i for i, word in enumerate(words[:-1]) if word in _TITLES]
                if titled:
                    words = words[titled[-1] + 1 :]
                    name = " ".join(words)
                if not words or (len(words) == 1 and (name in _NOT_NAMES or len(name) < 3)):
                    continue
                if words[0] in _NOT_NAMES:
                    name = " ".join(words[1:])
                    if not name or name in _NOT_NAMES:
                        continue
                counts[name] += 1
                place = f"{source.id} ¶{paragraph.number}"
                if place not in places[name]:
                    places[name].append(place)
    found = [Candidate(n, c, tuple(places[n])) for n, c in counts.items() if c >= minimum]
    return sorted(found, key=lambda c: (-c.count, c.name))


def unmentioned_sheets(briefing: Briefing, index: AliasIndex) -> list[str]:
    """Ids of fact sheets whose names no source article contains."""
    return sorted(set(briefing.entities) - set(mentions_in_sources(briefing, index)))
