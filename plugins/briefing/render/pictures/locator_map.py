"""Locator maps: an inline SVG that shows where one or more countries are, built at build time.

`locator_map_svg` frames the highlighted countries with their surroundings, or shows the whole world when
they are spread across it. Output depends only on the arguments and the committed data: no randomness, no
hash order, coordinates with one decimal, so two builds are byte-identical.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from .country_shapes import Atlas, Point, Shape, country, country_name, known_country_codes, load_atlas, ring_shifts
from .map_geometry import arc_degrees, azimuthal_equidistant, clip_ring, equal_earth, ring_area, simplify

__all__ = ["country_name", "known_country_codes", "locator_map_svg"]

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
TOLERANCE_PX = 0.5  # simplification: a map 800 px wide shows nothing finer
TINY_PX2 = 150.0  # a highlighted country smaller than this on the map gets a circle around it
NEIGHBOUR_SHARE = 0.005  # a neighbour is named in the description when it fills this share of the map
NEIGHBOURS_NAMED = 8  # and is among the largest this many on it
_ID = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*\Z")


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

    def plane(self, lon: float, lat: float) -> Point:
        """Return a point's plane coordinates (x east, y north)."""
        if self.world:
            return equal_earth(lon, lat)
        return azimuthal_equidistant(lon, lat, self.lon0, self.lat0)

    def to_box(self, point: Point) -> Point:
        """Return viewBox coordinates (x right, y down) for plane coordinates."""
        x_min, _, x_max, y_max = self.window
        scale = WIDTH / (x_max - x_min)
        return (point[0] - x_min) * scale, (y_max - point[1]) * scale

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
    plane = [
        azimuthal_equidistant(lon, lat, lon0, lat0)
        for polygon in core
        for lon, lat in atlas.ring_points(polygon.rings[0])
    ]
    x_min, x_max = min(p[0] for p in plane), max(p[0] for p in plane)
    y_min, y_max = min(p[1] for p in plane), max(p[1] for p in plane)
    margin = min(max(0.6 * max(x_max - x_min, y_max - y_min), 5.0), 12.0)
    width, height = x_max - x_min + 2 * margin, y_max - y_min + 2 * margin
    width, height = max(width, height * WIDTH / REGION_HEIGHT), max(height, width * REGION_HEIGHT / WIDTH)
    if width > WORLD_FRAME_WIDTH or height > WORLD_FRAME_HEIGHT:
        return _world_view()
    x, y = (x_min + x_max) / 2, (y_min + y_max) / 2
    return View(False, lon0, lat0, (x - width / 2, y - height / 2, x + width / 2, y + height / 2), REGION_HEIGHT)


def _out_of_reach(view: View, bbox: tuple[float, float, float, float]) -> bool:
    """Tell whether a polygon lies too far from a regional view's centre to show, so it need not be projected."""
    west, south, east, north = bbox
    middle = ((west + east) / 2, (south + north) / 2)
    radius = max(arc_degrees(*middle, lon, lat) for lon in (west, east) for lat in (south, north))
    # Azimuthal equidistant keeps distances from the centre: nothing farther than the window's corners shows.
    reach = max(math.hypot(x, y) for x in view.window[::2] for y in view.window[1::2]) + 1.0
    return arc_degrees(view.lon0, view.lat0, *middle) - radius > reach


def _rings(
    atlas: Atlas, shape: Shape, view: View, keep_tiny: bool, simplified: dict[int, list[Point]]
) -> Iterator[list[Point]]:
    """Yield a shape's rings as viewBox points, simplified arc by arc and clipped to the view.

    ``simplified`` caches arcs already simplified for this view, so neighbours share the same border points.
    On the world map, rings that run past ±180° (Russia's, Fiji's) are cut there and drawn 360° over too.
    """
    tolerance = TOLERANCE_PX * view.degrees_per_px()
    pad = 4 * (view.window[3] - view.window[1]) / view.height
    x_min, y_min, x_max, y_max = view.window
    window = (x_min - pad, y_min - pad, x_max + pad, y_max + pad)
    for polygon in shape.polygons:
        west, _, east, _ = polygon.bbox
        if view.world:
            turns = [turn for turn in (-360.0, 0.0, 360.0) if east + turn > -180.0 and west + turn < 180.0]
        else:
            turns = [] if _out_of_reach(view, polygon.bbox) else [0.0]
        for turn in turns:
            for ring in polygon.rings:
                points: list[Point] = []
                for ref, shift in ring_shifts(atlas.arcs, ring):
                    index = ref if ref >= 0 else ~ref
                    if index not in simplified:
                        simplified[index] = simplify(atlas.arcs[index], tolerance)
                    oriented = simplified[index] if ref >= 0 else simplified[index][::-1]
                    points.extend((lon + shift + turn, lat) for lon, lat in oriented[1 if points else 0 :])
                if view.world:
                    points = clip_ring(points, (-180.0, WORLD_SOUTH, 180.0, WORLD_NORTH))
                clipped = clip_ring([view.plane(lon, lat) for lon, lat in points], window) if points else []
                if len(clipped) < 3:
                    continue
                projected = [view.to_box(point) for point in clipped]
                xs, ys = [p[0] for p in projected], [p[1] for p in projected]
                if keep_tiny or max(xs) - min(xs) >= 1.0 or max(ys) - min(ys) >= 1.0:
                    yield projected


def _number(value: float) -> str:
    text = f"{value:.1f}"
    text = text[:-2] if text.endswith(".0") else text
    return "0" if text == "-0" else text


