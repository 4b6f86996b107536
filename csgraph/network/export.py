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
    "OTHER_STYLE",
    "kind_styles",
    "nodes_path_for",
    "plain_attrs",
    "positions_for",
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


def positions_for(G: nx.Graph, positions: Mapping[Hashable, tuple[float, float]] | None = None
                  ) -> dict[Hashable, tuple[float, float]]:
    """Where to draw each node: ``positions`` when given, else the page's layout
    (:func:`csgraph.viz.layout_positions`), so exports are drawn as the page draws them."""
    if positions is not None:
        return {n: (float(positions[n][0]), float(positions[n][1])) for n in G}
    from ..viz import layout_positions

    return layout_positions(G)[0]


#: The colour and size of a node whose kind the page has no style for.
OTHER_STYLE = ("#888888", 14)


def kind_styles() -> dict[str, tuple[str, int]]:
    """Kind -> the colour (``#rrggbb``) and size the page draws it with."""
    from ..viz import KIND_STYLES

    return {kind: (style[0], style[2]) for kind, style in KIND_STYLES.items()}


def write_cytoscape(G: nx.Graph, path: str | os.PathLike, *,
                    positions: Mapping[Hashable, tuple[float, float]] | None = None) -> Path:
    """Write ``G`` as Cytoscape.js JSON (``cy.json()``'s form; Cytoscape desktop reads it as .cyjs).

    Each node's ``data`` has its ``id`` (the node as text), ``label``, ``kind``, ``color`` and other
    attributes, and a ``position`` (the page's layout unless ``positions`` is given); each edge's
    ``data`` has an ``id``, ``source``, ``target`` and its attributes (reserved names renamed,
    :data:`RENAMED`). A ``style`` colours nodes by kind and labels them, as the page does, and
    ``layout`` is Cytoscape.js's ``preset`` layout, which keeps the positions:
    ``cytoscape({container, elements: doc.elements, style: doc.style, layout: doc.layout})``.

    >>> import tempfile
    >>> G = nx.MultiDiGraph(); _ = G.add_edge("a", "b", "unitOf", source="https://example.org")
    >>> with tempfile.TemporaryDirectory() as d:
    ...     data = json.loads(write_cytoscape(G, f"{d}/g.cyjs").read_text())
    >>> data["elements"]["edges"][0]["data"]["source_url"]
    'https://example.org'
    """
    pos = positions_for(G, positions)
    styles = kind_styles()
    ids = {n: str(n) for n in G}
    if len(set(ids.values())) < len(ids):
        ids = {n: f"n{i}" for i, n in enumerate(G)}
    nodes = []
    for n, d in G.nodes(data=True):
        data = {"id": ids[n], **plain_attrs(d, rename=True)}
        data.setdefault("label", str(n))
        data.setdefault("color", styles.get(str(d.get("kind", "")), OTHER_STYLE)[0])
        x, y = pos[n]
        nodes.append({"data": data, "position": {"x": x, "y": y}})
    edges = []
    for i, (u, v, k, d) in enumerate(_edges(G)):
        data = {"id": f"e{i}", "source": ids[u], "target": ids[v], **plain_attrs(d, rename=True)}
        if k is not None:
            data["key_attr"] = _safe_value(k)
        edges.append({"data": data})
    style = [{"selector": "node", "style": {"background-color": "data(color)", "label": "data(label)",
                                            "font-size": 10}},
             {"selector": "edge", "style": {"curve-style": "bezier", "width": 1,
                                            "target-arrow-shape": "triangle" if G.is_directed()
                                            else "none"}}]
    doc = {"format_version": "1.0", "generated_by": "csgraph", "target_cytoscapejs_version": "~3",
           "data": plain_attrs(G.graph, rename=True), "directed": G.is_directed(),
           "elements": {"nodes": nodes, "edges": edges}, "style": style,
           "layout": {"name": "preset"}}
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
