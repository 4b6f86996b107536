"""Positions for drawing a network, computed before a page opens: seeded, so the same graph is drawn the same way.

Each connected component is laid out on its own and the components are packed in rows, largest first.
A small component gets networkx's spring layout. A large one is grouped: its communities (igraph's
multilevel modularity method; one of more than 120 nodes is cut into runs of a breadth-first order) are each
laid out with Fruchterman-Reingold and drawn as discs sized by their number of nodes. A force layout of the
graph of communities says where each disc should go, and the discs are placed there, the largest first, each
at the first free point of a spiral around its place (a grid of cells finds its neighbours). Every step takes
time about linear in the size of the graph (see bench/) and shows the communities, which in a partnership
network are mostly the authorities' own networks, as visible groups.
"""

from __future__ import annotations

import math
import random
from collections.abc import Hashable, Mapping
from typing import Any

import networkx as nx

__all__ = ["layout_positions"]

_SPRING_MAX = 400  # components up to this size get a spring layout; larger ones the grouped layout
_NODE_SPACE = 90.0  # about this many layout units between neighbouring nodes (pixels on the small page)
_GROUP_MAX = 120  # larger communities are drawn as several discs, so laying out one stays quick

Point = tuple[float, float]


def _spring(sub: nx.Graph, seed: int) -> dict[Hashable, Point]:
    # a strong repulsion (k) spreads nodes evenly, leaving room for their labels
    raw = nx.spring_layout(sub, seed=seed, k=2.5 / math.sqrt(len(sub)), iterations=200 if len(sub) <= 100 else 60)
    return {n: (float(p[0]), float(p[1])) for n, p in raw.items()}


def _scaled(raw: dict[Hashable, Point], radius: float) -> dict[Hashable, Point]:
    """``raw`` moved to the origin and scaled to fit a disc of ``radius``."""
    xs = [p[0] for p in raw.values()]
    ys = [p[1] for p in raw.values()]
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    span = max(math.hypot(x - cx, y - cy) for x, y in raw.values()) or 1.0
    return {n: ((x - cx) / span * radius, (y - cy) / span * radius) for n, (x, y) in raw.items()}


def _circle(count: int) -> list[list[float]]:
    return [[math.cos(2 * math.pi * i / count), math.sin(2 * math.pi * i / count)] for i in range(count)]


def _split(g: Any, group: list[int]) -> list[list[int]]:
    """``group`` as pieces of at most :data:`_GROUP_MAX` nodes: runs of a breadth-first order from its best
    linked node, so each piece is a connected neighbourhood and a large community's pieces stay linked."""
    if len(group) <= _GROUP_MAX:
        return [group]
    h = g.subgraph(group)
    order: list[int] = []
    seen = [False] * len(group)
    for root in sorted(range(len(group)), key=lambda i: (-h.degree(i), i)):
        if not seen[root]:
            found = h.bfs(root)[0]
            for i in found:
                seen[i] = True
            order += found
    pieces = math.ceil(len(group) / _GROUP_MAX)
    size = math.ceil(len(group) / pieces)
    return [[group[i] for i in order[k:k + size]] for k in range(0, len(order), size)]


