"""Pages of csgraph's networks: a web page of a networkx graph, and the same view inline in a notebook.

:func:`render_html` returns a page that works offline: the drawing library (vis-network for small graphs,
sigma.js on WebGL for large ones) is inlined, a Content-Security-Policy allows nothing else, and the
graph's data travels as escaped JSON that the page shows as plain text. Nothing is written except the
file you name. :func:`render_notebook` shows the page inline in Jupyter, VS Code or Colab.

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
import gzip
import html
import io
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx

from ..errors import CSGraphError
from .page import Source, render_page
from .styling import graph_page

__all__ = ["NotebookView", "render_html", "render_notebook"]


def render_html(graph: nx.Graph, path: str | os.PathLike | None = None, *, title: str = "csgraph network",
                highlight: Iterable[Any] | None = None, height: str = "calc(100vh - 4rem)", seed: int = 7,
                renderer: str = "auto", sources: Mapping[str, Source] | None = None) -> str:
    """An interactive, self-contained web page of ``graph``; written to ``path`` when given.

    Parameters
    ----------
    graph : networkx.Graph
        Any networkx graph. Nodes may carry ``label`` (shown, and found by the search box), ``kind``
        (colour, shape, legend and the kind filter), ``title`` (lines of facts, as plain text), ``source``
        (addresses of the documents the facts come from), ``authorities`` (the authorities the node belongs
        to; worked out from the links when absent), and ``x``, ``y``, ``size``, ``color``, ``shape``; no
        other attribute reaches the page. Edges may carry ``relation``, ``title``, ``section`` and ``source``.
    path : str or PathLike, optional
        The file to write (UTF-8). Nothing else is written anywhere.
    title : str
        The page's heading.
    highlight : iterable, optional
        Node ids, or edges as ``(u, v)`` or ``(u, v, key)``, to draw as a highlighted trace (the rest is
        dimmed). Given nodes alone, the edges between them are highlighted.
    height : str
        CSS height of the drawing, such as ``"800px"`` or ``"90vh"``.
    seed : int
        Seed of the layout, so the same graph gives the same page, byte for byte.
    renderer : {"auto", "vis", "webgl"}
        vis-network (shapes; a layout with room for every label, drawn by zoom level) or sigma.js on WebGL
        (labels by zoom level); ``"auto"`` picks WebGL above 500 nodes. Nothing moves by itself.
    sources : mapping, optional
        Documents by address (see :func:`~csgraph.viz.styling.source_documents`), so the facts panel names a
        node's sources by their own title and publisher.

    Examples
    --------
    >>> page = render_html(nx.path_graph(["x", "y", "z"]), highlight=["x", "y"])
    >>> page.count('<script type="application/json"'), "<script src" in page
    (1, False)
    """
    page = render_page(graph_page(graph, title=str(title), highlight=highlight, seed=seed, renderer=renderer,
                                  height=height, sources=sources))
    if path is not None:
        Path(path).write_text(page, encoding="utf-8")
    return page


_INFLATE = ("(function(){var b=atob(document.getElementById('z').textContent),u=new Uint8Array(b.length);"
            "for(var i=0;i<b.length;i++){u[i]=b.charCodeAt(i);}"
            "new Response(new Blob([u]).stream().pipeThrough(new DecompressionStream('gzip'))).text()"
            ".then(function(t){document.open();document.write(t);document.close();});})();")


@dataclass(frozen=True)
class NotebookView:
    """A page to show inline in a notebook, with a picture in its place where scripts are not run.

    ``page`` is the full page (as :func:`render_html` makes it), ``picture`` a PNG of the same network (or
    empty), and ``iframe`` the markup shown: the picture, covered by a sandboxed ``<iframe srcdoc>`` holding
    the page gzipped (it unpacks itself), so a notebook stores a fraction of the page's size. A notebook
    opened untrusted drops the iframe and shows the picture.
    """

    page: str
    height: int
    picture: bytes = b""

    @property
    def iframe(self) -> str:
        packed = base64.b64encode(gzip.compress(self.page.encode("utf-8"), compresslevel=9, mtime=0)).decode()
        boot = (f'<!DOCTYPE html><meta charset="utf-8"><body data-state="loading">'
                f'<script type="application/octet-stream" id="z">{packed}</script><script>{_INFLATE}</script>')
        frame = (f'<iframe sandbox="allow-scripts allow-downloads" srcdoc="{html.escape(boot, quote=True)}" '
                 'style="position: absolute; left: 0; top: 0; width: 100%; height: 100%; '
                 'border: 1px solid #d0d0d0; background: #ffffff" title="csgraph network" loading="eager"></iframe>')
        img = ""
        if self.picture:
            img = (f'<img alt="csgraph network (a picture; run or trust the notebook to explore it)" '
                   f'src="data:image/png;base64,{base64.b64encode(self.picture).decode()}" '
                   f'style="max-width: 100%; max-height: {self.height}px">')
        return f'<div class="csgraph-view" style="position: relative; height: {self.height}px">{img}{frame}</div>'

    def _repr_html_(self) -> str:
        return self.iframe

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, str]:
        # The picture travels inside the HTML (JupyterLab prefers text/html even when untrusted, and then
        # drops only the iframe), not again as image/png, so each output stores it once.
        return {"text/html": self.iframe, "text/plain": "csgraph network (a web page; run or trust the notebook)"}

    def __str__(self) -> str:
        return self.iframe


def render_notebook(graph: nx.Graph, *, title: str = "csgraph network", highlight: Iterable[Any] | None = None,
                    height: int = 620, seed: int = 7, renderer: str = "auto", picture: bool = True,
                    sources: Mapping[str, Source] | None = None) -> NotebookView:
    """The page of :func:`render_html`, to show inline in JupyterLab, Notebook, VS Code or Colab.

    The page goes into a sandboxed ``<iframe srcdoc>`` (scripts allowed, no same-origin access), so nothing
    is written to disk and no server is needed. ``height`` is in pixels. With ``picture`` (and matplotlib
    installed) a PNG of the network is stored too and shows where the notebook is not trusted.

    >>> view = render_notebook(nx.path_graph(2), height=400, picture=False)
    >>> view._repr_html_().startswith('<div class="csgraph-view"')
    True
    """
    page = render_html(graph, title=title, highlight=highlight, height=f"{max(int(height) - 60, 200)}px",
                       seed=seed, renderer=renderer, sources=sources)
    png = b""
    if picture:
        try:
            from .picture import render_static

            buffer = io.BytesIO()
            render_static(graph, buffer, format="png", title=title, highlight=highlight, seed=seed, dpi=60)
            png = buffer.getvalue()
        except CSGraphError:  # pragma: no cover - matplotlib is optional
            png = b""
    return NotebookView(page, int(height), png)
