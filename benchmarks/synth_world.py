"""Real places for the synthetic briefing's countries: ISO codes from the bundled country shapes, in regions.

The maps draw a country from its `iso_code`, so each synthetic country gets a real code. Codes are taken
region by region (a seed country, then its land neighbours and nearest countries), so a briefing's
countries cluster on the map as a real briefing's do and `borders` relations follow real borders.
Reads plugins/briefing/render/pictures/data/countries.json.gz directly: the generator never imports
the `briefing` package.
"""

from __future__ import annotations

import gzip
import json
import math
import random
from dataclasses import dataclass
from functools import cache
from pathlib import Path

SHAPES = Path(__file__).resolve().parents[1] / "plugins/briefing/render/pictures/data/countries.json.gz"
NEAREST = 3  # besides land neighbours, the countries nearest a country's middle count as near it


@dataclass(frozen=True)
class World:
    codes: tuple[str, ...]
    borders: dict[str, frozenset[str]]
    """Code -> the codes whose outlines share a border with it."""
    near: dict[str, tuple[str, ...]]
    """Code -> land neighbours, then the nearest countries by their middles, nearest first."""


@cache
def world() -> World:
    data = json.loads(gzip.decompress(SHAPES.read_bytes()))
    (sx, sy), (tx, ty) = data["transform"]["scale"], data["transform"]["translate"]
    points: list[list[tuple[float, float]]] = []
    for arc in data["arcs"]:
        x = y = 0
        decoded = []
        for i in range(0, len(arc), 2):
            x, y = x + arc[i], y + arc[i + 1]
            decoded.append((x * sx + tx, y * sy + ty))
        points.append(decoded)
    arcs: dict[str, set[int]] = {}
    for code, shape in sorted(data["countries"].items()):
        arcs[code] = {ref if ref >= 0 else ~ref for polygon in shape["polygons"] for ring in polygon for ref in ring}
    owners: dict[int, set[str]] = {}
    for code, refs in arcs.items():
        for ref in refs:
            owners.setdefault(ref, set()).add(code)
    borders: dict[str, set[str]] = {code: set() for code in arcs}
    for sharing in owners.values():
        for code in sharing:
            borders[code] |= sharing - {code}
    middle: dict[str, tuple[float, float, float]] = {}
    for code, refs in arcs.items():
        xs = [p for ref in sorted(refs) for p in points[ref]]
        lon = math.radians(sum(p[0] for p in xs) / len(xs))
        lat = math.radians(sum(p[1] for p in xs) / len(xs))
        middle[code] = (math.cos(lat) * math.cos(lon), math.cos(lat) * math.sin(lon), math.sin(lat))
    codes = tuple(sorted(arcs))

    def distance(a: str, b: str) -> float:
        return sum((p - q) ** 2 for p, q in zip(middle[a], middle[b], strict=True))

    near = {}
    for code in codes:
        closest = sorted((c for c in codes if c != code), key=lambda c: (distance(code, c), c))[:NEAREST]
        near[code] = tuple(sorted(borders[code])) + tuple(c for c in closest if c not in borders[code])
    return World(codes, {c: frozenset(b) for c, b in borders.items()}, near)


def regions(rng: random.Random, count: int) -> list[tuple[str, int]]:
    """`count` (code, region number) pairs, or as many as there are codes: regions of 5-15 countries,
    each grown from a random seed through land neighbours and nearest countries."""
    places = world()
    free = set(places.codes)
    taken: list[tuple[str, int]] = []
    region = 0
    while len(taken) < count and free:
        seed = rng.choice(sorted(free))
        size = rng.randint(5, 15)
        grown, frontier = [seed], [seed]
        free.discard(seed)
        while frontier and len(grown) < size:
            here = frontier.pop(0)
            for code in places.near[here]:
                if code in free and len(grown) < size:
                    free.discard(code)
                    grown.append(code)
                    frontier.append(code)
        taken.extend((code, region) for code in grown)
        region += 1
    return taken[:count]
