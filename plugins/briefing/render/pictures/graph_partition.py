"""Which entities the whole-briefing overview draws together (graph_overview.py's steps 1, 2 and 4).

Pure functions of the adjacency and a fixed order of the entities, so the split is the same run to run.
"""

from __future__ import annotations

Picture = tuple[list[str], dict[str, str], int]
"""(members in the order they were taken, parent of each non-hub member, the number of the picture
the hub was first drawn in, 0 for a picture grown from its hub)."""


def partition(order: list[str], adjacency: dict[str, set[str]], max_nodes: int) -> list[Picture]:
    """Pictures grown from hubs (steps 1 and 2), then the continuations of step 4."""
    rank = {node_id: i for i, node_id in enumerate(order)}
    placed: set[str] = set()
    pictures: list[Picture] = []
    for hub in order:
        if hub in placed:
            continue
        members, parent = [hub], {}
        placed.add(hub)
        i = 0
        while i < len(members) and len(members) < max_nodes:
            taking = [other for other in adjacency[members[i]] if other not in placed]
            # Most constrained first: an entity with no other unplaced neighbour can only go here.
            taking.sort(key=lambda other: (len(adjacency[other] - placed), rank[other]))
            for other in taking:
                if len(members) < max_nodes:
                    members.append(other)
                    parent[other] = members[i]
                    placed.add(other)
            i += 1
        if len(members) > 1:
            pictures.append((members, parent, 0))
        else:
            placed.discard(hub)
    return _continued(_dissolve_fragments(pictures, adjacency, max_nodes), order, adjacency, max_nodes)


def _dissolve_fragments(pictures: list[Picture], adjacency: dict[str, set[str]], max_nodes: int) -> list[Picture]:
    """The pictures worth drawing: small ones (a leader and an event whose other neighbours were all taken)
    are dropped when each of their members has a neighbour in a big picture, to be drawn in its continuation."""
    small = max(3, max_nodes // 3)
    big = {m for members, _, _ in pictures if len(members) >= small for m in members}
    placed = {m for members, _, _ in pictures for m in members}
    needed: set[str] = set()
    for node_id, others in adjacency.items():
        if node_id not in placed and others and not others & big:
            needed |= others  # its only neighbours are in small pictures: keep those
    return [
        picture
        for picture in pictures
        if len(picture[0]) >= small or any(not adjacency[m] & big or m in needed for m in picture[0])
    ]


def _continued(
    pictures: list[Picture], order: list[str], adjacency: dict[str, set[str]], max_nodes: int
) -> list[Picture]:
    """Step 4: every entity not yet drawn that has a neighbour drawn goes with its best-connected drawn
    neighbour (its anchor); the anchors of one picture share continuations, up to `max_nodes` each."""
    rank = {node_id: i for i, node_id in enumerate(order)}
    home = {member: number for number, (members, _, _) in enumerate(pictures, 1) for member in members}
    left: dict[str, list[str]] = {}
    for node_id in order:
        if node_id not in home and adjacency[node_id]:
            anchor = min(adjacency[node_id], key=lambda other: (other not in home, rank[other]))
            left.setdefault(anchor, []).append(node_id)
    by_picture: dict[int, list[str]] = {}
    for anchor in sorted(left, key=rank.__getitem__):
        by_picture.setdefault(home.get(anchor, 0), []).append(anchor)
    continued: list[Picture] = []
    for number, anchors in sorted(by_picture.items()):
        members: list[str] = []
        parent: dict[str, str] = {}
        for anchor in anchors:
            rest = left[anchor]
            while rest:
                if members and len(members) + 2 > max_nodes:
                    continued.append((members, parent, number))
                    members, parent = [], {}
                if members:
                    members.append(anchor)
                    parent[anchor] = members[0]
                else:
                    members = [anchor]
                room = max_nodes - len(members)
                members.extend(rest[:room])
                parent.update(dict.fromkeys(rest[:room], anchor))
                rest = rest[room:]
        if members:
            continued.append((members, parent, number))
    return pictures + continued
    return pictures
