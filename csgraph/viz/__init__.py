"""Draw networks: an interactive, self-contained web page, the same view in a notebook, or a picture for a paper.

The package is laid out by job:

- :mod:`~csgraph.viz.page`: the generic page renderer (groups, labels, facts and filters given by its caller);
  its page template is ``templates/page.html``; its CSS and JavaScript are files in ``static/``, with the
  vendored vis-network, sigma.js and graphology.
- :mod:`~csgraph.viz.styling`: how csgraph's networks look (node kinds, colours, legend, authority filter).
- :mod:`~csgraph.viz.layout`: seeded positions, computed before the page opens.
- :mod:`~csgraph.viz.pages`: :func:`render_html` and :func:`render_notebook`.
- :mod:`~csgraph.viz.picture`: :func:`render_static` (PNG, SVG, PDF with matplotlib).
"""

from __future__ import annotations

from .layout import layout_positions
from .page import RENDERERS, WEBGL_ABOVE
from .pages import NotebookView, render_html, render_notebook
from .picture import label_overlaps, render_static, static_figure
from .styling import KIND_STYLES, source_documents

__all__ = [
    "KIND_STYLES",
    "RENDERERS",
    "WEBGL_ABOVE",
    "NotebookView",
    "label_overlaps",
    "layout_positions",
    "render_html",
    "render_notebook",
    "render_static",
    "source_documents",
    "static_figure",
]
