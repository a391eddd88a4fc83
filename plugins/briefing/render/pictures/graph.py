"""Relations pictures as static inline SVG: one entity's neighbourhood, a whole briefing's overview.

Pure functions from `GraphNode`/`GraphEdge` records to strings; no script, nothing fetched, colours
from classes styled by `graph.css` (light, dark and print). Output is byte-identical for the same
input in any order and under any PYTHONHASHSEED: everything is sorted explicitly and coordinates
have one decimal place at most.

`neighbourhood_svg` draws the centre in the middle and its neighbours on one ring, ordered by
kind then label, starting at the top and going clockwise. Each spoke carries its relations
written along it, with an arrow for the direction ("supplies arms to →") and the dates. Only
relations that involve the centre are drawn; relations among the neighbours belong on their own
pages. At most `max_neighbours` neighbours get a place on the ring: those with the most relations
to the centre, ties broken by kind then label; the others are counted in one "+N more" node
whose tooltip names them, and all of them stay in `relations_table_html`.

`overview_svg` is in `graph_overview` and is re-exported here; its docstring argues its design.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from .graph_nodes import (
    KIND_NAMES,
    GraphEdge,
    GraphNode,
    checked_edges,
    index_nodes,
    legend_svg,
    node_label,
    node_order,
    node_svg,
    outward_label,
    relation_text,
    shape,
    svg_open,
)
from .graph_overview import overview_svg
from .svg_text import chars_fitting, num, safe_href, text, text_lines, wrap

__all__ = ["GraphEdge", "GraphNode", "neighbourhood_svg", "overview_svg", "relations_table_html"]

NODE_SIZE = 13.0
CENTRE_SIZE = 44.0
LABEL_PX = 12.0
LINE_PX = 14.0
EDGE_PX = 11.0
LABEL_BOX = 104.0
MIN_RING = 220.0
MARGIN = 10.0


def _incident(center_id: str, edges: list[GraphEdge]) -> dict[str, list[GraphEdge]]:
    by_other: dict[str, list[GraphEdge]] = {}
    for edge in edges:
        if center_id in (edge.source, edge.target):
            other = edge.target if edge.source == center_id else edge.source
            by_other.setdefault(other, []).append(edge)
    return by_other


def _phrase(edge: GraphEdge, center_id: str, flipped: bool) -> str:
    """The relation with an arrow pointing at its target, as the reader sees the rotated text."""
    outward = edge.source == center_id
    if outward != flipped:
        return f"{edge.label} →"
    return f"← {edge.label}"


def _spoke_lines(rels: list[GraphEdge], center_id: str, flipped: bool, max_chars: int) -> list[str]:
    def fit(value: str) -> str:
        return wrap(value, max_chars, 1)[0][0]

    first = _phrase(rels[0], center_id, flipped)
    if len(rels) == 1:
        if rels[0].dated:
            return [fit(first), fit(rels[0].dated)]
        lines, _ = wrap(first, max_chars, 2)
        return [*lines, ""][:2]
    if rels[0].dated:
        first += f" · {rels[0].dated}"
    if len(rels) == 2:
        second = _phrase(rels[1], center_id, flipped)
        return [fit(first), fit(f"{second} · {rels[1].dated}" if rels[1].dated else second)]
    return [fit(first), fit(f"+{len(rels) - 1} more relations")]


def _label_position(x: float, y: float, angle: float, lines: int) -> tuple[float, float, str]:
    return outward_label(x, y, angle, lines, NODE_SIZE + 6, LABEL_PX, LINE_PX)


def _more_node(hidden: list[GraphNode], x: float, y: float, angle: float) -> str:
    names = [node.label for node in hidden[:20]]
    if len(hidden) > 20:
        names.append(f"and {len(hidden) - 20} more")
    label_at = _label_position(x, y, angle, 1)
    return (
        f'<g class="bg-node bg-more"><title>{text("Also related: " + "; ".join(names))}</title>'
        + shape("more", x, y, NODE_SIZE, "bg-shape bg-more")
        + text_lines([f"+{len(hidden)} more"], label_at[0], label_at[1], LINE_PX, "bg-label", label_at[2])
        + "</g>"
    )


def neighbourhood_svg(
    center_id: str,
    nodes: Iterable[GraphNode],
    edges: Iterable[GraphEdge],
    *,
    title: str,
    id_prefix: str,
    max_neighbours: int = 24,
) -> str:
    """An `<svg role="img">` of `center_id` and the entities it has relations with.

    `title` becomes the `<title>` ("Relations of North Korea"); `id_prefix` must be unique on the
    page and prefixes every id in the picture. Raises ValueError for an unknown `center_id`, an
    unknown node kind or an edge whose end is not among `nodes`.
    """
    by_id = index_nodes(nodes)
    if center_id not in by_id:
        raise ValueError(f"centre {center_id!r} is not among the nodes")
    center = by_id[center_id]
    incident = _incident(center_id, checked_edges(edges, by_id))
    ranked = sorted(incident, key=lambda other: (-len(incident[other]), node_order(by_id[other])))
    shown = sorted((by_id[other] for other in ranked[:max_neighbours]), key=node_order)
    hidden = sorted((by_id[other] for other in ranked[max_neighbours:]), key=node_order)

    slots = len(shown) + (1 if hidden else 0)
    step = 2 * math.pi / max(slots, 1)
    ring = max(MIN_RING, (LABEL_BOX + 8) / (2 * math.sin(step / 2))) if slots > 1 else MIN_RING
    half_w = ring + NODE_SIZE + 6 + LABEL_BOX + MARGIN
    half_h = ring + NODE_SIZE + 10 + 2 * LINE_PX + MARGIN
    cx, cy = half_w, half_h
    # Edge text starts where neighbouring spokes are far enough apart for two lines between them.
    text_from = max(CENTRE_SIZE + 10, 30 / step)
    text_to = ring - NODE_SIZE - 8
    edge_chars = chars_fitting(text_to - text_from, EDGE_PX)

    spokes: list[str] = []
    ring_nodes: list[str] = []
    for i, node in enumerate(shown):
        angle = -math.pi / 2 + i * step
        cos, sin = math.cos(angle), math.sin(angle)
        x, y = cx + ring * cos, cy + ring * sin
        rels = incident[node.id]
        flipped = cos < -1e-9
        mid = (text_from + text_to) / 2
        rotate = math.degrees(angle) + (180 if flipped else 0)
        lines = _spoke_lines(rels, center_id, flipped, edge_chars)
        sentences = "; ".join(relation_text(edge, by_id) for edge in rels)
        spokes.append(
            f'<g class="bg-spoke"><title>{text(sentences)}</title>'
            f'<line class="bg-edge" x1="{num(cx + (CENTRE_SIZE + 4) * cos)}" y1="{num(cy + (CENTRE_SIZE + 4) * sin)}" '
            f'x2="{num(x - (NODE_SIZE + 4) * cos)}" y2="{num(y - (NODE_SIZE + 4) * sin)}"/>'
            f'<text class="bg-edge-label" text-anchor="middle" '
            f'transform="translate({num(cx + mid * cos)} {num(cy + mid * sin)}) rotate({num(rotate)})">'
            f'<tspan x="0" y="-4">{text(lines[0])}</tspan>'
            f'<tspan class="bg-edge-date" x="0" y="11">{text(lines[1])}</tspan></text></g>'
        )
        label_lines, tooltip = node_label(node, chars_fitting(LABEL_BOX, LABEL_PX), 2)
        at = _label_position(x, y, angle, len(label_lines))
        ring_nodes.append(node_svg(node, x, y, NODE_SIZE, label_lines, at, tooltip, LINE_PX))
    if hidden:
        angle = -math.pi / 2 + len(shown) * step
        x, y = cx + ring * math.cos(angle), cy + ring * math.sin(angle)
        spokes.append(
            f'<line class="bg-edge bg-edge-more" x1="{num(cx + (CENTRE_SIZE + 4) * math.cos(angle))}" '
            f'y1="{num(cy + (CENTRE_SIZE + 4) * math.sin(angle))}" '
            f'x2="{num(x - (NODE_SIZE + 4) * math.cos(angle))}" y2="{num(y - (NODE_SIZE + 4) * math.sin(angle))}"/>'
        )
        ring_nodes.append(_more_node(hidden, x, y, angle))

    centre_lines, centre_tip = node_label(center, chars_fitting(CENTRE_SIZE * 1.7, LABEL_PX), 3)
    first = cy + 4 - (len(centre_lines) - 1) * LINE_PX / 2
    centre = node_svg(center, cx, cy, CENTRE_SIZE, centre_lines, (cx, first, "middle"), centre_tip, LINE_PX)
    count = len(incident)
    desc = (
        f"{center.label} ({KIND_NAMES[center.kind].lower()}) in the middle, and the {count} "
        f"{'entity' if count == 1 else 'entities'} it has relations with around it. "
        "Each line is labelled with the relation, an arrow for its direction, and its dates."
    )
    height = 2 * half_h + 24
    kinds = [center.kind, *(node.kind for node in shown)]
    return (
        svg_open(2 * half_w, height, id_prefix, title, desc, "briefing-graph bg-neighbourhood")
        + "".join(spokes)
        + f'<g class="bg-centre">{centre}</g>'
        + "".join(ring_nodes)
        + legend_svg(kinds, MARGIN, height - MARGIN)
        + "</svg>"
    )


def _cell(node: GraphNode) -> str:
    href = safe_href(node.href)
    return f'<a href="{href}">{text(node.label)}</a>' if href is not None else text(node.label)


def relations_table_html(center_id: str, nodes: Iterable[GraphNode], edges: Iterable[GraphEdge]) -> str:
    """A `<table>` of every relation involving `center_id`: entity, relation, other entity, dates.

    The same content as `neighbourhood_svg` without its cap on neighbours, for screen readers and
    print. Rows follow the picture's order (the other entity's kind, then its label). Raises
    ValueError like `neighbourhood_svg`.
    """
    by_id = index_nodes(nodes)
    if center_id not in by_id:
        raise ValueError(f"centre {center_id!r} is not among the nodes")
    incident = _incident(center_id, checked_edges(edges, by_id))
    rows: list[str] = []
    for other in sorted(incident, key=lambda other_id: node_order(by_id[other_id])):
        for edge in incident[other]:
            rows.append(
                f"<tr><td>{_cell(by_id[edge.source])}</td><td>{text(edge.label)}</td>"
                f"<td>{_cell(by_id[edge.target])}</td><td>{text(edge.dated)}</td></tr>"
            )
    if not rows:
        rows.append('<tr><td colspan="4">No relations recorded.</td></tr>')
    return (
        f'<table class="briefing-relations"><caption>{text("Relations of " + by_id[center_id].label)}</caption>'
        '<thead><tr><th scope="col">Entity</th><th scope="col">Relation</th>'
        '<th scope="col">Other entity</th><th scope="col">Dates</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
