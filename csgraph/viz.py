"""Draw networks: an interactive, self-contained web page (vis-network), or a picture for a paper.

:func:`render_html` takes any networkx graph whose nodes carry ``label`` (and optionally ``kind``
and ``title``) and returns a page that works offline: vis-network's script and style, taken from the
files the pyvis package ships, are inlined, a Content-Security-Policy allows nothing else, and the
graph's data travels as escaped JSON that the page reads with ``JSON.parse`` and shows as plain text.
Nothing is written except the file you name. :func:`render_notebook` shows the same page inline in
Jupyter, VS Code or Colab through an ``<iframe srcdoc>``; :func:`render_static` draws a PNG, SVG or
PDF with matplotlib.

>>> import networkx as nx
>>> G = nx.DiGraph()
>>> G.add_edge("a", "b")
>>> G.add_node("a", label="<b>A</b>", kind="Service")
>>> page = render_html(G, title="Demo")
>>> "<b>A</b>" in page, "\\\\u003cb\\\\u003eA" in page, "Content-Security-Policy" in page
(False, True, True)
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import math
import os
import re
import zlib
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path
from typing import Any

import networkx as nx

from .errors import CSGraphError, NotFoundError

__all__ = [
    "KIND_STYLES",
    "NotebookView",
    "layout_positions",
    "render_html",
    "render_notebook",
    "render_static",
]

#: Colour, vis-network shape and size of each known node kind (other kinds get a colour from a
#: fixed palette and a dot).
KIND_STYLES: dict[str, tuple[str, str, int]] = {
    "LocalAuthority": ("#1f77b4", "star", 28),
    "Partnership": ("#9467bd", "hexagon", 22),
    "Service": ("#2ca02c", "square", 16),
    "Board": ("#8c564b", "triangle", 16),
    "Post": ("#7f7f7f", "triangleDown", 14),
    "PartnerOrganisation": ("#ff7f0e", "diamond", 18),
    "Accreditor": ("#bcbd22", "diamond", 18),
    "School": ("#17becf", "square", 12),
    "PracticeSetting": ("#17becf", "square", 12),
    "Strategy": ("#393b79", "star", 24),
    "Priority": ("#6b6ecf", "triangle", 16),
    "Aim": ("#9c9ede", "triangleDown", 14),
    "Change": ("#e7969c", "square", 16),
    "Pilot": ("#d6616b", "dot", 18),
    "Rollout": ("#e7ba52", "dot", 15),
    "Training": ("#8ca252", "dot", 13),
    "Review": ("#636363", "dot", 12),
    "Challenge": ("#ad494a", "triangle", 13),
    "Mechanism": ("#3182bd", "dot", 13),
    "Outcome": ("#31a354", "star", 14),
    "Approach": ("#fd8d3c", "triangleDown", 14),
    "Context": ("#74c476", "square", 16),
    "Harm": ("#de2d26", "triangle", 14),
}
_PALETTE = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1",
            "#ff9da7", "#9c755f", "#bab0ac")
_HIGHLIGHT = "#e6007e"
_SHAPES = frozenset({"dot", "star", "triangle", "triangleDown", "square", "diamond", "hexagon",
                     "ellipse", "box", "circle", "database", "text"})
_COLOUR = re.compile(r"^(#[0-9a-fA-F]{3,8}|[a-zA-Z]{3,20})$")
_CSS_LENGTH = re.compile(r"^\d{1,5}(\.\d{1,3})?(px|vh|em|rem|%)$")
_LABEL_MAX = 40
_SPRING_MAX = 400  # components up to this size get a spring layout; larger ones a spectral start
_VIS_DIR = "templates/lib/vis-9.1.2"
_AUTHORITY_BUDGET = 100_000  # most (node, authority) pairs the authority filter lists


def _kind_label(kind: str) -> str:
    from .network import KIND_LABELS

    return KIND_LABELS.get(kind, kind or "(no kind)")


def _kind_style(kind: str) -> tuple[str, str, int]:
    if kind in KIND_STYLES:
        return KIND_STYLES[kind]
    return (_PALETTE[zlib.crc32(kind.encode("utf-8")) % len(_PALETTE)], "dot", 14)


# --- layout -------------------------------------------------------------------------------------

def _radial_layout(sub: nx.Graph) -> dict[Hashable, tuple[float, float]]:
    """Rings of breadth-first layers around the node of highest degree (linear time, deterministic).

    A spectral layout was tried here first: its eigen-solver took about a minute on 10,000 nodes.
    """
    root = max(sub.degree, key=lambda nd: (nd[1], str(nd[0])))[0]
    pos: dict[Hashable, tuple[float, float]] = {}
    for depth, layer in enumerate(nx.bfs_layers(sub, [root])):
        layer = sorted(layer, key=str)
        for i, n in enumerate(layer):
            angle = 2 * math.pi * (i + 0.5 * (depth % 2)) / len(layer)
            pos[n] = (depth * math.cos(angle), depth * math.sin(angle))
    return pos


def layout_positions(graph: nx.Graph, *, seed: int = 7) -> tuple[dict[Hashable, tuple[float, float]], bool]:
    """Positions in pixels for every node, and whether the page should refine them with physics.

    Each connected component is laid out on its own (a spring layout up to 400 nodes; beyond that
    rings of breadth-first layers around the best-connected node, which takes linear time and which
    the browser's physics then tidies for a moment) and the components are packed
    in rows, largest first. ``physics`` is True when some component needs that tidying.

    >>> pos, physics = layout_positions(nx.path_graph(3))
    >>> sorted(pos), physics
    ([0, 1, 2], False)
    """
    U = nx.Graph()
    U.add_nodes_from(graph)
    U.add_edges_from((u, v) for u, v in graph.edges() if u != v)
    comps = sorted((sorted(c, key=str) for c in nx.connected_components(U)),
                   key=lambda c: (-len(c), str(c[0])))
    placed: list[tuple[list[Hashable], dict[Hashable, tuple[float, float]], float]] = []
    physics = False
    singles: list[Hashable] = []
    for comp in comps:
        if len(comp) == 1:
            singles.append(comp[0])
            continue
        sub = U.subgraph(comp)
        radius = 90.0 * math.sqrt(len(comp))
        if len(comp) <= _SPRING_MAX:
            raw = nx.spring_layout(sub, seed=seed, iterations=100 if len(comp) <= 100 else 50)
        else:
            physics = True
            raw = _radial_layout(sub)
        xs = [p[0] for p in raw.values()]
        ys = [p[1] for p in raw.values()]
        cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
        span = max(max(xs) - min(xs), max(ys) - min(ys), 1e-9) / 2
        pos = {n: ((p[0] - cx) / span * radius, (p[1] - cy) / span * radius) for n, p in raw.items()}
        placed.append((comp, pos, radius))
    if singles:
        cols = max(1, math.ceil(math.sqrt(len(singles))))
        step = 180.0
        radius = cols * step / 2
        pos = {n: ((i % cols) * step - radius + step / 2, (i // cols) * step - radius + step / 2)
               for i, n in enumerate(singles)}
        placed.append((singles, pos, radius))
    # shelf packing: rows of components, about 1.6 times as wide as the rows are high in all
    total = sum((2 * r + 80) ** 2 for _, _, r in placed)
    width = max(math.sqrt(total * 1.6) * 1.1, max((2 * r + 80 for _, _, r in placed), default=0))
    out: dict[Hashable, tuple[float, float]] = {}
    x = y = row = 0.0
    for _, pos, r in placed:
        size = 2 * r + 80
        if x > 0 and x + size > width:
            x, y, row = 0.0, y + row, 0.0
        ox, oy = x + size / 2, y + size / 2
        out.update({n: (round(px + ox, 1), round(py + oy, 1)) for n, (px, py) in pos.items()})
        x += size
        row = max(row, size)
    return out, physics


# --- the page -----------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _vis_assets() -> tuple[str, str]:
    """vis-network's script and style sheet, as the pyvis package ships them.

    Found with ``find_spec`` rather than imported: importing pyvis loads IPython (0.3 s).
    """
    spec = find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise CSGraphError("drawing a page needs the vis-network files that the pyvis package "
                           "ships: pip install pyvis")
    root = Path(next(iter(spec.submodule_search_locations))) / _VIS_DIR
    try:
        js = (root / "vis-network.min.js").read_text(encoding="utf-8")
        css = (root / "vis-network.css").read_text(encoding="utf-8")
    except OSError as exc:
        raise CSGraphError(f"cannot read vis-network from the pyvis package ({root}): {exc}; "
                           "reinstall pyvis>=0.3.2") from None
    # The files hold no "</script", "</style" or "<!--", but an inline block must never hold one.
    js = re.sub(r"</(script)", r"<\\/\1", js, flags=re.IGNORECASE).replace("<!--", "<\\!--")
    return js, re.sub(r"</(style)", r"<\\/\1", css, flags=re.IGNORECASE)


def _json_for_html(data: Any) -> str:
    """JSON safe inside a ``<script type="application/json">`` block."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def _short(text: str, limit: int = _LABEL_MAX) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _words(relation: str) -> str:
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", relation).lower()


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value) if math.isfinite(value) else None


