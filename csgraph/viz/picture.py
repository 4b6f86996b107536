"""Pictures of a network for a paper: PNG, SVG or PDF with matplotlib, labels placed so none overlap."""

from __future__ import annotations

import math
import os
import textwrap
from collections.abc import Hashable, Iterable
from pathlib import Path
from typing import IO, Any

import networkx as nx

from ..errors import CSGraphError
from .styling import highlight_sets, kind_label, kind_order, kind_style, positions

__all__ = ["PICTURE_FORMATS", "label_overlaps", "render_static", "static_figure"]

PICTURE_FORMATS = ("png", "svg", "pdf")
_HIGHLIGHT = "#e6007e"
_MARKERS = {"dot": "o", "ellipse": "o", "circle": "o", "star": "*", "triangle": "^", "triangleDown": "v",
            "square": "s", "box": "s", "diamond": "D", "hexagon": "h"}
# where a label may go, as (dx, dy) in points from its node, tried in this order
_PLACES = [(0, -9), (0, 9), (9, 0), (-9, 0), (9, -9), (-9, -9), (9, 9), (-9, 9)] + [
    (dx * r, dy * r) for r in (2, 3, 4, 5) for dx, dy in ((0, -9), (0, 9), (9, 0), (-9, 0), (9, -9), (-9, -9), (9, 9),
                                                       (-9, 9))]


def _boxes_overlap(a: Any, b: Any) -> bool:
    return a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1


def label_overlaps(fig: Any) -> int:
    """How many pairs of a figure's node labels overlap (their drawn text boxes intersect).

    >>> fig = static_figure(nx.path_graph(4))
    >>> label_overlaps(fig)
    0
    """
    renderer = fig.canvas.get_renderer()
    boxes = [t.get_window_extent(renderer) for ax in fig.axes for t in ax.texts if t.get_gid() == "node-label"]
    return sum(1 for i, a in enumerate(boxes) for b in boxes[i + 1:] if _boxes_overlap(a, b))


def _place_labels(fig: Any, ax: Any, graph: nx.Graph, pos: dict[Hashable, tuple[float, float]]) -> None:
    """Labels in order of degree, each at the first place near its node where it overlaps no other label."""
    renderer = fig.canvas.get_renderer()
    placed: list[Any] = []
    order = sorted(graph.nodes(), key=lambda n: (-graph.degree(n), str(n)))
    for node in order:
        text = textwrap.fill(" ".join(str(graph.nodes[node].get("label", node)).split()), 24)
        best = None
        for dx, dy in _PLACES:
            t = ax.annotate(text, pos[node], xytext=(dx, dy), textcoords="offset points", fontsize=6.5,
                            ha="center" if dx == 0 else ("left" if dx > 0 else "right"),
                            va="center" if dy == 0 else ("bottom" if dy > 0 else "top"),
                            color="#1d1d1f", zorder=4, gid="node-label")
            box = t.get_window_extent(renderer)
            if not any(_boxes_overlap(box, b) for b in placed):
                best = (t, box)
                break
            t.remove()
        if best is not None:
            placed.append(best[1])
        # a label that fits nowhere is left out rather than drawn over another


