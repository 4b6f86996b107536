"""Networks written for other tools: GraphML, node-link JSON, Cytoscape.js JSON and CSV tables.

Every writer makes the attributes plain (strings, numbers, booleans; lists joined with ``"; "``) and
writes the file whole or not at all (a temporary file in the same folder, renamed into place).
Attributes whose names a format keeps for itself (``id``, ``source``, ``target``, ``key``,
``parent``) are written under other names (:data:`RENAMED`): the edges' and nodes' ``source``
(web addresses) becomes ``source_url``. GEXF for Gephi is in :mod:`csgraph.network.gexf`.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Hashable, Iterable, Mapping
from pathlib import Path
from typing import Any

import networkx as nx

from ..files import atomic_write

__all__ = [
    "JSON_LINK_KEYS",
    "RENAMED",
    "graphml_safe",
    "Positions",
    "Styles",
    "drawing",
    "nodes_path_for",
    "plain_attrs",
    "write_csv",
    "write_cytoscape",
    "write_graphml",
    "write_json",
]

#: Attribute names the JSON, Cytoscape.js and CSV formats keep for themselves, and the names the
#: attributes are written under instead.
RENAMED: Mapping[str, str] = {"id": "id_attr", "source": "source_url", "target": "target_attr",
                              "key": "key_attr", "parent": "parent_attr"}

#: Deprecated: :func:`write_json` now uses networkx's default keys, so
#: ``networkx.node_link_graph(data)`` reads it as it is; these are those defaults.
JSON_LINK_KEYS = {"edges": "edges", "source": "source", "target": "target"}

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _safe_value(value: Any) -> Any:
    if isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (list, tuple, set, frozenset)):
        return "; ".join(str(v) for v in value)
    return str(value)


def plain_attrs(data: Mapping[str, Any], *, rename: bool = False) -> dict[str, Any]:
    """``data`` with plain values, None left out, and (``rename``) the reserved names replaced."""
    out = {}
    for k, v in data.items():
        if v is None:
            continue
        out[RENAMED.get(k, k) if rename else k] = _safe_value(v)
    return out


def graphml_safe(G: nx.Graph) -> nx.Graph:
    """A copy of ``G`` whose attributes are all strings, numbers or booleans (None left out).

    GraphML, GEXF and JSON take such attributes as they are; lists become ``"; "``-joined text.

    >>> G = nx.Graph(); G.add_node(1, tags=["a", "b"], gone=None)
    >>> dict(graphml_safe(G).nodes[1])
    {'tags': 'a; b'}
    """
    H = G.__class__()
    H.graph.update(plain_attrs(G.graph))
    H.add_nodes_from((n, plain_attrs(d)) for n, d in G.nodes(data=True))
    if G.is_multigraph():
        H.add_edges_from((u, v, k, plain_attrs(d)) for u, v, k, d in G.edges(keys=True, data=True))
    else:
        H.add_edges_from((u, v, plain_attrs(d)) for u, v, d in G.edges(data=True))
    return H


def write_graphml(G: nx.Graph, path: str | os.PathLike) -> Path:
    """Write ``G`` as GraphML.

    Read it back with ``networkx.read_graphml(path, edge_key_type=str, force_multigraph=True)``
    (without ``force_multigraph`` networkx returns a simple graph when no two links are parallel).

    >>> import tempfile
    >>> G = nx.MultiDiGraph(); G.add_edge("a", "b", "hasMember", source="x")
    'hasMember'
    >>> with tempfile.TemporaryDirectory() as d:
    ...     path = write_graphml(G, f"{d}/g.graphml")
    ...     H = nx.read_graphml(path, edge_key_type=str, force_multigraph=True)
    >>> list(H.edges(keys=True, data="source"))
    [('a', 'b', 'hasMember', 'x')]
    """
    H = graphml_safe(G)
    with atomic_write(path, "wb") as fh:
        nx.write_graphml(H, fh, named_key_ids=True)
    return Path(path)


def _edges(G: nx.Graph) -> Iterable[tuple[Hashable, Hashable, Hashable, Mapping[str, Any]]]:
    if G.is_multigraph():
        yield from G.edges(keys=True, data=True)
    else:
        for u, v, d in G.edges(data=True):
            yield u, v, None, d


def write_json(G: nx.Graph, path: str | os.PathLike) -> Path:
    """Write ``G`` as node-link JSON that ``networkx.node_link_graph(data)`` reads with its defaults.

    Nodes are under ``nodes`` with their ``id``; links under ``edges`` with ``source``, ``target``
    and (in a multigraph) ``key``. Attributes with those names are renamed (:data:`RENAMED`): the
    links' web addresses are under ``source_url``.

    >>> import tempfile
    >>> G = nx.MultiDiGraph(); _ = G.add_edge("a", "b", "unitOf", source="https://example.org")
    >>> with tempfile.TemporaryDirectory() as d:
    ...     data = json.loads(write_json(G, f"{d}/g.json").read_text())
    >>> list(nx.node_link_graph(data).edges(keys=True, data="source_url"))
    [('a', 'b', 'unitOf', 'https://example.org')]
    """
    multi = G.is_multigraph()
    edges = []
    for u, v, k, d in _edges(G):
        item = {"source": u, "target": v, **({"key": k} if multi else {})}
        item.update(plain_attrs(d, rename=True))
        edges.append(item)
    data = {"directed": G.is_directed(), "multigraph": multi, "graph": plain_attrs(G.graph),
            "nodes": [{"id": n, **plain_attrs(d, rename=True)} for n, d in G.nodes(data=True)],
            "edges": edges}
    with atomic_write(path, "w", encoding="utf-8") as fh:
        json.dump(data, fh, ensure_ascii=False, indent=1)
    return Path(path)


#: Kind -> how the page draws it: (colour ``#rrggbb``, shape, size), as :data:`csgraph.viz.KIND_STYLES`
#: gives it. The writers that draw (:func:`write_cytoscape`, :func:`~csgraph.network.write_gexf`) take
#: such a mapping and the page's positions from their caller, since networks do not import pages.
Styles = Mapping[str, tuple[str, str, float]]
Positions = Mapping[Hashable, tuple[float, float]]


def drawing(G: nx.Graph, positions: Positions | None, styles: Styles | None
            ) -> dict[Hashable, dict[str, Any]]:
    """Node -> its ``color`` (``#rrggbb``), ``size`` and ``x``, ``y`` where given."""
    out: dict[Hashable, dict[str, Any]] = {}
    for n, d in G.nodes(data=True):
        item: dict[str, Any] = {}
        style = styles.get(str(d.get("kind", ""))) if styles is not None else None
        if style is not None:
            item["color"], item["size"] = str(style[0]), float(style[-1])
        if positions is not None and n in positions:
            item["x"], item["y"] = float(positions[n][0]), float(positions[n][1])
        out[n] = item
    return out


def write_cytoscape(G: nx.Graph, path: str | os.PathLike, *, positions: Positions | None = None,
                    styles: Styles | None = None) -> Path:
    """Write ``G`` as Cytoscape.js JSON (``cy.json()``'s form; Cytoscape desktop reads it as .cyjs).

    Each node's ``data`` has its ``id`` (the node as text), ``label``, ``kind`` and other
    attributes; each edge's ``data`` an ``id``, ``source``, ``target`` and its attributes (reserved
    names renamed, :data:`RENAMED`). With ``positions`` (node -> (x, y), such as
    ``csgraph.viz.layout_positions(G)[0]``) each node gets a ``position`` and ``layout`` is
    Cytoscape.js's ``preset``, which keeps them (``cose`` lays the graph out otherwise); with
    ``styles`` (such as ``csgraph.viz.KIND_STYLES``) each node's ``color`` is its kind's, and the
    ``style`` colours and labels nodes as the page does. ``csgraph viz --format cyjs`` passes both.
    Read it with ``cytoscape({container, elements: d.elements, style: d.style, layout: d.layout})``.

    >>> import tempfile
    >>> G = nx.MultiDiGraph(); _ = G.add_edge("a", "b", "unitOf", source="https://example.org")
    >>> with tempfile.TemporaryDirectory() as d:
    ...     data = json.loads(write_cytoscape(G, f"{d}/g.cyjs", positions={"a": (0, 0), "b": (1, 2)}).read_text())
    >>> data["elements"]["edges"][0]["data"]["source_url"], data["elements"]["nodes"][1]["position"]
    ('https://example.org', {'x': 1.0, 'y': 2.0})
    """
    drawn = drawing(G, positions, styles)
    ids = {n: str(n) for n in G}
    if len(set(ids.values())) < len(ids):
        ids = {n: f"n{i}" for i, n in enumerate(G)}
    nodes = []
    for n, d in G.nodes(data=True):
        data = {"id": ids[n], **plain_attrs(d, rename=True)}
        data.setdefault("label", str(n))
        item: dict[str, Any] = {"data": data}
        if "color" in drawn[n]:
            data.setdefault("color", drawn[n]["color"])
        if "x" in drawn[n]:
            item["position"] = {"x": drawn[n]["x"], "y": drawn[n]["y"]}
        nodes.append(item)
    edges = []
    for i, (u, v, k, d) in enumerate(_edges(G)):
        data = {"id": f"e{i}", "source": ids[u], "target": ids[v], **plain_attrs(d, rename=True)}
        if k is not None:
            data["key_attr"] = _safe_value(k)
        edges.append({"data": data})
    style = [{"selector": "node", "style": {"label": "data(label)", "font-size": 10}},
             {"selector": "node[color]", "style": {"background-color": "data(color)"}},
             {"selector": "edge", "style": {"curve-style": "bezier", "width": 1,
                                            "target-arrow-shape": "triangle" if G.is_directed()
                                            else "none"}}]
    placed = bool(nodes) and all("position" in item for item in nodes)
    doc = {"format_version": "1.0", "generated_by": "csgraph", "target_cytoscapejs_version": "~3",
           "data": plain_attrs(G.graph, rename=True), "directed": G.is_directed(),
           "elements": {"nodes": nodes, "edges": edges}, "style": style,
           "layout": {"name": "preset" if placed else "cose"}}
    with atomic_write(path, "w", encoding="utf-8") as fh:
        json.dump(doc, fh, ensure_ascii=False, indent=1)
    return Path(path)


def _cell(value: Any) -> str:
    text = "" if value is None else str(_safe_value(value))
    return "'" + text if text.startswith(_FORMULA_START) else text


def nodes_path_for(path: str | os.PathLike) -> Path:
    """Where :func:`write_csv` puts the nodes table beside ``path``: ``edges.csv`` -> ``edges-nodes.csv``."""
    path = Path(path)
    return path.with_name(f"{path.stem}-nodes{path.suffix or '.csv'}")


def write_csv(G: nx.Graph, path: str | os.PathLike, *, nodes_path: str | os.PathLike | None = None
              ) -> Path:
    """Write the edges of ``G`` as CSV, and its nodes (isolated ones too) in a table beside it.

    The edges table (``path``): ``source``, ``target``, ``source_label``, ``target_label``,
    ``relation``, then every other edge attribute (the ``source`` attribute, the web addresses, as
    ``source_url``). The nodes table (``nodes_path``, by default ``NAME-nodes.csv`` beside
    ``path``): ``id``, ``label``, ``kind``, then every other node attribute. Gephi's spreadsheet
    import and pandas read both. A cell that starts with ``=``, ``+``, ``-`` or ``@`` is prefixed
    with ``'`` so a spreadsheet does not run it as a formula. Returns the edges table's path.

    >>> import tempfile
    >>> G = nx.MultiDiGraph(); _ = G.add_edge("a", "b", "x", note="=1+1"); G.add_node("c")
    >>> with tempfile.TemporaryDirectory() as d:
    ...     print(write_csv(G, f"{d}/e.csv").read_text().splitlines()[1])
    ...     print(len(Path(f"{d}/e-nodes.csv").read_text().splitlines()))
    a,b,a,b,x,'=1+1
    4
    """
    rows = []
    extra: dict[str, None] = {}
    for u, v, k, d in _edges(G):
        rows.append((u, v, d.get("relation", k if k is not None else ""), d))
        for key in d:
            if key not in ("relation", "title"):
                extra.setdefault(key)
    head = ["source", "target", "source_label", "target_label", "relation"]
    with atomic_write(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow([*head, *(RENAMED.get(k, f"{k}_attr" if k in head else k) for k in extra)])
        for u, v, rel, d in rows:
            w.writerow([_cell(x) for x in (u, v, G.nodes[u].get("label", u),
                                           G.nodes[v].get("label", v), rel,
                                           *(d.get(k) for k in extra))])
    _write_nodes(G, nodes_path if nodes_path is not None else nodes_path_for(path))
    return Path(path)


def _write_nodes(G: nx.Graph, path: str | os.PathLike) -> None:
    columns: dict[str, None] = {"label": None, "kind": None}
    for _, d in G.nodes(data=True):
        for key in d:
            columns.setdefault(key)
    with atomic_write(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["id", *(RENAMED.get(k, k) for k in columns)])
        for n, d in G.nodes(data=True):
            w.writerow([_cell(n), *(_cell(d.get(k, n if k == "label" else None)) for k in columns)])
