"""Inputs of the relations pictures and the drawing of one node: a shape per kind, a label, a link.

The caller maps its own model onto `GraphNode` and `GraphEdge`; nothing here knows the briefing
model. Shapes tell kinds apart without colour (print, colour blindness): country = circle,
leader = rounded square, organisation = hexagon, topic = diamond, event = square.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .svg_text import attr, num, safe_href, text, text_lines, wrap

KINDS: tuple[str, ...] = ("country", "leader", "organisation", "topic", "event")
KIND_ORDER = {kind: i for i, kind in enumerate(KINDS)}
KIND_NAMES = {
    "country": "Country",
    "leader": "Leader",
    "organisation": "Organisation",
    "topic": "Topic",
    "event": "Event",
}


@dataclass(frozen=True)
class GraphNode:
    """An entity. `href` is a URL relative to the page the picture goes on; "" for no link."""

    id: str
    label: str
    kind: str
    href: str = ""


@dataclass(frozen=True)
class GraphEdge:
    """A relation read as "source label target" ("North Korea" "supplies arms to" "Russia").

    `dated` is free text such as "since 2023" or "2019–2023"; "" when undated.
    """

    source: str
    target: str
    label: str
    dated: str = ""


def node_order(node: GraphNode) -> tuple[int, str, str, str]:
    """Sort key: kind (in `KINDS` order), then label ignoring case, then label, then id."""
    return (KIND_ORDER[node.kind], node.label.casefold(), node.label, node.id)


def edge_order(edge: GraphEdge) -> tuple[str, str, str, str]:
    return (edge.source, edge.target, edge.label, edge.dated)


def index_nodes(nodes: Iterable[GraphNode]) -> dict[str, GraphNode]:
    """Nodes by id. Raises ValueError for an unknown kind or a repeated id."""
    by_id: dict[str, GraphNode] = {}
    for node in nodes:
        if node.kind not in KIND_ORDER:
            raise ValueError(f"node {node.id!r}: kind {node.kind!r} is not one of {', '.join(KINDS)}")
        if node.id in by_id:
            raise ValueError(f"node id {node.id!r} appears twice")
        by_id[node.id] = node
    return by_id


def checked_edges(edges: Iterable[GraphEdge], by_id: dict[str, GraphNode]) -> list[GraphEdge]:
    """Edges sorted and without exact duplicates; self-loops dropped (a picture cannot show them).

    Raises ValueError for an edge whose end is not among the nodes.
    """
    kept: set[GraphEdge] = set()
    for edge in edges:
        for end in (edge.source, edge.target):
            if end not in by_id:
                raise ValueError(f"edge {edge.source!r} -> {edge.target!r} ({edge.label!r}): no node {end!r}")
        if edge.source != edge.target:
            kept.add(edge)
    return sorted(kept, key=edge_order)


def relation_text(edge: GraphEdge, by_id: dict[str, GraphNode]) -> str:
    """One sentence: "North Korea supplies arms to Russia (since 2023)"."""
    sentence = f"{by_id[edge.source].label} {edge.label} {by_id[edge.target].label}"
    return f"{sentence} ({edge.dated})" if edge.dated else sentence


def shape(kind: str, x: float, y: float, size: float, css_class: str) -> str:
    """The shape for `kind` centred on (x, y); `size` is half its width."""
    cls = f'class="{css_class}"'
    if kind == "country" or kind == "more":
        return f'<circle {cls} cx="{num(x)}" cy="{num(y)}" r="{num(size)}"/>'
    if kind in ("leader", "event"):
        corner = size * 0.35 if kind == "leader" else 0.0
        side = size * 1.8
        return (
            f'<rect {cls} x="{num(x - side / 2)}" y="{num(y - side / 2)}" width="{num(side)}" '
            f'height="{num(side)}" rx="{num(corner)}"/>'
        )
    corners = 6 if kind == "organisation" else 4
    radius = size * (1.1 if corners == 6 else 1.25)
    turns = [2 * math.pi * i / corners for i in range(corners)]
    points = " ".join(f"{num(x + radius * math.cos(t))},{num(y + radius * math.sin(t))}" for t in turns)
    return f'<polygon {cls} points="{points}"/>'


def node_svg(
    node: GraphNode,
    x: float,
    y: float,
    size: float,
    label_lines: Sequence[str],
    label_at: tuple[float, float, str],
    tooltip: str,
    line_px: float,
) -> str:
    """One node: a link (when its href is safe) around a `<title>`, the shape and the label.

    `label_at` is (x, y of the first baseline, text-anchor).
    """
    body = (
        f"<title>{text(tooltip)}</title>"
        + shape(node.kind, x, y, size, f"bg-shape bg-{node.kind}")
        + text_lines(list(label_lines), label_at[0], label_at[1], line_px, "bg-label", label_at[2])
    )
    href = safe_href(node.href)
    if href is None:
        return f'<g class="bg-node">{body}</g>'
    return f'<a class="bg-node" xlink:href="{href}">{body}</a>'


def node_label(node: GraphNode, max_chars: int, max_lines: int) -> tuple[list[str], str]:
    """(wrapped label lines, tooltip). The tooltip always names the kind and the full label."""
    lines, _ = wrap(node.label, max_chars, max_lines)
    return lines, f"{node.label} ({KIND_NAMES[node.kind].lower()})"


def outward_label(
    x: float, y: float, angle: float, lines: int, gap: float, font_px: float, line_px: float
) -> tuple[float, float, str]:
    """Where the label of a node on a ring at `angle` goes: outward, never across the node's spoke.

    Returns (x, y of the first baseline, text-anchor). Nodes near the top or bottom get a centred
    label above or below; the others a label to their right or left.
    """
    cos, sin = math.cos(angle), math.sin(angle)
    if abs(cos) < 0.38:
        if sin < 0:
            return x, y - gap - 4 - (lines - 1) * line_px, "middle"
        return x, y + gap + font_px, "middle"
    first = y + font_px / 3 - (lines - 1) * line_px / 2
    return (x + gap, first, "start") if cos > 0 else (x - gap, first, "end")


def legend_svg(kinds: Iterable[str], x: float, y: float) -> str:
    """A one-line legend of the shapes for `kinds`, starting at (x, y)."""
    parts: list[str] = []
    for kind in sorted(set(kinds), key=lambda k: KIND_ORDER.get(k, len(KINDS))):
        if kind not in KIND_NAMES:
            continue
        name = KIND_NAMES[kind]
        parts.append(shape(kind, x + 6, y - 4, 5.5, f"bg-shape bg-{kind}"))
        parts.append(f'<text class="bg-legend" x="{num(x + 16)}" y="{num(y)}">{text(name)}</text>')
        x += 16 + len(name) * 7 + 14
    return f'<g class="bg-legend-row" aria-hidden="true">{"".join(parts)}</g>'


XLINK = "http://www.w3.org/1999/xlink"
"""Links inside pictures are `xlink:href`, not `href`: Material's instant navigation rewrites every
element matching `[href]` by assigning `el.href`, which an SVG `<a>` refuses (its href is read-only,
an uncaught error on every page). `[href]` does not match the XLink attribute; browsers follow both."""


def svg_open(width: float, height: float, id_prefix: str, title: str, desc: str, css_class: str) -> str:
    """The `<svg>` start tag with `role="img"`, labelled by its `<title>` and described by `<desc>`."""
    pid = attr(id_prefix)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="{XLINK}" class="{css_class}" role="img" '
        f'viewBox="0 0 {num(width)} {num(height)}" width="{num(width)}" height="{num(height)}" '
        f'aria-labelledby="{pid}-title" aria-describedby="{pid}-desc">'
        f'<title id="{pid}-title">{text(title)}</title><desc id="{pid}-desc">{text(desc)}</desc>'
    )
