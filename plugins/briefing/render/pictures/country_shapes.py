"""Country outlines for locator maps: Natural Earth 1:50m, keyed by ISO 3166-1 alpha-2 code.

Reads the committed ``data/countries.json.gz`` (made by ``scripts/make_map_data.py``) once per process.
Outlines share arcs as in TopoJSON, so neighbours simplified arc by arc still meet without gaps or slivers.
"""

from __future__ import annotations

import gzip
import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from .map_geometry import Sines, arc_degrees, simplify, sines

DATA_PATH = Path(__file__).parent / "data" / "countries.json.gz"

Point = tuple[float, float]  # (longitude, latitude) in degrees


class UnknownCountryCode(KeyError, ValueError):
    """A code that is not an ISO 3166-1 alpha-2 code of a country in the map data."""

    def __str__(self) -> str:
        return str(self.args[0])


@dataclass(frozen=True)
class Polygon:
    """One polygon: rings of arc references (outer ring first, then holes), as in TopoJSON.

    An arc reference ``i >= 0`` means arc ``i`` as stored; ``i < 0`` means arc ``~i`` reversed.
    ``bbox`` is (west, south, east, north) of the outer ring, with west <= east (polygons never cross
    the antimeridian in Natural Earth); ``area`` is its approximate area in square degrees of latitude.
    ``middle`` is the bbox's middle (lon, lat) and ``radius`` the great-circle degrees from there to the farthest
    bbox corner, so a map can tell cheaply that a polygon lies out of its sight.
    """

    rings: tuple[tuple[int, ...], ...]
    bbox: tuple[float, float, float, float]
    area: float
    middle: Point
    radius: float


@dataclass(frozen=True)
class Shape:
    """A country (``code`` set) or a disputed or unassigned territory (``code`` None) and its polygons."""

    code: str | None
    name: str
    polygons: tuple[Polygon, ...]


@dataclass(frozen=True)
class Atlas:
    """All arcs in degrees, the countries by code and the territories that no code names."""

    arcs: tuple[tuple[Point, ...], ...]
    countries: dict[str, Shape]
    unassigned: tuple[Shape, ...]

    def ring_points(self, ring: tuple[int, ...], level: int) -> list[Point]:
        """Return a ring's points simplified at ``level`` (see `simplify_level`), longitudes continuous.

        The first point comes again last (see `ring_shifts`), and so does each point where two arcs meet.
        """
        points: list[Point] = []
        for ref, shift in ring_shifts(self.arcs, ring):
            arc = simplified_arc(ref if ref >= 0 else ~ref, level)
            points.extend((lon + shift, lat) for lon, lat in (arc if ref >= 0 else arc[::-1]))
        return points


def _shifted(arcs: tuple[tuple[Point, ...], ...], ref: int, shift: float) -> tuple[Point, ...]:
    arc = arcs[ref] if ref >= 0 else arcs[~ref][::-1]
    return tuple((lon + shift, lat) for lon, lat in arc) if shift else arc


def ring_shifts(arcs: tuple[tuple[Point, ...], ...], ring: tuple[int, ...]) -> list[tuple[int, float]]:
    """Return each arc reference of a ring with the multiple of 360° to add to its longitudes.

    Arcs are stored with continuous longitudes (an arc that crosses the antimeridian runs past ±180°);
    shifting each arc to start where the previous one ended keeps a ring such as Russia's or Fiji's in one
    piece, e.g. from 27° to 190° east.
    """
    shifted: list[tuple[int, float]] = []
    end: float | None = None
    for ref in ring:
        arc = arcs[ref] if ref >= 0 else arcs[~ref][::-1]
        shift = 0.0 if end is None else 360.0 * round((end - arc[0][0]) / 360.0)
        shifted.append((ref, shift))
        end = arc[-1][0] + shift
    return shifted


def _decode_arcs(data: dict[str, Any]) -> tuple[tuple[Point, ...], ...]:
    (sx, sy), (tx, ty) = data["transform"]["scale"], data["transform"]["translate"]
    arcs: list[tuple[Point, ...]] = []
    for flat in data["arcs"]:
        x = y = 0
        shift = 0.0
        points: list[Point] = []
        for i in range(0, len(flat), 2):
            x += flat[i]
            y += flat[i + 1]
            lon, lat = x * sx + tx + shift, y * sy + ty
            # A jump of more than 180° crosses the antimeridian, except along the pole line, where
            # Antarctica's ring runs from -180° to 180° and must stay that way to enclose the pole.
            if points and abs(lon - points[-1][0]) > 180 and abs(lat) < 89.9:
                step = 360.0 if lon < points[-1][0] else -360.0
                shift += step
                lon += step
            points.append((lon, lat))
        arcs.append(tuple(points))
    return tuple(arcs)


