"""GEXF 1.2 for Gephi: valid against the GEXF 1.2 schema, with colours, sizes and positions.

networkx writes the nodes, edges and attributes; this module gives each node the colour, size and
position its caller passes (the page's, from ``csgraph viz``), and leaves out what the schema does
not allow (a ``name`` on the graph) or what would change on every run (the date of writing), so the
same graph gives the same file.

The schema (``http://www.gexf.net/1.2draft/gexf.xsd``) declares a node's ``color``, ``size`` and
``position`` in the GEXF namespace itself (with the viz module's types), and allows no element of
another namespace inside a node, so they are written that way. Gephi and graphology (sigma.js) read
them by name; ``networkx.read_gexf``, which looks for them in the viz namespace, reads the nodes,
edges and attributes but not the drawing.
"""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import networkx as nx

from ..files import atomic_write
from .export import Positions, Styles, drawing, graphml_safe

__all__ = ["GEXF_NS", "write_gexf"]

#: The namespace of GEXF 1.2 (Gephi's "1.2draft", the version Gephi and networkx read and write).
GEXF_NS = "http://www.gexf.net/1.2draft"
_VIZ_NS = "http://www.gexf.net/1.2draft/viz"


def _rgb(colour: str) -> dict[str, int]:
    text = colour.lstrip("#")
    if len(text) == 3:
        text = "".join(c * 2 for c in text)
    return {"r": int(text[0:2], 16), "g": int(text[2:4], 16), "b": int(text[4:6], 16)}


def write_gexf(G: nx.Graph, path: str | os.PathLike, *, positions: Positions | None = None,
               styles: Styles | None = None) -> Path:
    """Write ``G`` as GEXF 1.2 for Gephi.

    With ``positions`` (node -> (x, y), such as ``csgraph.viz.layout_positions(G)[0]``) and
    ``styles`` (kind -> (colour, shape, size), such as ``csgraph.viz.KIND_STYLES``) each node gets
    its position, colour and size, so Gephi opens it drawn as the page draws it;
    ``csgraph viz --format gexf`` passes both. The graph's ``network``, ``case`` and ``authority``
    become the file's description. ``networkx.read_gexf(path)`` reads the nodes, edges and
    attributes back.

    >>> import tempfile
    >>> G = nx.MultiDiGraph(); _ = G.add_edge("a", "b", "unitOf")
    >>> with tempfile.TemporaryDirectory() as d:
    ...     text = write_gexf(G, f"{d}/g.gexf", positions={"a": (0, 0), "b": (10, 5)}).read_text()
    >>> '<position x="10.0" y="-5.0" z="0.0" />' in text
    True
    """
    H = graphml_safe(G)
    for n, item in drawing(G, positions, styles).items():
        viz: dict[str, Any] = {}
        if "color" in item:
            viz["color"] = {**_rgb(item["color"]), "a": 1.0}
            viz["size"] = item["size"]
        if "x" in item:  # GEXF's y axis points up, the page's down
            viz["position"] = {"x": item["x"], "y": -item["y"], "z": 0.0}
        if viz:
            H.nodes[n]["viz"] = viz
    text = "\n".join(nx.generate_gexf(H, version="1.2draft"))
    ET.register_namespace("", GEXF_NS)
    ET.register_namespace("xsi", "http://www.w3.org/2001/XMLSchema-instance")
    root = ET.fromstring(text)
    viz = f"{{{_VIZ_NS}}}"
    for element in root.iter():
        if element.tag.startswith(viz):
            element.tag = f"{{{GEXF_NS}}}{element.tag[len(viz):]}"
    graph = root.find(f"{{{GEXF_NS}}}graph")
    if graph is not None:
        graph.attrib.pop("name", None)
    meta = root.find(f"{{{GEXF_NS}}}meta")
    if meta is not None:
        meta.attrib.pop("lastmodifieddate", None)
        for child in list(meta):
            meta.remove(child)
        ET.SubElement(meta, f"{{{GEXF_NS}}}creator").text = "csgraph"
        about = ", ".join(f"{k} {G.graph[k]}" for k in ("network", "case", "authority")
                          if G.graph.get(k) is not None)
        if about:
            ET.SubElement(meta, f"{{{GEXF_NS}}}description").text = about
    ET.indent(root)
    with atomic_write(path, "wb") as fh:
        ET.ElementTree(root).write(fh, encoding="utf-8", xml_declaration=True)
    return Path(path)
