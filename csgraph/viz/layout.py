"""Positions for drawing a network, computed before a page opens: seeded, so the same graph is drawn the same way.

Each connected component is laid out on its own and the components are packed in rows, largest first.
A small component gets networkx's spring layout. A large one is grouped: its communities (igraph's
multilevel modularity method) are each laid out with Fruchterman-Reingold and placed, as discs sized by
their number of nodes, where a force layout of the graph of communities puts them, pushed apart until no
two discs overlap. That takes time about linear in the size of the graph (about 1 s for 15,000 nodes, see
bench/) and shows the communities, which in a partnership network are mostly the authorities' own
networks, as visible groups.
"""

from __future__ import annotations

import math
import random
from collections.abc import Hashable, Sequence

import networkx as nx

__all__ = ["layout_positions"]

_SPRING_MAX = 400  # components up to this size get a spring layout; larger ones the grouped layout
_NODE_SPACE = 90.0  # about this many layout units between neighbouring nodes (pixels on the small page)

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


def _separate(centres: list[list[float]], radii: Sequence[float], rounds: int = 100) -> None:
    """Push discs apart (in place) until no two overlap, keeping their arrangement."""
    import numpy as np

    xy = np.array(centres, dtype=float)
    r = np.asarray(radii, dtype=float)
    for _ in range(rounds):
        d = xy[:, None, :] - xy[None, :, :]
        dist = np.sqrt((d ** 2).sum(axis=2)) + np.eye(len(r))
        need = r[:, None] + r[None, :] + _NODE_SPACE * 0.5
        push = np.clip(need - dist, 0, None)
        np.fill_diagonal(push, 0)
        if push.max() < 1.0:
            break
        xy += ((d / dist[:, :, None]) * (push / 2)[:, :, None]).sum(axis=1)
    centres[:] = xy.tolist()


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
        groups: list[list[int]] = [[] for _ in range(max(members) + 1)]
        for i, c in enumerate(members):
            groups[c].append(i)
        radii = [_NODE_SPACE * 0.55 * math.sqrt(len(group)) + _NODE_SPACE * 0.3 for group in groups]
        between: dict[tuple[int, int], int] = {}
        for u, v in g.get_edgelist():
            cu, cv = members[u], members[v]
            if cu != cv:
                key = (min(cu, cv), max(cu, cv))
                between[key] = between.get(key, 0) + 1
        cg = igraph.Graph(n=len(groups), edges=sorted(between))
        centres = cg.layout_fruchterman_reingold(seed=_circle(len(groups)), niter=500,
                                                 weights=[between[e] for e in sorted(between)] or None).coords
        scale = 2.2 * max(radii)
        centres = [[x * scale, y * scale] for x, y in centres]
        _separate(centres, radii)
        pos: dict[Hashable, Point] = {}
        for group, (cx, cy), radius in zip(groups, centres, radii):
            if len(group) == 1:
                pos[nodes[group[0]]] = (cx, cy)
                continue
            h = g.subgraph(group)
            raw = h.layout_fruchterman_reingold(seed=_circle(len(group)), niter=100,
                                                grid=len(group) > 1000).coords
            local = _scaled({i: (x, y) for i, (x, y) in enumerate(raw)}, radius)
            for i, node in enumerate(group):
                pos[nodes[node]] = (cx + local[i][0], cy + local[i][1])
    finally:
        igraph.set_random_number_generator(old if old is not None else random)
    return pos


def layout_positions(graph: nx.Graph, *, seed: int = 7) -> tuple[dict[Hashable, Point], bool]:
    """Positions for every node, and whether a page should still tidy them with physics (always False now).

    Parameters
    ----------
    graph : networkx.Graph
        Any graph; directions, keys and self-loops are ignored.
    seed : int
        The seed of every random choice, so the same graph gets the same positions.

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
    placed: list[tuple[dict[Hashable, Point], float]] = []
    singles: list[Hashable] = []
    for comp in comps:
        if len(comp) == 1:
            singles.append(comp[0])
            continue
        # a new graph rather than U.subgraph(comp): a subgraph view lists its nodes in the order of a
        # set, which changes from one process to the next
        sub = nx.Graph()
        sub.add_nodes_from(comp)
        sub.add_edges_from(U.edges(comp))
        if len(comp) <= _SPRING_MAX:
            radius = _NODE_SPACE * math.sqrt(len(comp))
            placed.append((_scaled(_spring(sub, seed), radius), radius))
        else:
            pos = _grouped(U, comp, seed)
            xs = [p[0] for p in pos.values()]
            ys = [p[1] for p in pos.values()]
            cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
            radius = max(math.hypot(x - cx, y - cy) for x, y in pos.values())
            placed.append((_scaled(pos, radius), radius))
    if singles:
        cols = max(1, math.ceil(math.sqrt(len(singles))))
        step = 2 * _NODE_SPACE
        radius = cols * step / 2
        placed.append(({n: ((i % cols) * step - radius + step / 2, (i // cols) * step - radius + step / 2)
                        for i, n in enumerate(singles)}, radius))
    return _pack(placed), False


def _pack(placed: list[tuple[dict[Hashable, Point], float]]) -> dict[Hashable, Point]:
    """Shelf packing: rows of components, about 1.6 times as wide as the rows are high in all."""
    total = sum((2 * r + 80) ** 2 for _, r in placed)
    width = max(math.sqrt(total * 1.6) * 1.1, max((2 * r + 80 for _, r in placed), default=0))
    out: dict[Hashable, Point] = {}
    x = y = row = 0.0
    for pos, r in placed:
        size = 2 * r + 80
        if x > 0 and x + size > width:
            x, y, row = 0.0, y + row, 0.0
        ox, oy = x + size / 2, y + size / 2
        out.update({n: (round(px + ox, 1), round(py + oy, 1)) for n, (px, py) in pos.items()})
        x += size
        row = max(row, size)
    return out