def _polygon(rings: list[list[int]], arcs: tuple[tuple[Point, ...], ...]) -> Polygon:
    outer = [point for ref, shift in ring_shifts(arcs, tuple(rings[0])) for point in _shifted(arcs, ref, shift)]
    lons = [p[0] for p in outer]
    lats = [p[1] for p in outer]
    west, south, east, north = min(lons), min(lats), max(lons), max(lats)
    shrink = math.cos(math.radians((south + north) / 2))
    twice_area = sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(outer, outer[1:] + outer[:1], strict=True))
    middle = ((west + east) / 2, (south + north) / 2)
    return Polygon(
        rings=tuple(tuple(ring) for ring in rings),
        bbox=(west, south, east, north),
        area=abs(twice_area) / 2 * shrink,
        middle=middle,
        radius=max(arc_degrees(*middle, lon, lat) for lon in (west, east) for lat in (south, north)),
    )


@cache
def load_atlas() -> Atlas:
    """Read and decode the committed map data (cached for the life of the process)."""
    data = json.loads(gzip.decompress(DATA_PATH.read_bytes()).decode("utf-8"))
    arcs = _decode_arcs(data)

    def shape(code: str | None, entry: dict[str, Any]) -> Shape:
        return Shape(code, entry["name"], tuple(_polygon(rings, arcs) for rings in entry["polygons"]))

    countries = {code: shape(code, entry) for code, entry in sorted(data["countries"].items())}
    unassigned = tuple(shape(None, entry) for entry in data["unassigned"])
    return Atlas(arcs, countries, unassigned)


def simplify_level(tolerance: float) -> int:
    """Return the level for simplifying at ``tolerance`` degrees: the nearest 2**(level/2) degrees to it.

    Maps simplify at these fixed levels only, so every map at one level shares the cached `simplified_arc`; the
    tolerance is within 19% of the one asked for, which no one sees.
    """
    return round(2 * math.log2(tolerance))


@cache
def simplified_arc(index: int, level: int) -> tuple[Point, ...]:
    """Return arc ``index`` simplified at 2**(level/2) degrees (see `simplify_level`), once per process."""
    return tuple(simplify(load_atlas().arcs[index], 2.0 ** (level / 2)))


CHUNK = 32  # points per `Run`: a map can skip a run far out of its sight in one test


@dataclass(frozen=True)
class Run:
    """Up to CHUNK + 1 points of a simplified arc as their `sines`, in a circle of ``radius`` degrees.

    The circle's centre ``middle`` is the middle of the run's bbox; its radius reaches the farthest bbox corner,
    or is 180 when the run spans more than 180° of longitude (then a corner need not be the farthest point).
    """

    sines: tuple[Sines, ...]
    middle: Point
    middle_sines: Sines
    radius: float


@cache
def simplified_runs(index: int, level: int) -> tuple[Run, ...]:
    """Return `simplified_arc` in `Run`s, each starting with the previous run's last point."""
    arc = simplified_arc(index, level)
    runs = []
    for start in range(0, max(len(arc) - 1, 1), CHUNK):
        run = arc[start : start + CHUNK + 1]
        west, east = min(lon for lon, _ in run), max(lon for lon, _ in run)
        south, north = min(lat for _, lat in run), max(lat for _, lat in run)
        middle = ((west + east) / 2, (south + north) / 2)
        corners = max(arc_degrees(*middle, lon, lat) for lon in (west, east) for lat in (south, north))
        runs.append(Run(tuple(sines(run)), middle, sines([middle])[0], corners if east - west <= 180.0 else 180.0))
    return tuple(runs)


def known_country_codes() -> frozenset[str]:
    """Return every ISO 3166-1 alpha-2 code the map data can draw (upper case, e.g. ``"KP"``; plus ``"XK"``)."""
    return frozenset(load_atlas().countries)


def country(code: str) -> Shape:
    """Return the country for an upper-case alpha-2 code; raise `UnknownCountryCode` (a KeyError) otherwise."""
    countries = load_atlas().countries
    if code in countries:
        return countries[code]
    hint = f" (codes are upper case: {code.upper()!r})" if code.upper() in countries else ""
    raise UnknownCountryCode(f"unknown ISO 3166-1 alpha-2 country code {code!r}{hint}; expected a code like 'KP'")


def country_name(code: str) -> str:
    """Return the English short name of a country, e.g. ``"North Korea"`` for ``"KP"``; unknown codes raise."""
    return country(code).name
