"""Plane geometry for locator maps: the Equal Earth projection, simplification, clipping and area.

Pure functions on (x, y) tuples; nothing here knows about countries or SVG.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

Point = tuple[float, float]
Sines = tuple[float, float, float, float]  # see `sines`

# Equal Earth (Šavrič, Patterson and Jenny, 2018): an equal-area world projection in closed form.
_A1, _A2, _A3, _A4 = 1.340264, -0.081106, 0.000893, 0.003796
_M = math.sqrt(3) / 2


def equal_earth(lon: float, lat: float) -> Point:
    """Project degrees of longitude and latitude to Equal Earth (x east, y north; the equator is 2×2.7066 wide)."""
    theta = math.asin(_M * math.sin(math.radians(lat)))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = math.radians(lon) * math.cos(theta) / (_M * (_A1 + 3 * _A2 * t2 + t6 * (7 * _A3 + 9 * _A4 * t2)))
    y = theta * (_A1 + _A2 * t2 + t6 * (_A3 + _A4 * t2))
    return x, y


def azimuthal_equidistant(lon: float, lat: float, lon0: float, lat0: float) -> Point:
    """Project onto the plane touching the globe at (lon0, lat0), distances from there true, in degrees of arc.

    Defined everywhere except the antipode; longitudes may run past ±180° (only their differences count).
    """
    phi, phi0, dlon = math.radians(lat), math.radians(lat0), math.radians(lon - lon0)
    cos_c = math.sin(phi0) * math.sin(phi) + math.cos(phi0) * math.cos(phi) * math.cos(dlon)
    c = math.acos(max(-1.0, min(1.0, cos_c)))
    k = math.degrees(c / math.sin(c)) if c > 1e-9 else math.degrees(1.0)
    x = k * math.cos(phi) * math.sin(dlon)
    y = k * (math.cos(phi0) * math.sin(phi) - math.sin(phi0) * math.cos(phi) * math.cos(dlon))
    return x, y


def azimuthal_equidistant_all(points: Sequence[Point], lon0: float, lat0: float) -> list[Point]:
    """Return `azimuthal_equidistant` of every point, computed in one loop (a locator map projects thousands)."""
    sin0, cos0 = math.sin(math.radians(lat0)), math.cos(math.radians(lat0))
    radians, sin, cos, acos = math.radians, math.sin, math.cos, math.acos
    unit = math.degrees(1.0)
    plane: list[Point] = []
    for lon, lat in points:
        phi, dlon = radians(lat), radians(lon - lon0)
        sin_phi, cos_phi, cos_dlon = sin(phi), cos(phi), cos(dlon)
        c = acos(max(-1.0, min(1.0, sin0 * sin_phi + cos0 * cos_phi * cos_dlon)))
        k = unit * c / sin(c) if c > 1e-9 else unit
        plane.append((k * cos_phi * sin(dlon), k * (cos0 * sin_phi - sin0 * cos_phi * cos_dlon)))
    return plane


def sines(points: Sequence[Point]) -> list[Sines]:
    """Return (sin lat, cos lat, sin lon, cos lon) of (lon, lat) points, for `azimuthal_equidistant_sines`."""
    radians, sin, cos = math.radians, math.sin, math.cos
    return [(sin(radians(lat)), cos(radians(lat)), sin(radians(lon)), cos(radians(lon))) for lon, lat in points]


def azimuthal_equidistant_sines(points: Sequence[Sines], lon0: float, lat0: float) -> list[Point]:
    """Return `azimuthal_equidistant_all` of points given by their `sines`: two calls a point instead of eight."""
    sin0, cos0 = math.sin(math.radians(lat0)), math.cos(math.radians(lat0))
    sin_lon0, cos_lon0 = math.sin(math.radians(lon0)), math.cos(math.radians(lon0))
    acos, sqrt = math.acos, math.sqrt
    unit = math.degrees(1.0)
    plane: list[Point] = []
    for sin_phi, cos_phi, sin_lon, cos_lon in points:
        cos_dlon = cos_lon * cos_lon0 + sin_lon * sin_lon0
        sin_dlon = sin_lon * cos_lon0 - cos_lon * sin_lon0
        cos_c = max(-1.0, min(1.0, sin0 * sin_phi + cos0 * cos_phi * cos_dlon))
        sin_c = sqrt(1.0 - cos_c * cos_c)  # c is within [0, π]
        k = unit * acos(cos_c) / sin_c if sin_c > 1e-12 else unit
        plane.append((k * cos_phi * sin_dlon, k * (cos0 * sin_phi - sin0 * cos_phi * cos_dlon)))
    return plane


def arc_degrees(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Return the great-circle distance between two points, in degrees."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    h = (
        math.sin((phi2 - phi1) / 2) ** 2
        + math.cos(phi1) * math.cos(phi2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return math.degrees(2 * math.asin(min(1.0, math.sqrt(h))))


def _douglas_peucker(points: Sequence[Point], tolerance: float) -> list[Point]:
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = points[first], points[last]
        dx, dy = bx - ax, by - ay
        # Distance to the chord's line, compared squared and unscaled: |cross| > tolerance * |chord|.
        limit = tolerance * tolerance * (dx * dx + dy * dy)
        worst, worst_at = 0.0, -1
        for i in range(first + 1, last):
            px, py = points[i]
            cross = (px - ax) * dy - (py - ay) * dx if limit else math.hypot(px - ax, py - ay)
            cross *= cross
            if cross > worst:
                worst, worst_at = cross, i
        if worst > (limit or tolerance * tolerance):
            keep[worst_at] = True
            stack.extend(((first, worst_at), (worst_at, last)))
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def _drop_close(points: Sequence[Point], tolerance: float) -> list[Point]:
    """Drop points within ``tolerance`` of the last kept one (the last point always stays)."""
    kept = [points[0]]
    for point in points[1:-1]:
        if abs(point[0] - kept[-1][0]) > tolerance or abs(point[1] - kept[-1][1]) > tolerance:
            kept.append(point)
    kept.append(points[-1])
    return kept


def simplify(points: Sequence[Point], tolerance: float) -> list[Point]:
    """Return a line's points without those closer than ``tolerance`` to it (Douglas-Peucker).

    Points within half the tolerance of their predecessor go first, which makes it fast at small scales.
    Both ends are kept, so lines that meet still meet; a closed line (an island's whole coast) is split at its
    point farthest from the start, so it keeps an area.
    """
    if len(points) <= 2:
        return list(points)
    points = _drop_close(points, tolerance / 2)
    if points[0] != points[-1]:
        return _douglas_peucker(points, tolerance)
    far = max(range(len(points)), key=lambda i: (math.dist(points[0], points[i]), -i))
    return _douglas_peucker(points[: far + 1], tolerance)[:-1] + _douglas_peucker(points[far:], tolerance)


def _clip_edge(points: list[Point], axis: int, limit: float, keep_below: bool) -> list[Point]:
    values = [point[axis] for point in points]
    inside = [value <= limit for value in values] if keep_below else [value >= limit for value in values]
    result: list[Point] = []
    previous, was_inside, before = points[-1], inside[-1], values[-1]
    for current, is_inside, value in zip(points, inside, values, strict=True):
        if is_inside != was_inside:
            t = (limit - before) / (value - before)
            result.append((previous[0] + t * (current[0] - previous[0]), previous[1] + t * (current[1] - previous[1])))
        if is_inside:
            result.append(current)
        previous, was_inside, before = current, is_inside, value
    return result


def clip_ring(points: Sequence[Point], window: tuple[float, float, float, float]) -> list[Point]:
    """Clip a closed ring to ``window`` = (x_min, y_min, x_max, y_max) (Sutherland-Hodgman).

    Returns the clipped ring without a repeated closing point, or the ring unchanged (minus that point) when it
    lies inside. Parts outside come back as runs along the window's edge, which a padded window hides.
    """
    ring = list(points[:-1] if len(points) > 1 and points[0] == points[-1] else points)
    xs, ys = [p[0] for p in ring], [p[1] for p in ring]
    x_min, y_min, x_max, y_max = window
    if min(xs) >= x_min and max(xs) <= x_max and min(ys) >= y_min and max(ys) <= y_max:
        return ring
    for axis, limit, keep_below in ((0, x_min, False), (0, x_max, True), (1, y_min, False), (1, y_max, True)):
        if ring:
            ring = _clip_edge(ring, axis, limit, keep_below)
    return ring


def ring_area(points: Sequence[Point]) -> float:
    """Return the signed area of a ring (shoelace formula); its sign tells the winding."""
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(points, [*points[1:], points[0]], strict=True)) / 2