def _highlight_sets(graph: nx.Graph, highlight: Iterable[Any] | None
                    ) -> tuple[set[Hashable], set[tuple[Hashable, Hashable]]]:
    if highlight is None:
        return set(), set()
    nodes: set[Hashable] = set()
    edges: set[tuple[Hashable, Hashable]] = set()
    for item in highlight:
        if isinstance(item, tuple) and item not in graph and len(item) in (2, 3):
            u, v = item[0], item[1]
            if not graph.has_edge(u, v):
                raise NotFoundError(f"highlight: the graph has no edge {u!r} -> {v!r}")
            edges.add((u, v))
            nodes.update((u, v))
        elif item in graph:
            nodes.add(item)
        else:
            raise NotFoundError(f"highlight: the graph has no node {item!r}")
    if not edges:
        edges = {(u, v) for u, v in graph.edges() if u in nodes and v in nodes}
    return nodes, edges


def _positions(graph: nx.Graph, seed: int) -> tuple[dict[Hashable, tuple[float, float]], bool, bool]:
    """The nodes' own ``x`` and ``y`` when every node has them (kept fixed), else a layout."""
    given = {n: (_number(d.get("x")), _number(d.get("y"))) for n, d in graph.nodes(data=True)}
    if given and all(x is not None and y is not None for x, y in given.values()):
        return given, False, True  # type: ignore[return-value]
    pos, physics = layout_positions(graph, seed=seed)
    return pos, physics, False


