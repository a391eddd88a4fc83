"""A whole briefing's relations, readable at thousands of entities: small pictures, one per hub.

Why not one picture: 2,000 nodes and 5,000 edges in one node-link drawing is a hairball at any
size, and a force layout that untangles it needs iteration, a dependency and still gives no
reading order. An adjacency matrix of 2,000 rows is 4 million cells. What an analyst asks of an
overview is "who are the hubs, and what hangs together around them"; each entity's own page
already answers "what exactly is X related to" with `neighbourhood_svg` and its table.

So the overview is a sequence of pictures of at most `max_nodes` entities each (default 25,
small enough for one-line labels without overlaps):

1. Take the best-connected entity not yet placed (most distinct related entities; ties by kind,
   then label) as a hub.
2. Grow its picture breadth-first from the hub, taking each entity's unplaced neighbours best
   connected first, until the picture is full or nothing reachable is left. Every picture is
   therefore connected, and the biggest hubs come first.
3. Draw the hub in the middle, its direct neighbours on a first ring, the rest on a second ring
   next to the neighbour they were reached through. Lines show the relations inside the picture;
   each node's tooltip counts the relations that lead to other pictures.
4. Entities left alone (no relations, or all their neighbours already placed) are not drawn: they
   are listed with links, and with links to the pictures that hold their neighbours.

Filtering without JavaScript: an index at the top groups the pictures by the hub's kind, with
one anchor per picture. Each picture is its own `<svg role="img">` with a `<title>` and `<desc>`.
Everything is sorted explicitly, so the output is byte-identical run to run.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from .graph_nodes import (
    KIND_NAMES,
    KINDS,
    GraphEdge,
    GraphNode,
    checked_edges,
    index_nodes,
    legend_svg,
    node_order,
    node_svg,
    outward_label,
    svg_open,
)
from .svg_text import attr, chars_fitting, num, safe_href, text, wrap

NODE_SIZE = 8.0
HUB_SIZE = 14.0
LABEL_PX = 11.0
LABEL_BOX = 96.0
MARGIN = 10.0


def _partition(
    order: list[str], adjacency: dict[str, set[str]], max_nodes: int
) -> list[tuple[list[str], dict[str, str]]]:
    """Pictures as (members in the order they were taken, parent of each non-hub member)."""
    rank = {node_id: i for i, node_id in enumerate(order)}
    placed: set[str] = set()
    pictures: list[tuple[list[str], dict[str, str]]] = []
    for hub in order:
        if hub in placed:
            continue
        members, parent = [hub], {}
        placed.add(hub)
        i = 0
        while i < len(members) and len(members) < max_nodes:
            for other in sorted(adjacency[members[i]], key=rank.__getitem__):
                if other not in placed and len(members) < max_nodes:
                    members.append(other)
                    parent[other] = members[i]
                    placed.add(other)
            i += 1
        pictures.append((members, parent))
    return pictures


def _ring_radius(count: int, floor: float) -> float:
    if count < 2:
        return floor
    return max(floor, (LABEL_BOX + 6) / (2 * math.sin(math.pi / count)))


def _picture(
    members: list[str],
    parent: dict[str, str],
    by_id: dict[str, GraphNode],
    adjacency: dict[str, set[str]],
    pid: str,
) -> str:
    hub = members[0]
    first = sorted((m for m in members[1:] if parent[m] == hub), key=lambda m: node_order(by_id[m]))
    first_index = {m: i for i, m in enumerate(first)}

    def via(member: str) -> int:
        while parent[member] != hub:
            member = parent[member]
        return first_index[member]

    second = sorted((m for m in members[1:] if parent[m] != hub), key=lambda m: (via(m), node_order(by_id[m])))
    r1 = _ring_radius(len(first), 120.0)
    r2 = _ring_radius(len(second), r1 + 100.0) if second else r1
    half = r2 + NODE_SIZE + 6 + LABEL_BOX + MARGIN
    height = 2 * half + 24
    at: dict[str, tuple[float, float, float]] = {hub: (half, half, 0.0)}
    for ring, radius in ((first, r1), (second, r2)):
        for i, member in enumerate(ring):
            angle = -math.pi / 2 + 2 * math.pi * i / len(ring)
            at[member] = (half + radius * math.cos(angle), half + radius * math.sin(angle), angle)

    inside = set(members)
    lines: list[str] = []
    outside: dict[str, int] = {}
    for member in members:
        outside[member] = len(adjacency[member] - inside)
        for other in sorted(adjacency[member] & inside):
            if member < other:
                (x1, y1, _), (x2, y2, _) = at[member], at[other]
                lines.append(f'<line class="bg-edge" x1="{num(x1)}" y1="{num(y1)}" x2="{num(x2)}" y2="{num(y2)}"/>')
    drawn: list[str] = []
    max_chars = chars_fitting(LABEL_BOX, LABEL_PX)
    for member in members:
        node = by_id[member]
        x, y, angle = at[member]
        size = HUB_SIZE if member == hub else NODE_SIZE
        label, _ = wrap(node.label, max_chars, 1)
        if member == hub:
            place = (x, y + size + 6 + LABEL_PX + 2, "middle")
        else:
            place = outward_label(x, y, angle, 1, size + 5, LABEL_PX, LABEL_PX + 2)
        tip = f"{node.label} ({KIND_NAMES[node.kind].lower()}): {len(adjacency[member])} related"
        if outside[member]:
            tip += f", {outside[member]} of them in other pictures"
        drawn.append(node_svg(node, x, y, size, label, place, tip, LABEL_PX + 2))

    links_out = sum(outside.values())
    desc = (
        f"{len(members)} entities around {by_id[hub].label}, the best-connected entity not in an earlier "
        f"picture, and the {len(lines)} relations among them. {links_out} relations lead to other pictures."
    )
    svg = (
        svg_open(2 * half, height, pid, f"Around {by_id[hub].label}", desc, "briefing-graph bg-overview")
        + f'<g class="bg-edges">{"".join(lines)}</g>'
        + "".join(drawn)
        + legend_svg((by_id[m].kind for m in members), MARGIN, height - MARGIN)
        + "</svg>"
    )
    return f'<figure class="bg-overview-picture" id="{attr(pid)}">{svg}</figure>'


def overview_svg(
    nodes: Iterable[GraphNode],
    edges: Iterable[GraphEdge],
    *,
    title: str,
    id_prefix: str,
    max_nodes: int = 25,
) -> str:
    """An HTML fragment: an index by hub kind, one `<svg>` per hub picture, the entities left alone.

    Every node appears exactly once: in one picture or in the closing list. Ids in the fragment
    start with `id_prefix`; pictures are `{id_prefix}-p1`, `{id_prefix}-p2`, ... in hub order.
    Raises ValueError for an unknown kind or an edge whose end is not among `nodes`.
    """
    by_id = index_nodes(nodes)
    adjacency: dict[str, set[str]] = {node_id: set() for node_id in by_id}
    for edge in checked_edges(edges, by_id):
        adjacency[edge.source].add(edge.target)
        adjacency[edge.target].add(edge.source)
    order = sorted(by_id, key=lambda n: (-len(adjacency[n]), node_order(by_id[n])))
    pictures = [p for p in _partition(order, adjacency, max(2, max_nodes)) if len(p[0]) > 1]
    home = {member: i for i, (members, _) in enumerate(pictures, 1) for member in members}
    loose = sorted((n for n in by_id if n not in home), key=lambda n: node_order(by_id[n]))

    index: dict[str, list[str]] = {}
    figures: list[str] = []
    for i, (members, parent) in enumerate(pictures, 1):
        pid = f"{id_prefix}-p{i}"
        hub = by_id[members[0]]
        index.setdefault(hub.kind, []).append(f'<a href="#{attr(pid)}">{text(hub.label)} ({len(members)})</a>')
        figures.append(_picture(members, parent, by_id, adjacency, pid))
    index_items = "".join(
        f"<li>Around {text(KIND_NAMES[kind].lower())}s: {', '.join(index[kind])}</li>"
        for kind in KINDS
        if kind in index
    )
    loose_items: list[str] = []
    for node_id in loose:
        node = by_id[node_id]
        href = safe_href(node.href)
        name = f'<a href="{href}">{text(node.label)}</a>' if href is not None else text(node.label)
        where = sorted({home[other] for other in adjacency[node_id]})
        near = ", ".join(f'<a href="#{attr(id_prefix)}-p{p}">picture {p}</a>' for p in where)
        loose_items.append(
            f"<li>{name} ({text(KIND_NAMES[node.kind].lower())}){': related to ' + near if near else ''}</li>"
        )
    edge_count = sum(len(v) for v in adjacency.values()) // 2
    summary = (
        f"{len(by_id)} entities and {edge_count} related pairs, in {len(pictures)} pictures of at most "
        f"{max(2, max_nodes)} entities, each grown from the best-connected entity not yet shown."
    )
    parts = [
        f'<div class="briefing-graph-overview" id="{attr(id_prefix)}">',
        f"<p><strong>{text(title)}</strong>. {text(summary)}</p>",
        f'<nav aria-label="{attr(title)}: pictures"><ul>{index_items}</ul></nav>' if index_items else "",
        "".join(figures),
        f'<section class="bg-overview-loose"><p>Not in a picture:</p><ul>{"".join(loose_items)}</ul></section>'
        if loose_items
        else "",
        "</div>",
    ]
    return "".join(parts)