def _place_discs(targets: list[tuple[float, float]], radii: list[float]) -> list[tuple[float, float]]:
    """Centres for discs of ``radii`` near ``targets`` with no two overlapping: the largest first, each at the
    first free point of a spiral around its target. A grid of cells finds the discs near a point, so the
    time grows with the number of discs times the points tried, not with its square."""
    gap = _NODE_SPACE * 0.5
    cell = 2 * sorted(radii)[len(radii) // 2] + gap
    grid: dict[tuple[int, int], list[int]] = {}
    placed: list[tuple[float, float]] = [(0.0, 0.0)] * len(radii)

    def cells(x: float, y: float, r: float) -> list[tuple[int, int]]:
        return [(i, j) for i in range(math.floor((x - r) / cell), math.floor((x + r) / cell) + 1)
                for j in range(math.floor((y - r) / cell), math.floor((y + r) / cell) + 1)]

    def free(x: float, y: float, r: float) -> bool:
        for key in cells(x, y, r + gap):
            for j in grid.get(key, ()):
                px, py = placed[j]
                if (px - x) ** 2 + (py - y) ** 2 < (r + radii[j] + gap) ** 2:
                    return False
        return True

    for i in sorted(range(len(radii)), key=lambda k: (-radii[k], k)):
        (x0, y0), r = targets[i], radii[i]
        step = (max(r, cell) + gap) * 0.5
        x, y, t = x0, y0, 0
        while not free(x, y, r):  # a sunflower spiral: even coverage of the plane around the target
            t += 1
            x, y = x0 + step * math.sqrt(t) * math.cos(t * 2.39996), y0 + step * math.sqrt(t) * math.sin(t * 2.39996)
        placed[i] = (x, y)
        for key in cells(x, y, r):
            grid.setdefault(key, []).append(i)
    return placed


def _grouped(U: nx.Graph, comp: list[Hashable], seed: int) -> dict[Hashable, Point]:
    """Communities of the component ``comp`` of ``U`` laid out each on its own, placed by a layout of the graph
    of communities."""
    import igraph

    nodes = comp  # sorted by the caller, so the numbering does not depend on the graph's order
    index = {n: i for i, n in enumerate(nodes)}
    pairs = {(index[u], index[v]) for u, v in U.edges(comp)}
    g = igraph.Graph(n=len(nodes), edges=sorted((u, v) if u < v else (v, u) for u, v in pairs))
    old = igraph.set_random_number_generator(random.Random(seed))
    try:
        members = g.community_multilevel().membership
        found: list[list[int]] = [[] for _ in range(max(members) + 1)]
        for i, c in enumerate(members):
            found[c].append(i)
        groups = [piece for group in found for piece in _split(g, group)]
        of = [0] * len(nodes)
        for c, group in enumerate(groups):
            for i in group:
                of[i] = c
        radii = [_NODE_SPACE * 0.55 * math.sqrt(len(group)) + _NODE_SPACE * 0.3 for group in groups]
        between: dict[tuple[int, int], int] = {}
        for u, v in g.get_edgelist():
            cu, cv = of[u], of[v]
            if cu != cv:
                key = (min(cu, cv), max(cu, cv))
                between[key] = between.get(key, 0) + 1
        cg = igraph.Graph(n=len(groups), edges=sorted(between))
        raw = cg.layout_fruchterman_reingold(seed=_circle(len(groups)), niter=300 if len(groups) <= 500 else 100,
                                             weights=[between[e] for e in sorted(between)] or None,
                                             grid=len(groups) > 500).coords
        # the layout of communities spread over about 2.5 times the area of their discs, then no disc overlapping
        area = sum((r + _NODE_SPACE * 0.25) ** 2 for r in radii) * 2.5
        targets = _scaled({c: (x, y) for c, (x, y) in enumerate(raw)}, math.sqrt(area)) if len(groups) > 1 \
            else {0: (0.0, 0.0)}
        centres = _place_discs([targets[c] for c in range(len(groups))], radii)
        pos: dict[Hashable, Point] = {}
        for group, (cx, cy), radius in zip(groups, centres, radii):
            if len(group) == 1:
                pos[nodes[group[0]]] = (cx, cy)
                continue
            local = _scaled(dict(enumerate(g.subgraph(group).layout_fruchterman_reingold(
                seed=_circle(len(group)), niter=60).coords)), radius)
            for i, node in enumerate(group):
                pos[nodes[node]] = (cx + local[i][0], cy + local[i][1])
    finally:
        igraph.set_random_number_generator(old if old is not None else random)
    return pos


Box = tuple[float, float, float, float]  # left, top, right, bottom, from the node's position


def _unoverlap(pos: dict[Hashable, Point], boxes: Mapping[Hashable, Box], rounds: int = 3000) -> dict[Hashable, Point]:
    """``pos`` moved so that no two nodes' boxes overlap: each overlapping pair is pushed apart along the axis
    that separates it soonest, half each way, until none overlaps (for a component of a small graph); every
    hundred rounds the whole is spread by 5 %, so pairs pushed back and forth by others come apart too."""
    import numpy as np

    nodes = list(pos)
    xy = np.array([pos[n] for n in nodes], dtype=float)
    box = np.array([boxes[n] for n in nodes], dtype=float)
    order = np.arange(len(nodes), dtype=float)
    upper = np.triu(np.ones((len(nodes), len(nodes)), dtype=bool), 1)
    for turn in range(rounds):
        if turn and turn % 100 == 0:  # pairs that push each other back and forth: spread everything a little
            xy = xy.mean(axis=0) + (xy - xy.mean(axis=0)) * 1.05
        x0, y0 = xy[:, 0] + box[:, 0], xy[:, 1] + box[:, 1]
        x1, y1 = xy[:, 0] + box[:, 2], xy[:, 1] + box[:, 3]
        ox = np.minimum(x1[:, None], x1[None, :]) - np.maximum(x0[:, None], x0[None, :])
        oy = np.minimum(y1[:, None], y1[None, :]) - np.maximum(y0[:, None], y0[None, :])
        hit = (ox > 0) & (oy > 0) & upper
        if not hit.any():
            break
        i, j = np.nonzero(hit)
        along_x = ox[i, j] * 0.7 < oy[i, j]  # the shorter way out, preferring to stack labels vertically
        # which way: from the centres of the boxes, ties broken by the nodes' order
        cx = (x0 + x1) / 2 + order * 1e-6
        cy = (y0 + y1) / 2 + order * 1e-6
        sx = np.sign(cx[j] - cx[i])
        sy = np.sign(cy[j] - cy[i])
        step = np.where(along_x, ox[i, j], oy[i, j]) / 2 + 0.5
        move = np.zeros_like(xy)
        np.add.at(move[:, 0], i, np.where(along_x, -sx * step, 0))
        np.add.at(move[:, 0], j, np.where(along_x, sx * step, 0))
        np.add.at(move[:, 1], i, np.where(along_x, 0, -sy * step))
        np.add.at(move[:, 1], j, np.where(along_x, 0, sy * step))
        xy += move
    return {n: (float(x), float(y)) for n, (x, y) in zip(nodes, xy)}


def layout_positions(graph: nx.Graph, *, seed: int = 7, boxes: Mapping[Hashable, Box] | None = None
                     ) -> tuple[dict[Hashable, Point], bool]:
    """Positions for every node, and whether a page should still tidy them with physics (always False now).

    Parameters
    ----------
    graph : networkx.Graph
        Any graph; directions, keys and self-loops are ignored.
    seed : int
        The seed of every random choice, so the same graph gets the same positions.
    boxes : mapping, optional
        For each node, the box its drawing and label take, as (left, top, right, bottom) from its position;
        given, the nodes of a small component are moved until no two boxes overlap, and components are packed
        by their boxes (used for pages whose every label is shown).

    Returns
    -------
    tuple
        ``{node: (x, y)}`` in units of about a node's spacing on the page (rounded to 0.1), and False.

    Examples
    --------
    >>> pos, physics = layout_positions(nx.path_graph(3))
    >>> sorted(pos), physics
    ([0, 1, 2], False)
    >>> layout_positions(nx.path_graph(3))[0] == pos
    True
    """
    # nodes and links in a fixed order: a graph built from sets lists them in an order that changes
    # from one process to the next (string hashing), and the layouts follow the order they are given
    U = nx.Graph()
    U.add_nodes_from(sorted(graph, key=str))
    U.add_edges_from(sorted(((u, v) if str(u) <= str(v) else (v, u) for u, v in graph.edges() if u != v),
                            key=lambda e: (str(e[0]), str(e[1]))))
    comps = sorted((sorted(c, key=str) for c in nx.connected_components(U)), key=lambda c: (-len(c), str(c[0])))
    placed: list[dict[Hashable, Point]] = []
    singles: list[Hashable] = []
    for comp in comps:
        if len(comp) == 1:
            singles.append(comp[0])
            continue
        if len(comp) <= _SPRING_MAX:
            # a new graph rather than U.subgraph(comp): a subgraph view lists its nodes in the order of a
            # set, which changes from one process to the next
            sub = nx.Graph()
            sub.add_nodes_from(comp)
            sub.add_edges_from(U.edges(comp))
            if boxes is None:
                placed.append(_scaled(_spring(sub, seed), _NODE_SPACE * math.sqrt(len(comp))))
            else:  # as compact as the boxes allow, then no two overlapping
                room = math.sqrt(sum((b[2] - b[0]) * (b[3] - b[1]) for b in map(boxes.__getitem__, comp)))
                placed.append(_unoverlap(_scaled(_spring(sub, seed), room * 0.6), boxes))
        else:
            placed.append(_grouped(U, comp, seed))
    if singles and boxes is not None:
        placed += [{n: (0.0, 0.0)} for n in singles]
    elif singles:
        cols = max(1, math.ceil(math.sqrt(len(singles))))
        step = 2 * _NODE_SPACE
        placed.append({n: ((i % cols) * step, (i // cols) * step) for i, n in enumerate(singles)})
    return _pack(placed, boxes), False


def _pack(placed: list[dict[Hashable, Point]], boxes: Mapping[Hashable, Box] | None) -> dict[Hashable, Point]:
    """Shelf packing: rows of components, tallest first, about 1.6 times as wide as the rows are high in all."""
    margin = _NODE_SPACE * 0.4 if boxes is None else 8.0
    own = (-margin, -margin, margin, margin)
    extents = []
    for pos in placed:
        edges = [(x + b[0], y + b[1], x + b[2], y + b[3])
                 for n, (x, y) in pos.items() for b in ((boxes or {}).get(n, own),)]
        x0, y0 = min(e[0] for e in edges), min(e[1] for e in edges)
        x1, y1 = max(e[2] for e in edges), max(e[3] for e in edges)
        extents.append((x0, y0, x1 - x0 + 2 * margin, y1 - y0 + 2 * margin))
    order = sorted(range(len(placed)), key=lambda k: (-round(extents[k][3], 1), k))

    def shelves(width: float) -> tuple[list[tuple[float, float]], float, float]:
        corners, x, y, row, right = [], 0.0, 0.0, 0.0, 0.0
        for k in order:
            w, h = extents[k][2], extents[k][3]
            if x > 0 and x + w > width:
                x, y, row = 0.0, y + row, 0.0
            corners.append((x, y))
            x, row, right = x + w, max(row, h), max(right, x + w)
        return corners, right, y + row

    # of some widths tried, the one whose drawing is largest in a window 1.6 times as wide as high
    widest = max((e[2] for e in extents), default=0.0)
    total = sum(e[2] for e in extents)
    tries = [widest + (total - widest) * t / 24 for t in range(25)] if len(placed) <= 200 else \
        [max(widest, math.sqrt(sum(e[2] * e[3] for e in extents) * 1.6) * 1.05)]
    corners, _, _ = max((shelves(w) for w in tries), key=lambda s: min(1.6 / max(s[1], 1e-9), 1 / max(s[2], 1e-9)))
    out: dict[Hashable, Point] = {}
    for k, (x, y) in zip(order, corners):
        ox, oy = x - extents[k][0] + margin, y - extents[k][1] + margin
        out.update({n: (round(px + ox, 1), round(py + oy, 1)) for n, (px, py) in placed[k].items()})
    return out