def _iterations(n: int, physics: bool) -> int:
    """How many physics steps the page runs before it stops: enough to spread crowded nodes of a
    small graph, or to tidy a rough spectral layout; none for a large graph laid out in Python."""
    if physics:
        return 80
    return 60 if n <= 500 else 0


def _page_data(graph: nx.Graph, highlight: Iterable[Any] | None, seed: int) -> dict[str, Any]:
    from .network import authority_nodes

    hl_nodes, hl_edges = _highlight_sets(graph, highlight)
    index = {n: i for i, n in enumerate(graph.nodes())}
    kind_names = sorted({str(k or "") for _, k in graph.nodes(data="kind")}, key=_kind_order)
    kinds = {kind: i for i, kind in enumerate(kind_names)}
    pos, physics, fixed = _positions(graph, seed)
    nodes = []
    for n, d in graph.nodes(data=True):
        kind = str(d.get("kind", "") or "")
        k = kinds[kind]
        label = str(d.get("label", n))
        title = str(d.get("title", "")) or f"{label}\n{_kind_label(kind)}\n{n}"
        item: dict[str, Any] = {"id": index[n], "label": _short(label), "title": title, "k": k,
                                "x": pos[n][0], "y": pos[n][1]}
        colour, shape, size = d.get("color"), d.get("shape"), _number(d.get("size"))
        if isinstance(colour, str) and _COLOUR.match(colour):
            item["color"] = colour
        if isinstance(shape, str) and shape in _SHAPES:
            item["shape"] = shape
        if size is not None and 1 <= size <= 200:
            item["size"] = size
        if n in hl_nodes:
            item["h"] = 1
        nodes.append(item)
    edges = []
    multi = graph.is_multigraph()
    items = (graph.edges(keys=True, data=True) if multi else
             ((u, v, None, d) for u, v, d in graph.edges(data=True)))
    for i, (u, v, key, d) in enumerate(items):
        relation = str(d.get("relation", key if isinstance(key, str) else "") or "")
        title = d.get("title")
        if not title:
            lu, lv = graph.nodes[u].get("label", u), graph.nodes[v].get("label", v)
            title = f"{lu} — {_words(relation) or 'linked to'} → {lv}"
            if d.get("section"):
                title += f"\nSources: {d['section']}"
            if d.get("source"):
                title += "\n" + "\n".join(str(d["source"]).split())
        edge: dict[str, Any] = {"id": i, "from": index[u], "to": index[v], "title": str(title)}
        if (u, v) in hl_edges or (not graph.is_directed() and (v, u) in hl_edges):
            edge["h"] = 1
        edges.append(edge)
    kind_list = []
    for kind, k in kinds.items():
        colour, shape, size = _kind_style(kind)
        kind_list.append({"name": kind, "label": _kind_label(kind), "color": colour,
                          "shape": shape, "size": size,
                          "count": sum(1 for n in nodes if n["k"] == k)})
    authorities: list[dict[str, Any]] = []
    la_nodes = [n for n, d in graph.nodes(data=True) if d.get("kind") == "LocalAuthority"]
    listed = 0
    for la in sorted(la_nodes, key=lambda n: str(graph.nodes[n].get("label", n))):
        members = authority_nodes(graph, la)
        listed += len(members)
        if listed > _AUTHORITY_BUDGET:
            # too large a page (and too long to compute) to filter by authority
            authorities = []
            break
        authorities.append({"label": _short(str(graph.nodes[la].get("label", la)), 60),
                            "members": sorted(index[m] for m in members)})
    return {"nodes": nodes, "edges": edges, "kinds": kind_list, "authorities": authorities,
            "directed": graph.is_directed(),
            "iterations": 0 if fixed else _iterations(len(nodes), physics),
            "highlight": bool(hl_nodes or hl_edges), "highlightColor": _HIGHLIGHT}