def _path_data(rings: list[list[Point]]) -> str:
    parts: list[str] = []
    for ring in rings:
        points: list[str] = []
        for x, y in ring:
            point = f"{_number(x)} {_number(y)}"
            if not points or point != points[-1]:
                points.append(point)
        if len(points) >= 3:
            parts.append("M" + " ".join(points[:-1] if points[0] == points[-1] else points) + "Z")
    return "".join(parts)


def _sea(view: View) -> str:
    if not view.world:
        size = f'width="{_number(WIDTH)}" height="{_number(view.height)}"'
        return f'<rect class="bmap-sea" fill="#dbe8f2" stroke="none" {size}/>'
    lats = [WORLD_SOUTH + step * (WORLD_NORTH - WORLD_SOUTH) / 24 for step in range(25)]
    edge = [
        view.to_box(view.plane(lon, lat))
        for lon, lat in [(-180.0, lat) for lat in lats] + [(180.0, lat) for lat in lats[::-1]]
    ]
    return f'<path class="bmap-sea" fill="#dbe8f2" stroke="none" d="{_path_data([[*edge, edge[0]]])}"/>'


def _join_names(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def locator_map_svg(
    highlight: Sequence[str], *, title: str, labels: Mapping[str, str] | None = None, id_prefix: str = "map"
) -> str:
    """Return an inline ``<svg>`` locator map with the countries in ``highlight`` drawn in class ``bmap-hl``.

    ``highlight`` holds ISO 3166-1 alpha-2 codes (upper case, e.g. ``["KP"]``); an unknown code raises
    `UnknownCountryCode`, a KeyError and ValueError. Other countries in view are ``bmap-land``, the sea
    ``bmap-sea``, circles around countries too small to see ``bmap-mark`` (colours: ``pictures.css``).
    ``title`` becomes the ``<title>``; a ``<desc>`` names what is highlighted and the main countries around it,
    using ``labels[code]`` instead of the data's name where given. Every text is XML-escaped. ``id_prefix``
    starts the ids of ``<title>`` and ``<desc>`` (``{id_prefix}-title``), so maps on one page must differ in it.
    """
    if not _ID.match(id_prefix):
        raise ValueError(f"id_prefix {id_prefix!r} is not an XML id; expected letters, digits, '_', '-', '.'")
    codes = sorted(set(highlight))
    if not codes:
        raise ValueError("a locator map needs at least one country code to highlight, e.g. ['KP']")
    shapes = [country(code) for code in codes]
    names = dict(labels or {})
    for code in sorted(names):
        country(code)
    atlas = load_atlas()
    view = choose_view(shapes)
    others = [shape for code, shape in atlas.countries.items() if code not in codes] + list(atlas.unassigned)

    simplified: dict[int, list[Point]] = {}
    layers: dict[bool, list[str]] = {False: [], True: []}
    marks: list[str] = []
    neighbours: list[tuple[float, str]] = []
    for shape in [*others, *shapes]:
        highlighted = shape.code in codes
        rings = list(_rings(atlas, shape, view, highlighted, simplified))
        data = _path_data(rings)
        if not data and not highlighted:
            continue
        name = names.get(shape.code, shape.name) if shape.code else shape.name
        area = abs(sum(ring_area(ring) for ring in rings))
        css = "bmap-hl" if highlighted else "bmap-land"
        code = f" data-code={quoteattr(shape.code)}" if shape.code else ""
        if data:
            layers[highlighted].append(f'<path class="{css}"{code} d="{data}"><title>{escape(name)}</title></path>')
        if highlighted and area < TINY_PX2:
            # Too small to see, maybe simplified away: the circle goes around its largest polygon.
            west, south, east, north = max(shape.polygons, key=lambda polygon: (polygon.area, polygon.bbox)).bbox
            cx, cy = view.to_box(view.plane((west + east) / 2, (south + north) / 2))
            circle = f'class="bmap-mark"{code} cx="{_number(cx)}" cy="{_number(cy)}" r="9"'
            marks.append(f"<circle {circle}><title>{escape(name)}</title></circle>")
        elif not highlighted and shape.code and area >= NEIGHBOUR_SHARE * WIDTH * view.height:
            neighbours.append((-area, name))

    highlighted_names = _join_names(
        sorted(names.get(code, shape.name) for code, shape in zip(codes, shapes, strict=True))
    )
    if view.world:
        description = f"{highlighted_names} highlighted on a map of the world."
    elif neighbours:
        named = sorted(name for _, name in sorted(neighbours)[:NEIGHBOURS_NAMED])
        around = "around it" if len(codes) == 1 else "around them"
        description = f"{highlighted_names} highlighted, with {_join_names(named)} {around}."
    else:
        description = f"{highlighted_names} highlighted."
    size = f"0 0 {_number(WIDTH)} {_number(view.height)}"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="bmap" viewBox="{size}" width="{_number(WIDTH)}"'
        f' height="{_number(view.height)}" role="img" aria-labelledby="{id_prefix}-title"'
        f' aria-describedby="{id_prefix}-desc">'
        f'<title id="{id_prefix}-title">{escape(title)}</title><desc id="{id_prefix}-desc">{escape(description)}</desc>'
        # Presentation attributes are fallbacks for pages without pictures.css; its rules override them.
        f'<g stroke="#fff" stroke-width="0.5" stroke-linejoin="round">{_sea(view)}'
        f'<g fill="#d4d4d4">{"".join(layers[False])}</g><g fill="#b23c0b">{"".join(layers[True])}</g>'
        f'<g fill="none" stroke="#b23c0b" stroke-width="2">{"".join(marks)}</g></g></svg>'
    )