def static_figure(graph: nx.Graph, *, title: str | None = None, highlight: Iterable[Any] | None = None,
                  labels: bool | None = None, seed: int = 7) -> Any:
    """The matplotlib figure that :func:`render_static` saves."""
    try:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
        from matplotlib.lines import Line2D
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise CSGraphError("render_static needs matplotlib: pip install 'csgraph[figures]'") from exc
    hl_nodes, hl_edges = highlight_sets(graph, highlight)
    pos = {n: (x, -y) for n, (x, y) in positions(graph, seed)[0].items()}  # screen y grows downwards
    n = graph.number_of_nodes()
    side = min(max(6.0, math.sqrt(max(n, 1)) * 1.5), 24.0)
    fig = Figure(figsize=(side * 1.3, side))
    FigureCanvasAgg(fig)  # text sizes are measured while the labels are placed
    ax = fig.add_subplot()
    ax.set_axis_off()
    dim = bool(hl_nodes or hl_edges)
    arrows = {"arrows": True, "arrowsize": 8} if graph.is_directed() else {}
    plain = [(u, v) for u, v in graph.edges() if (u, v) not in hl_edges]
    nx.draw_networkx_edges(graph, pos, edgelist=plain, ax=ax, width=0.8, node_size=120,
                           edge_color="#c4c4c4" if dim else "#8a8a8a", **arrows)
    if hl_edges:
        nx.draw_networkx_edges(graph, pos, edgelist=sorted(hl_edges, key=str), ax=ax, edge_color=_HIGHLIGHT,
                               width=2.5, node_size=120, **arrows)
    by_kind: dict[str, list[Hashable]] = {}
    for node, kind in graph.nodes(data="kind", default=""):
        by_kind.setdefault(str(kind or ""), []).append(node)
    handles = []
    for kind, members in sorted(by_kind.items(), key=lambda kv: kind_order(kv[0])):
        colour, shape, size = kind_style(kind)
        marker = _MARKERS.get(shape, "o")
        ax.scatter([pos[m][0] for m in members], [pos[m][1] for m in members], s=size * 9,
                   c=[colour if (not dim or m in hl_nodes) else "#dddddd" for m in members], marker=marker,
                   edgecolors=[_HIGHLIGHT if m in hl_nodes else "#333333" for m in members],
                   linewidths=[2.0 if m in hl_nodes else 0.6 for m in members], zorder=3)
        handles.append(Line2D([], [], linestyle="", marker=marker, markersize=8, markerfacecolor=colour,
                              markeredgecolor="#333333", label=f"{kind_label(kind)} ({len(members)})"))
    if hl_nodes:
        handles.append(Line2D([], [], color=_HIGHLIGHT, linewidth=2.5, label="highlighted trace"))
    if handles:
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, fontsize=8)
    if title:
        ax.set_title(title, fontsize=11)
    if pos:
        xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
        padx, pady = (max(xs) - min(xs)) * 0.06 + 60, (max(ys) - min(ys)) * 0.04 + 40
        ax.set_xlim(min(xs) - padx, max(xs) + padx)
        ax.set_ylim(min(ys) - pady, max(ys) + pady)
    if labels if labels is not None else n <= 150:
        _place_labels(fig, ax, graph, pos)
    return fig


def render_static(graph: nx.Graph, path: str | os.PathLike | IO[bytes], *, format: str | None = None,
                  title: str | None = None, highlight: Iterable[Any] | None = None, labels: bool | None = None,
                  dpi: int = 200, seed: int = 7) -> Path | IO[bytes]:
    """Draw ``graph`` as a picture for a paper: PNG, SVG or PDF (needs matplotlib).

    Nodes are coloured and shaped by ``kind`` with a legend; ``highlight`` is drawn as for
    :func:`~csgraph.viz.render_html`. ``format`` defaults to the file's suffix. Labels are drawn when the
    graph has at most 150 nodes unless ``labels`` says otherwise, each where it overlaps no other label
    (one that fits nowhere is left out). The layout is seeded and SVG and PDF carry no date, so the same
    graph gives the same file.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     out = render_static(nx.path_graph(3), f"{d}/g.svg")
    ...     out.read_text().startswith("<?xml")
    True
    """
    target = path if hasattr(path, "write") else Path(path)  # type: ignore[arg-type]
    suffix = target.suffix.lstrip(".") if isinstance(target, Path) else ""
    fmt = (format or suffix or "png").lower()
    if fmt not in PICTURE_FORMATS:
        raise ValueError(f"format must be png, svg or pdf, not {fmt!r}")
    fig = static_figure(graph, title=title, highlight=highlight, labels=labels, seed=seed)
    kwargs: dict[str, Any] = {"format": fmt, "dpi": dpi, "bbox_inches": "tight"}
    if fmt == "svg":
        kwargs["metadata"] = {"Date": None}
    elif fmt == "pdf":
        kwargs["metadata"] = {"CreationDate": None}
    elif fmt == "png":
        kwargs["metadata"] = {"Software": None}
    from matplotlib import rc_context

    with rc_context({"svg.hashsalt": "csgraph"}):  # stable ids, so the same graph, the same SVG
        fig.savefig(target, **kwargs)
    return target