_APP_CSS = """
html, body { margin: 0; padding: 0; height: 100%; font-family: system-ui, -apple-system,
  "Segoe UI", Roboto, Helvetica, Arial, sans-serif; color: #1d1d1f; background: #ffffff; }
body { display: flex; flex-direction: column; }
header { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 1.5rem;
  padding: 0.5rem 1rem; border-bottom: 1px solid #d0d0d0; background: #fafafa; }
header h1 { font-size: 1.15rem; margin: 0; font-weight: 600; }
header label { font-size: 0.9rem; }
header select { font: inherit; margin-left: 0.3rem; max-width: 22rem; }
#csgraph-status { font-size: 0.85rem; color: #555555; }
main { display: flex; flex: 1 1 auto; min-height: 0; }
#csgraph-network { flex: 1 1 auto; height: %HEIGHT%; min-height: 300px; }
#csgraph-legend { flex: 0 0 15rem; overflow-y: auto; border-left: 1px solid #d0d0d0;
  padding: 0.5rem 0.75rem; font-size: 0.85rem; background: #fcfcfc; }
#csgraph-legend h2 { font-size: 0.95rem; margin: 0.2rem 0 0.5rem; }
#csgraph-legend ul { list-style: none; margin: 0; padding: 0; }
#csgraph-legend li { display: flex; align-items: center; gap: 0.5rem; margin: 0.25rem 0; }
#csgraph-legend .swatch { flex: 0 0 0.9rem; height: 0.9rem; border: 1px solid #444444; }
#csgraph-legend .swatch.dot, #csgraph-legend .swatch.ellipse, #csgraph-legend .swatch.circle {
  border-radius: 50%; }
#csgraph-legend .swatch.diamond { transform: rotate(45deg) scale(0.8); }
#csgraph-legend .swatch.line { height: 0.25rem; border: 0; }
#csgraph-legend .count { color: #666666; margin-left: auto; }
#csgraph-legend p { color: #555555; margin: 0.75rem 0 0; }
div.vis-tooltip { max-width: 28rem; white-space: normal; }
.csgraph-tip { white-space: pre-wrap; overflow-wrap: anywhere; font-size: 0.85rem;
  line-height: 1.35; max-width: 28rem; }
"""

