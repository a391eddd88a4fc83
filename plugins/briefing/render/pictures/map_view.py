"""Where a locator map looks: the view that frames the highlighted countries, and their rings seen in it.

A regional view is azimuthal equidistant around the middle of what it frames; the world view is Equal Earth.
Rings come out in viewBox coordinates, before clipping to the view; outlines are simplified at fixed levels
(`country_shapes.simplified_arc`), so a map projects only what it may show.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from .country_shapes import Point, Shape, load_atlas, ring_shifts, simplified_arc, simplified_runs, simplify_level
from .map_geometry import (
    Sines,
    arc_degrees,
    azimuthal_equidistant_all,
    azimuthal_equidistant_sines,
    clip_ring,
    equal_earth,
)

WIDTH = 800.0
REGION_HEIGHT = 500.0
# Beyond this framed size (in degrees of arc) a regional map shows too much to be regional.
WORLD_FRAME_WIDTH = 150.0
WORLD_FRAME_HEIGHT = 95.0
WORLD_NORTH, WORLD_SOUTH = 84.0, -60.0  # Antarctica would take a fifth of a world map and locate nothing
# A polygon frames the view if it is at least this share of its country's largest polygon and lies within
# CORE_REACH degrees of it: Alaska frames with the rest of the United States, French Guiana not with France.
CORE_SHARE = 0.1
CORE_REACH = 20.0
PAD_PX = 4.0  # rings are clipped this far outside the map, so their cut edges never show


@dataclass(frozen=True)
class View:
    """What the map shows: a window on a projection plane and its scale onto the viewBox.

    A regional view is azimuthal equidistant around (``lon0``, ``lat0``), true to shape near the middle at any
    latitude and blind to the antimeridian; the world view is Equal Earth, cut at 180° and at WORLD_SOUTH/NORTH.
    ``window`` is (x_min, y_min, x_max, y_max) on the plane, in degrees of arc (Equal Earth units for the world).
    """

    world: bool
    lon0: float
    lat0: float
    window: tuple[float, float, float, float]
    height: float

    def box_points(self, points: Sequence[Point]) -> list[Point]:
        """Return viewBox coordinates (x right, y down) for (longitude, latitude) points."""
        if self.world:
            return self.to_box([equal_earth(lon, lat) for lon, lat in points])
        return self.to_box(azimuthal_equidistant_all(points, self.lon0, self.lat0))

    def to_box(self, plane: Sequence[Point]) -> list[Point]:
        """Return viewBox coordinates for plane coordinates (x east, y north)."""
        x_min, _, x_max, y_max = self.window
        scale = WIDTH / (x_max - x_min)
        return [((x - x_min) * scale, (y_max - y) * scale) for x, y in plane]

    def reach(self) -> float:
        """Return how far from a regional view's centre anything shows, in degrees of arc, with a degree to spare.

        Azimuthal equidistant keeps distances from the centre: nothing farther than the window's corners shows.
        """
        return max(math.hypot(x, y) for x in self.window[::2] for y in self.window[1::2]) + 1.0

    def box_window(self, pad_px: float) -> tuple[float, float, float, float]:
        """Return the window in viewBox coordinates, grown by ``pad_px`` pixels on each side, for clipping."""
        x_min, y_min, x_max, y_max = self.window
        scale = WIDTH / (x_max - x_min)
        pad = pad_px * (y_max - y_min) / self.height
        return -pad * scale, -pad * scale, (x_max - x_min + pad) * scale, (y_max - y_min + pad) * scale

    def degrees_per_px(self) -> float:
        """Return roughly how many degrees one pixel spans, for simplifying outlines before projecting."""
        return (self.window[3] - self.window[1]) / self.height * (90.0 / 1.3173 if self.world else 1.0)


def _world_view() -> View:
    _, top = equal_earth(0.0, WORLD_NORTH)
    _, bottom = equal_earth(0.0, WORLD_SOUTH)
    x_max, _ = equal_earth(180.0, 0.0)
    return View(True, 0.0, 0.0, (-x_max, bottom, x_max, top), round(WIDTH * (top - bottom) / (2 * x_max)))


def _covering_arc(intervals: list[tuple[float, float]]) -> tuple[float, float]:
    """Return the shortest (west, east) span of longitude that covers every interval, across the antimeridian."""
    best: tuple[float, float] | None = None
    for start, _ in sorted(intervals):
        start = (start + 180.0) % 360.0 - 180.0
        extent = max((lo - start) % 360.0 + (hi - lo) for lo, hi in intervals)
        if best is None or extent < best[1] - best[0]:
            best = (start, start + extent)
    assert best is not None
    return best


def _near(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    """Tell whether two (west, south, east, north) boxes are within CORE_REACH degrees, across the antimeridian."""
    gap_lat = max(a[1] - b[3], b[1] - a[3], 0.0)
    gap_lon = min(max(a[0] + turn - b[2], b[0] - a[2] - turn, 0.0) for turn in (-360.0, 0.0, 360.0))
    return max(gap_lat, gap_lon) <= CORE_REACH


def choose_view(shapes: Sequence[Shape]) -> View:
    """Frame the highlighted shapes with a margin of their surroundings, or return the world view."""
    atlas = load_atlas()
    core = []
    for shape in shapes:
        main = max(shape.polygons, key=lambda polygon: (polygon.area, polygon.bbox))
        core += [p for p in shape.polygons if p.area >= CORE_SHARE * main.area and _near(p.bbox, main.bbox)]
    west, east = _covering_arc([(polygon.bbox[0], polygon.bbox[2]) for polygon in core])
    south, north = min(polygon.bbox[1] for polygon in core), max(polygon.bbox[3] for polygon in core)
    if east - west > 2 * WORLD_FRAME_WIDTH or north - south > WORLD_FRAME_HEIGHT:
        return _world_view()
    lon0, lat0 = (west + east) / 2, (south + north) / 2
    # Outlines simplified at half a pixel of a map that showed no more than them move the frame by less.
    level = simplify_level(max(north - south, (east - west) * math.cos(math.radians(lat0))) / (2 * WIDTH))
    outlines = [point for polygon in core for point in atlas.ring_points(polygon.rings[0], level)]
    plane = azimuthal_equidistant_all(outlines, lon0, lat0)
    x_min, x_max = min(p[0] for p in plane), max(p[0] for p in plane)
    y_min, y_max = min(p[1] for p in plane), max(p[1] for p in plane)
    margin = min(max(0.6 * max(x_max - x_min, y_max - y_min), 5.0), 12.0)
    width, height = x_max - x_min + 2 * margin, y_max - y_min + 2 * margin
    width, height = max(width, height * WIDTH / REGION_HEIGHT), max(height, width * REGION_HEIGHT / WIDTH)
    if width > WORLD_FRAME_WIDTH or height > WORLD_FRAME_HEIGHT:
        return _world_view()
    x, y = (x_min + x_max) / 2, (y_min + y_max) / 2
    return View(False, lon0, lat0, (x - width / 2, y - height / 2, x + width / 2, y + height / 2), REGION_HEIGHT)


def _beyond(view: View, reach: float, middle: Point, radius: float) -> bool:
    """Tell whether everything within ``radius`` degrees of ``middle`` lies farther than ``reach`` from the centre."""
    lon, lat = middle
    return abs(lat - view.lat0) - radius > reach or arc_degrees(view.lon0, view.lat0, lon, lat) - radius > reach


def _project_arc(view: View, index: int, level: int, window: tuple[float, float, float, float]) -> list[Point]:
    """Return an arc in viewBox coordinates, each of its runs wholly beyond one side of ``window`` cut to its ends.

    Cutting such a run changes the ring only beyond that side (the run and the straight line in its place both
    lie there), so nothing changes in the window. A run within r degrees of its middle, which lies c degrees from
    the centre, lands within r·k of the middle's image, where k = (c + r) / sin(c + r) bounds the projection's
    stretch across the radius (along it, it keeps distances).
    """
    runs = simplified_runs(index, level)
    middles = azimuthal_equidistant_sines([run.middle_sines for run in runs], view.lon0, view.lat0)
    x_min, y_min, x_max, y_max = window
    points: list[Sines] = []
    for run, (x, y) in zip(runs, middles, strict=True):
        far = math.radians(math.hypot(x, y) + run.radius)
        if far < 3.1:
            spread = run.radius * far / math.sin(far) if far > 1e-6 else run.radius
            if x - spread > x_max or x + spread < x_min or y - spread > y_max or y + spread < y_min:
                points.extend((run.sines[0], run.sines[-1]) if not points else run.sines[-1:])
                continue
        points.extend(run.sines[1:] if points else run.sines)
    return view.to_box(azimuthal_equidistant_sines(points, view.lon0, view.lat0))


def regional_rings(shape: Shape, view: View, level: int, projected: dict[int, list[Point]]) -> Iterator[list[Point]]:
    """Yield a shape's rings in sight as viewBox points; ``projected`` holds this map's arcs projected so far.

    Longitudes need no shifting here: the projection sees only their differences from the centre's.
    """
    reach = view.reach()
    x_min, y_min, x_max, y_max = view.window
    pad = PAD_PX * (y_max - y_min) / view.height
    window = (x_min - pad, y_min - pad, x_max + pad, y_max + pad)
    for polygon in shape.polygons:
        if _beyond(view, reach, polygon.middle, polygon.radius):
            continue
        for ring in polygon.rings:
            points: list[Point] = []
            for ref in ring:
                index = ref if ref >= 0 else ~ref
                arc = projected.get(index)
                if arc is None:
                    arc = projected[index] = _project_arc(view, index, level, window)
                points.extend(arc[1 if points else 0 :] if ref >= 0 else arc[-2 if points else -1 :: -1])
            yield points


def world_rings(shape: Shape, view: View, level: int) -> Iterator[list[Point]]:
    """Yield a shape's rings on the world map as viewBox points, cut at ±180° and at WORLD_SOUTH/NORTH.

    Rings that run past ±180° (Russia's, Fiji's) are cut there and drawn 360° over too.
    """
    arcs = load_atlas().arcs
    for polygon in shape.polygons:
        west, _, east, _ = polygon.bbox
        for turn in [turn for turn in (-360.0, 0.0, 360.0) if east + turn > -180.0 and west + turn < 180.0]:
            for ring in polygon.rings:
                points: list[Point] = []
                for ref, shift in ring_shifts(arcs, ring):
                    arc = simplified_arc(ref if ref >= 0 else ~ref, level)
                    oriented = arc if ref >= 0 else arc[::-1]
                    points.extend((lon + shift + turn, lat) for lon, lat in oriented[1 if points else 0 :])
                yield view.box_points(clip_ring(points, (-180.0, WORLD_SOUTH, 180.0, WORLD_NORTH)))
