"""Locator maps: an inline SVG that shows where one or more countries are, built at build time.

`locator_map_svg` frames the highlighted countries with their surroundings, or shows the whole world when
they are spread across it. Output depends only on the arguments and the committed data: no randomness, no
hash order, coordinates with one decimal, so two builds are byte-identical.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from xml.sax.saxutils import escape, quoteattr

from .country_shapes import Point, Shape, country, country_name, known_country_codes, load_atlas, simplify_level
from .map_geometry import clip_ring, ring_area
from .map_view import PAD_PX, WIDTH, WORLD_NORTH, WORLD_SOUTH, View, choose_view, regional_rings, world_rings

__all__ = ["country_name", "known_country_codes", "locator_map_svg"]

TOLERANCE_PX = 0.5  # simplification: a map 800 px wide shows nothing finer
TINY_PX2 = 150.0  # a highlighted country smaller than this on the map gets a circle around it
NEIGHBOUR_SHARE = 0.005  # a neighbour is named in the description when it fills this share of the map
NEIGHBOURS_NAMED = 8  # and is among the largest this many on it
_ID = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*\Z")


def _drawn(shape: Shape, view: View, keep_tiny: bool, projected: dict[int, list[Point]]) -> tuple[str, float]:
    """Return a shape's path data on the map, simplified and clipped, and the area it covers in square pixels.

    Arcs are simplified one by one at the same level, so neighbours share their border points; rings smaller
    than a pixel go unless ``keep_tiny``. The world view never changes, so its shapes are drawn once per process.
    """
    key = (shape.code, shape.name, keep_tiny)
    if view.world and key in _WORLD_DRAWN:
        return _WORLD_DRAWN[key]
    level = simplify_level(TOLERANCE_PX * view.degrees_per_px())
    window = view.box_window(PAD_PX)
    rings: list[list[Point]] = []
    for points in world_rings(shape, view, level) if view.world else regional_rings(shape, view, level, projected):
        clipped = clip_ring(points, window) if points else []
        if len(clipped) < 3:
            continue
        xs, ys = [p[0] for p in clipped], [p[1] for p in clipped]
        if keep_tiny or max(xs) - min(xs) >= 1.0 or max(ys) - min(ys) >= 1.0:
            rings.append(clipped)
    drawn = _path_data(rings), abs(sum(ring_area(ring) for ring in rings))
    if view.world:
        _WORLD_DRAWN[key] = drawn
    return drawn


_WORLD_DRAWN: dict[tuple[str | None, str, bool], tuple[str, float]] = {}


def _number(value: float) -> str:
    text = f"{value:.1f}"
    text = text[:-2] if text.endswith(".0") else text
    return "0" if text == "-0" else text


def _path_data(rings: list[list[Point]]) -> str:
    parts: list[str] = []
    for ring in rings:
        points: list[str] = []
        for x, y in ring:
            # As f"{_number(x)} {_number(y)}", in one format: every number has one decimal, so ".0 " ends one.
            point = f"{x:.1f} {y:.1f} ".replace(".0 ", " ").replace("-0 ", "0 ")[:-1]
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
    edge = [point for point in view.box_points([(-180.0, lat) for lat in lats] + [(180.0, lat) for lat in lats[::-1]])]
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

    projected: dict[int, list[Point]] = {}
    layers: dict[bool, list[str]] = {False: [], True: []}
    marks: list[str] = []
    neighbours: list[tuple[float, str]] = []
    for shape in [*others, *shapes]:
        highlighted = shape.code in codes
        data, area = _drawn(shape, view, highlighted, projected)
        if not data and not highlighted:
            continue
        name = names.get(shape.code, shape.name) if shape.code else shape.name
        css = "bmap-hl" if highlighted else "bmap-land"
        code = f" data-code={quoteattr(shape.code)}" if shape.code else ""
        if data:
            layers[highlighted].append(f'<path class="{css}"{code} d="{data}"><title>{escape(name)}</title></path>')
        if highlighted and area < TINY_PX2:
            # Too small to see, maybe simplified away: the circle goes around its largest polygon.
            west, south, east, north = max(shape.polygons, key=lambda polygon: (polygon.area, polygon.bbox)).bbox
            [(cx, cy)] = view.box_points([((west + east) / 2, (south + north) / 2)])
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