_APP_JS = r"""
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("csgraph-data").textContent);
  var kinds = data.kinds;
  var HL = data.highlightColor;
  var DIM = "rgba(180,180,180,0.35)";

  function tip(text) {
    var el = document.createElement("div");
    el.className = "csgraph-tip";
    el.textContent = text;
    return el;
  }

  function nodeItem(n) {
    var k = kinds[n.k];
    var colour = n.color || k.color;
    var item = {
      id: n.id, label: n.label, title: tip(n.title), x: n.x, y: n.y,
      shape: n.shape || k.shape, size: n.size || k.size,
      color: { background: colour, border: "#333333",
               highlight: { background: colour, border: "#000000" },
               hover: { background: colour, border: "#000000" } }
    };
    if (data.highlight) {
      if (n.h) {
        item.borderWidth = 4;
        item.color.border = HL;
        item.size = item.size * 1.3;
        item.font = { color: "#000000", size: 16 };
      } else {
        item.color = { background: DIM, border: DIM };
        item.font = { color: "#9a9a9a" };
      }
    }
    return item;
  }

  function edgeItem(e) {
    var item = { id: e.id, from: e.from, to: e.to, title: tip(e.title) };
    if (data.highlight) {
      item.color = e.h ? { color: HL, highlight: HL } : { color: DIM, highlight: "#666666" };
      item.width = e.h ? 4 : 1;
    }
    return item;
  }

  var nodes = new vis.DataSet(data.nodes.map(nodeItem));
  var edges = new vis.DataSet(data.edges.map(edgeItem));
  var container = document.getElementById("csgraph-network");
  var large = data.nodes.length > 1000;
  var options = {
    autoResize: true,
    nodes: {
      font: { size: 16, face: "system-ui, sans-serif", color: "#1d1d1f",
              strokeWidth: 3, strokeColor: "#ffffff" },
      widthConstraint: { maximum: 170 },
      borderWidth: 1
    },
    edges: {
      arrows: { to: { enabled: data.directed, scaleFactor: 0.5 } },
      color: { color: "#9a9a9a", highlight: "#333333", hover: "#333333" },
      smooth: large ? false : { enabled: true, type: "continuous", roundness: 0.3 },
      width: 1
    },
    interaction: { hover: true, tooltipDelay: 150, hideEdgesOnDrag: large,
                   navigationButtons: false, keyboard: false },
    layout: { improvedLayout: false },
    // The layout comes from Python; a short, bounded physics run only spreads crowded nodes
    // (longer for a large component that started from a rough spectral layout), then stops.
    physics: data.iterations > 0 ? {
      enabled: true, solver: "barnesHut",
      barnesHut: { gravitationalConstant: -4000, centralGravity: 0.05, springLength: 120,
                   springConstant: 0.04, damping: 0.3, avoidOverlap: 0.6 },
      stabilization: { enabled: true, iterations: data.iterations, updateInterval: 1000,
                       fit: true }
    } : { enabled: false }
  };
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, options);

  // Fit the drawing to its box once it has settled, and again when the window is resized, until
  // the reader zooms or drags it themselves.
  var moved = false;
  network.on("zoom", function () { moved = true; });
  network.on("dragEnd", function () { moved = true; });
  window.addEventListener("resize", function () {
    if (!moved) { window.setTimeout(function () { network.fit({ animation: false }); }, 50); }
  });
  function ready() {
    network.setOptions({ physics: { enabled: false } });
    network.fit({ animation: false });
    document.body.setAttribute("data-state", "ready");
  }
  if (data.iterations > 0) {
    network.once("stabilizationIterationsDone", ready);
  } else {
    network.once("afterDrawing", ready);
  }

  // legend
  var legend = document.getElementById("csgraph-legend-items");
  kinds.forEach(function (k) {
    var li = document.createElement("li");
    var sw = document.createElement("span");
    sw.className = "swatch " + (k.shape === "dot" || k.shape === "ellipse" ? "dot" :
                                k.shape === "diamond" ? "diamond" : "square");
    sw.style.backgroundColor = k.color;
    var name = document.createElement("span");
    name.textContent = k.label;
    var count = document.createElement("span");
    count.className = "count";
    count.textContent = String(k.count);
    li.appendChild(sw); li.appendChild(name); li.appendChild(count);
    legend.appendChild(li);
  });
  if (data.highlight) {
    var li = document.createElement("li");
    var sw = document.createElement("span");
    sw.className = "swatch line";
    sw.style.backgroundColor = HL;
    var name = document.createElement("span");
    name.textContent = "highlighted trace";
    li.appendChild(sw); li.appendChild(name);
    legend.appendChild(li);
  }

  // filters
  var kindSelect = document.getElementById("csgraph-kind");
  var areaSelect = document.getElementById("csgraph-authority");
  function option(select, value, text) {
    var o = document.createElement("option");
    o.value = value;
    o.textContent = text;
    select.appendChild(o);
  }
  option(kindSelect, "", "All kinds");
  kinds.forEach(function (k, i) { option(kindSelect, String(i), k.label); });
  option(areaSelect, "", data.authorities.length ? "All authorities" : "(no authorities)");
  data.authorities.forEach(function (a, i) { option(areaSelect, String(i), a.label); });
  areaSelect.disabled = !data.authorities.length;

  var status = document.getElementById("csgraph-status");
  function applyFilters() {
    var kind = kindSelect.value === "" ? null : Number(kindSelect.value);
    var area = null;
    if (areaSelect.value !== "") {
      area = new Set(data.authorities[Number(areaSelect.value)].members);
    }
    var shown = 0;
    var updates = data.nodes.map(function (n) {
      var visible = (kind === null || n.k === kind) && (area === null || area.has(n.id));
      if (visible) { shown += 1; }
      return { id: n.id, hidden: !visible };
    });
    nodes.update(updates);
    status.textContent = shown === data.nodes.length ?
      data.nodes.length + " nodes, " + data.edges.length + " links" :
      "showing " + shown + " of " + data.nodes.length + " nodes";
  }
  kindSelect.addEventListener("change", applyFilters);
  areaSelect.addEventListener("change", applyFilters);
  status.textContent = data.nodes.length + " nodes, " + data.edges.length + " links";

  window.csgraph = { network: network, nodes: nodes, edges: edges, data: data };
})();
"""

