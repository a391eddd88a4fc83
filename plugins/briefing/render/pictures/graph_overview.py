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
4. An entity whose neighbours were all placed before it could be (the leaders and events of a hub
   whose picture filled up with better-connected entities) is not left out: after the pictures
   grown from hubs come continuations, "Around X, continued", each with X (drawn again, for
   context) and up to `max_nodes - 1` of those entities, attached to their best-connected
   neighbour. So only entities with no relation at all are left undrawn; they are listed.

Each picture carries its members in words under it, grouped by kind, as links: an SVG with
role="img" is one image to a screen reader, whose links inside it cannot be reached, and the
words let a reader find an entity on the page with the browser's search.

Filtering without JavaScript: an index at the top groups the pictures by the hub's kind, with
one anchor per picture and the count of each kind in it. Each picture is its own
`<svg role="img">` with a `<title>` and `<desc>`. Everything is sorted explicitly, so the output
is byte-identical run to run.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from .graph_nodes import (
    KIND_NAMES,
    KIND_ORDER,
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
from .graph_partition import Picture, partition
from .svg_text import attr, chars_fitting, num, safe_href, text, wrap

NODE_SIZE = 8.0
HUB_SIZE = 14.0
LABEL_PX = 11.0
LABEL_BOX = 96.0
MARGIN = 10.0
PLURALS = {"country": "countries", "leader": "leaders", "organisation": "organisations", "topic": "topics",
           "event": "events"}  # fmt: skip

LOOSE = "Not in a picture (no relation on file):"


def _ring_radius(count: int, floor: float) -> float:
    if count < 2:
        return floor
    return max(floor, (LABEL_BOX + 6) / (2 * math.sin(math.pi / count)))


def _link(node: GraphNode) -> str:
    href = safe_href(node.href)
    return f'<a href="{href}">{text(node.label)}</a>' if href is not None else text(node.label)


def _members_html(members: list[str], by_id: dict[str, GraphNode], again: list[str], first_drawn: int) -> str:
    """The picture's entities in words, by kind: "Countries: A, B. Leaders: C." with links; the anchors
    of a continuation first, as drawn again."""
    groups: dict[str, list[str]] = {}
    for member in sorted(set(members) - set(again), key=lambda m: node_order(by_id[m])):
        groups.setdefault(by_id[member].kind, []).append(_link(by_id[member]))
    parts = [f"{PLURALS[kind].capitalize()}: {', '.join(names)}." for kind, names in groups.items()]
    if again:
        parts.insert(0, f"From picture {first_drawn}, drawn again: {', '.join(_link(by_id[m]) for m in again)}.")
    return f'<figcaption class="bg-overview-members">{" ".join(parts)}</figcaption>'


def _picture(picture: Picture, by_id: dict[str, GraphNode], adjacency: dict[str, set[str]], pid: str) -> str:
    members, parent, first_drawn = picture
    hub = members[0]
    again = [m for m in members if m in set(parent.values())] if first_drawn else []
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
        if member in again:
            tip += f"; drawn with its best-connected neighbours in picture {first_drawn}"
        drawn.append(node_svg(node, x, y, size, label, place, tip, LABEL_PX + 2))

    links_out = sum(outside.values())
    name = by_id[hub].label
    if first_drawn:
        title = f"Picture {first_drawn} continued, around {name}" + (
            f" and {len(again) - 1} more" if len(again) > 1 else ""
        )
        desc = (
            f"{len(again)} entities of picture {first_drawn} drawn again, and {len(members) - len(again)} entities "
            f"related to them that no earlier picture had room for; {len(lines)} relations among them, "
            f"{links_out} to other pictures."
        )
    else:
        title = f"Around {name}"
        desc = (
            f"{len(members)} entities around {name}, the best-connected entity not in an earlier "
            f"picture, and the {len(lines)} relations among them. {links_out} relations lead to other pictures."
        )
    svg = (
        svg_open(2 * half, height, pid, title, desc, "briefing-graph bg-overview")
        + f'<g class="bg-edges">{"".join(lines)}</g>'
        + "".join(drawn)
        + legend_svg((by_id[m].kind for m in members), MARGIN, height - MARGIN)
        + "</svg>"
    )
    words = _members_html(members, by_id, again, first_drawn)
    return f'<figure class="bg-overview-picture" id="{attr(pid)}">{svg}{words}</figure>'


def overview_svg(
    nodes: Iterable[GraphNode],
    edges: Iterable[GraphEdge],
    *,
    title: str,
    id_prefix: str,
    max_nodes: int = 25,
) -> str:
    """An HTML fragment: an index by hub kind, one `<svg>` per hub picture, the entities left alone.

    Every node appears once as a member of a picture or in the closing list (which holds only nodes
    without edges); the hub of a continuation is drawn again as its centre. Ids in the fragment
    start with `id_prefix`; pictures are `{id_prefix}-p1`, `{id_prefix}-p2`, ... in hub order.
    Raises ValueError for an unknown kind or an edge whose end is not among `nodes`.
    """
    by_id = index_nodes(nodes)
    adjacency: dict[str, set[str]] = {node_id: set() for node_id in by_id}
    for edge in checked_edges(edges, by_id):
        adjacency[edge.source].add(edge.target)
        adjacency[edge.target].add(edge.source)
    order = sorted(by_id, key=lambda n: (-len(adjacency[n]), node_order(by_id[n])))
    pictures = partition(order, adjacency, max(2, max_nodes))
    drawn = {member for members, _, _ in pictures for member in members}
    loose = sorted((n for n in by_id if n not in drawn), key=lambda n: node_order(by_id[n]))

    index: dict[str, list[str]] = {}
    figures: list[str] = []
    for i, picture in enumerate(pictures, 1):
        members, _, first_drawn = picture
        pid = f"{id_prefix}-p{i}"
        hub = by_id[members[0]]
        kinds = sorted({by_id[m].kind for m in members}, key=KIND_ORDER.__getitem__)
        counts = ", ".join(f"{sum(by_id[m].kind == k for m in members)} {k[0]}" for k in kinds)
        name = f"{text(hub.label)} (picture {first_drawn} continued)" if first_drawn else text(hub.label)
        index.setdefault(hub.kind, []).append(f'<a href="#{attr(pid)}">{name}</a> ({counts})')
        figures.append(_picture(picture, by_id, adjacency, pid))
    index_items = "".join(
        f"<li>Around {PLURALS[kind]}: {', '.join(index[kind])}</li>" for kind in KINDS if kind in index
    )
    key = ", ".join(f"{kind[0]} {PLURALS[kind]}" for kind in KINDS)
    loose_items: list[str] = []
    for node_id in loose:
        node = by_id[node_id]
        href = safe_href(node.href)
        name = f'<a href="{href}">{text(node.label)}</a>' if href is not None else text(node.label)
        loose_items.append(f"<li>{name} ({text(KIND_NAMES[node.kind].lower())})</li>")
    edge_count = sum(len(v) for v in adjacency.values()) // 2
    summary = (
        f"{len(by_id)} entities and {edge_count} related pairs, in {len(pictures)} pictures of at most "
        f"{max(2, max_nodes)} entities, each grown from the best-connected entity not yet shown; in the "
        f"index, the count of each kind in a picture ({key})."
    )
    parts = [
        f'<div class="briefing-graph-overview" id="{attr(id_prefix)}">',
        f"<p><strong>{text(title)}</strong>. {text(summary)}</p>",
        f'<nav aria-label="{attr(title)}: pictures"><ul>{index_items}</ul></nav>' if index_items else "",
        "".join(figures),
        f'<section class="bg-overview-loose"><p>{LOOSE}</p><ul>{"".join(loose_items)}</ul></section>'
        if loose_items
        else "",
        "</div>",
    ]
    return "".join(parts)