_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>{vis_css}</style>
<style>{app_css}</style>
</head>
<body data-state="loading">
<header>
<h1>{title}</h1>
<label>Kind<select id="csgraph-kind" aria-label="Show one kind of node"></select></label>
<label>Authority<select id="csgraph-authority" aria-label="Show one authority's part"></select></label>
<span id="csgraph-status" role="status"></span>
</header>
<main>
<div id="csgraph-network" role="img" aria-label="{title}: network diagram"></div>
<aside id="csgraph-legend"><h2>Legend</h2><ul id="csgraph-legend-items"></ul>
<p>Hover over a node or link to see its sources; drag to move, scroll to zoom.</p></aside>
</main>
<script type="application/json" id="csgraph-data">{data}</script>
<script>{vis_js}</script>
<script>{app_js}</script>
</body>
</html>
"""


def render_html(graph: nx.Graph, path: str | os.PathLike | None = None, *,
                title: str = "csgraph network", highlight: Iterable[Any] | None = None,
                height: str = "calc(100vh - 4rem)", seed: int = 7) -> str:
    """An interactive, self-contained web page of ``graph``; written to ``path`` when given.

    Parameters
    ----------
    graph : networkx.Graph
        Any networkx graph. Nodes may carry ``label`` (shown), ``kind`` (colour, shape, legend and
        the kind filter), ``title`` (the tooltip, as plain text), and ``x``, ``y``, ``size``,
        ``color``, ``shape``; no other attribute reaches the page. Edges may carry ``relation``,
        ``title``, ``section`` and ``source`` for their tooltips. Nodes of kind ``LocalAuthority``
        fill the authority filter (see :func:`csgraph.network.authority_nodes`).
    path : str or PathLike, optional
        The file to write (UTF-8). Nothing else is written anywhere.
    title : str
        The page's heading.
    highlight : iterable, optional
        Node ids, or edges as ``(u, v)`` or ``(u, v, key)``, to draw as a highlighted trace (the
        rest is dimmed). Given nodes alone, the edges between them are highlighted.
    height : str
        CSS height of the drawing, such as ``"800px"`` or ``"90vh"``.
    seed : int
        Seed of the layout, so the same graph is drawn the same way.

    Returns
    -------
    str
        The page.

    Examples
    --------
    >>> G = nx.path_graph(["x", "y", "z"])
    >>> page = render_html(G, highlight=["x", "y"])
    >>> page.count('<script type="application/json"'), "<script src" in page
    (1, False)
    """
    if not _CSS_LENGTH.match(height) and not re.fullmatch(r"calc\(100vh - \d{1,2}(rem|px)\)", height):
        raise ValueError(f"height must be a CSS length such as '800px' or '90vh', not {height!r}")
    vis_js, vis_css = _vis_assets()
    app_css = _APP_CSS.replace("%HEIGHT%", height)
    data = _json_for_html(_page_data(graph, highlight, seed))
    csp = ("default-src 'none'; "
           f"script-src {_sha256(vis_js)} {_sha256(_APP_JS)}; "
           f"style-src {_sha256(vis_css)} {_sha256(app_css)}; "
           "img-src data:; font-src 'none'; connect-src 'none'; base-uri 'none'; "
           "form-action 'none'")
    page = _PAGE.format(csp=csp, title=html.escape(str(title), quote=True), vis_css=vis_css,
                        app_css=app_css, data=data, vis_js=vis_js, app_js=_APP_JS)
    if path is not None:
        Path(path).write_text(page, encoding="utf-8")
    return page


@dataclass(frozen=True)
class NotebookView:
    """A page to show inline in a notebook: ``_repr_html_`` gives a sandboxed ``<iframe srcdoc>``.

    ``page`` is the full page (as :func:`render_html` makes it) and ``iframe`` the markup shown.
    """

    page: str
    height: int

    @property
    def iframe(self) -> str:
        return (f'<iframe sandbox="allow-scripts" srcdoc="{html.escape(self.page, quote=True)}" '
                f'style="width: 100%; height: {self.height}px; border: 1px solid #d0d0d0" '
                'title="csgraph network" loading="eager"></iframe>')

    def _repr_html_(self) -> str:
        return self.iframe

    def __str__(self) -> str:
        return self.iframe


def render_notebook(graph: nx.Graph, *, title: str = "csgraph network",
                    highlight: Iterable[Any] | None = None, height: int = 620,
                    seed: int = 7) -> NotebookView:
    """The page of :func:`render_html`, to show inline in JupyterLab, Notebook, VS Code or Colab.

    The page goes into a sandboxed ``<iframe srcdoc="...">`` (scripts allowed, no same-origin
    access), so nothing is written to disk and no server is needed. ``height`` is in pixels.

    >>> view = render_notebook(nx.path_graph(2), height=400)
    >>> view._repr_html_().startswith('<iframe sandbox="allow-scripts" srcdoc="&lt;!DOCTYPE html&gt;')
    True
    """
    page = render_html(graph, title=title, highlight=highlight,
                       height=f"{max(int(height) - 60, 200)}px", seed=seed)
    return NotebookView(page, int(height))


# --- pictures -----------------------------------------------------------------------------------

_MARKERS = {"dot": "o", "ellipse": "o", "circle": "o", "star": "*", "triangle": "^",
            "triangleDown": "v", "square": "s", "box": "s", "diamond": "D", "hexagon": "h"}


def render_static(graph: nx.Graph, path: str | os.PathLike, *, format: str | None = None,
                  title: str | None = None, highlight: Iterable[Any] | None = None,
                  labels: bool | None = None, dpi: int = 200, seed: int = 7) -> Path:
    """Draw ``graph`` as a picture for a paper: PNG, SVG or PDF (needs matplotlib).

    Nodes are coloured and shaped by ``kind`` with a legend; ``highlight`` is drawn as for
    :func:`render_html`. ``format`` defaults to the file's suffix. Labels are drawn when the graph
    has at most 150 nodes unless ``labels`` says otherwise. SVG and PDF carry no date, so the same
    graph gives the same file.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     out = render_static(nx.path_graph(3), f"{d}/g.svg")
    ...     out.read_text().startswith("<?xml")
    True
    """
    try:
        from matplotlib.figure import Figure
        from matplotlib.lines import Line2D
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise CSGraphError("render_static needs matplotlib: pip install 'csgraph[figures]'") from exc
    path = Path(path)
    fmt = (format or path.suffix.lstrip(".") or "png").lower()
    if fmt not in ("png", "svg", "pdf"):
        raise ValueError(f"format must be png, svg or pdf, not {fmt!r}")
    hl_nodes, hl_edges = _highlight_sets(graph, highlight)
    pos, _, _ = _positions(graph, seed)
    pos = {n: (x, -y) for n, (x, y) in pos.items()}  # screen y grows downwards
    n = graph.number_of_nodes()
    side = min(max(6.0, math.sqrt(max(n, 1)) * 1.4), 24.0)
    fig = Figure(figsize=(side * 1.25, side))
    ax = fig.add_subplot()
    ax.set_axis_off()
    dim = bool(hl_nodes or hl_edges)
    plain = [(u, v) for u, v in graph.edges() if (u, v) not in hl_edges]
    nx.draw_networkx_edges(graph, pos, edgelist=plain, ax=ax, width=0.8, node_size=120,
                           edge_color="#c4c4c4" if dim else "#8a8a8a",
                           **({"arrows": True, "arrowsize": 8} if graph.is_directed() else {}))
    if hl_edges:
        nx.draw_networkx_edges(graph, pos, edgelist=sorted(hl_edges, key=str), ax=ax,
                               edge_color=_HIGHLIGHT, width=2.5, node_size=120,
                               **({"arrows": True, "arrowsize": 12} if graph.is_directed() else {}))
    by_kind: dict[str, list[Hashable]] = {}
    for node, kind in graph.nodes(data="kind", default=""):
        by_kind.setdefault(str(kind or ""), []).append(node)
    handles = []
    for kind, members in sorted(by_kind.items(), key=lambda kv: _kind_order(kv[0])):
        colour, shape, size = _kind_style(kind)
        marker = _MARKERS.get(shape, "o")
        colours = [colour if (not dim or m in hl_nodes) else "#dddddd" for m in members]
        edges = [_HIGHLIGHT if m in hl_nodes else "#333333" for m in members]
        ax.scatter([pos[m][0] for m in members], [pos[m][1] for m in members], s=size * 9,
                   c=colours, marker=marker, edgecolors=edges,
                   linewidths=[2.0 if m in hl_nodes else 0.6 for m in members], zorder=3)
        handles.append(Line2D([], [], linestyle="", marker=marker, markersize=8,
                              markerfacecolor=colour, markeredgecolor="#333333",
                              label=f"{_kind_label(kind)} ({len(members)})"))
    if hl_nodes:
        handles.append(Line2D([], [], color=_HIGHLIGHT, linewidth=2.5, label="highlighted trace"))
    if labels if labels is not None else n <= 150:
        import textwrap

        for node, (x, y) in pos.items():
            text = textwrap.fill(_short(str(graph.nodes[node].get("label", node)), 60), 22)
            ax.annotate(text, (x, y), xytext=(0, -11), textcoords="offset points", ha="center",
                        va="top", fontsize=6.5, color="#1d1d1f", zorder=4)
    if handles:
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False,
                  fontsize=8)
    if title:
        ax.set_title(title, fontsize=11)
    kwargs: dict[str, Any] = {"format": fmt, "dpi": dpi, "bbox_inches": "tight"}
    if fmt in ("svg", "pdf"):
        kwargs["metadata"] = {"Date": None} if fmt == "svg" else {"CreationDate": None}
    from matplotlib import rc_context

    with rc_context({"svg.hashsalt": "csgraph"}):  # stable ids, so the same graph, the same SVG
        fig.savefig(path, **kwargs)
    return path


def _kind_order(kind: str) -> tuple[int, str]:
    order = list(KIND_STYLES)
    return (order.index(kind), kind) if kind in order else (len(order), kind)
