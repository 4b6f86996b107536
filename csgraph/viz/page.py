"""A self-contained, offline page for any network: the generic renderer.

:func:`render_page` knows nothing of the data's meaning. Its caller gives a :class:`Page`: the nodes'
labels, positions and groups (each with its label, colour, shape and size), lines of facts and sources for
each node, filters (named sets of nodes), the links with their wording and an optional highlighted path.
The page draws with vis-network (shapes, hover tooltips) or, for large graphs, with sigma.js on WebGL;
both are inlined with the page's own script and style, and a Content-Security-Policy allows nothing else.
The data travels compactly (numbers, and each distinct text once) as JSON that the page reads with
``JSON.parse`` and shows as plain text.

>>> page = render_page(Page(title="<Demo>", labels=["a", "b"], positions=[(0, 0), (1, 1)],
...                         groups=[Group("thing", "#1f77b4")], group_of=[0, 0], links=[(0, 1, "knows")]))
>>> "<title>&lt;Demo&gt;</title>" in page, "Content-Security-Policy" in page
(True, True)
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from .assets import LIBRARIES, asset, csp_hash

__all__ = ["RENDERERS", "WEBGL_ABOVE", "Filter", "Group", "Page", "Source", "choose_renderer", "render_page"]

RENDERERS = ("auto", "vis", "webgl")
#: ``renderer="auto"`` draws graphs with more nodes than this with WebGL.
WEBGL_ABOVE = 500
_COLOUR = re.compile(r"^(#[0-9a-fA-F]{3,8}|[a-zA-Z]{3,20})$")
_SHAPES = frozenset({"dot", "star", "triangle", "triangleDown", "square", "diamond", "hexagon", "ellipse", "box",
                     "circle", "database", "text"})
_CSS_LENGTH = re.compile(r"^(\d{1,5}(\.\d{1,3})?(px|vh|em|rem|%)|calc\(100vh - \d{1,2}(rem|px)\))$")


@dataclass(frozen=True)
class Group:
    """A group of nodes (a kind): its name in the legend and menu, and how its nodes are drawn."""

    label: str
    color: str
    shape: str = "dot"
    size: float = 14


@dataclass(frozen=True)
class Source:
    """A document a node's facts come from: its own title, its publisher and its address."""

    title: str
    publisher: str = ""
    url: str = ""


@dataclass(frozen=True)
class Filter:
    """A menu that shows one named set of nodes at a time (``options[i]`` names ``members[i]``)."""

    key: str
    label: str
    all_label: str
    options: Sequence[str] = ()
    members: Sequence[Sequence[int]] = ()


@dataclass(frozen=True)
class Page:
    """Everything :func:`render_page` draws; nodes are numbered 0..n-1 in the order of ``labels``."""

    title: str
    labels: Sequence[str]
    positions: Sequence[tuple[float, float]]
    groups: Sequence[Group]
    group_of: Sequence[int]
    links: Sequence[tuple[int, int, str]] = ()
    link_facts: Sequence[str] = ()
    facts: Sequence[Sequence[str]] = ()
    sources: Sequence[Sequence[Source]] = ()
    filters: Sequence[Filter] = ()
    group_name: str = "Kind"
    group_all: str = "All kinds"
    directed: bool = True
    highlight_nodes: frozenset[int] = frozenset()
    highlight_links: frozenset[int] = frozenset()
    highlight_color: str = "#e6007e"
    colors: dict[int, str] = field(default_factory=dict)
    shapes: dict[int, str] = field(default_factory=dict)
    sizes: dict[int, float] = field(default_factory=dict)
    renderer: str = "auto"
    height: str = "calc(100vh - 4rem)"
    physics_steps: int = 0
    font_size: int = 18
    label_sizes: Sequence[float] = ()  # each label's size on the small page (by default from font_size and degree)
    label_wrap: int = 0  # the small page breaks labels into lines of at most this many characters (0: never)


def choose_renderer(renderer: str, nodes: int) -> str:
    """``"vis"`` or ``"webgl"``: ``renderer`` itself, or for ``"auto"`` WebGL above :data:`WEBGL_ABOVE` nodes.

    >>> choose_renderer("auto", 50), choose_renderer("auto", 20_000), choose_renderer("webgl", 5)
    ('vis', 'webgl', 'webgl')
    """
    if renderer not in RENDERERS:
        raise ValueError(f"renderer must be one of {', '.join(RENDERERS)}, not {renderer!r}")
    if renderer == "auto":
        return "webgl" if nodes > WEBGL_ABOVE else "vis"
    return renderer


class _Strings:
    """Each distinct text once; nodes refer to it by number."""

    def __init__(self) -> None:
        self.items: list[str] = []
        self.index: dict[str, int] = {}

    def __call__(self, text: str) -> int:
        found = self.index.get(text)
        if found is None:
            found = self.index[text] = len(self.items)
            self.items.append(text)
        return found


def _number(v: float) -> float | int:
    r = round(float(v), 1)
    return int(r) if r.is_integer() else r


def _data(page: Page, renderer: str) -> dict[str, Any]:
    n = len(page.labels)
    strings = _Strings()
    sources: dict[Source, int] = {}
    relations = _Strings()
    edges: list[int] = []
    rel: list[int] = []
    for u, v, words in page.links:
        edges += (u, v)
        rel.append(relations(words))
    data: dict[str, Any] = {
        "renderer": renderer, "directed": bool(page.directed),
        "label": [str(t) for t in page.labels],
        "x": [_number(p[0]) for p in page.positions], "y": [_number(p[1]) for p in page.positions],
        "group": list(page.group_of),
        "groups": [{"label": g.label, "color": g.color if _COLOUR.match(g.color) else "#888888",
                    "shape": g.shape if g.shape in _SHAPES else "dot", "size": g.size} for g in page.groups],
        "groupAll": page.group_all,
        "color": {str(i): c for i, c in page.colors.items() if isinstance(c, str) and _COLOUR.match(c)},
        "shape": {str(i): s for i, s in page.shapes.items() if s in _SHAPES},
        "size": [page.sizes.get(i, 0) for i in range(n)] if page.sizes else None,
        "edges": edges, "rel": rel, "rels": relations.items,
        "facts": [[strings(line) for line in lines] for lines in page.facts] or [[] for _ in range(n)],
        "src": [[sources.setdefault(s, len(sources)) for s in items] for items in page.sources]
        or [[] for _ in range(n)],
        "edgeFacts": [strings(t) if t else -1 for t in page.link_facts] or None,
        "filters": [{"key": f.key, "label": f.label, "all": f.all_label, "options": list(f.options),
                     "members": [sorted(m) for m in f.members]} for f in page.filters],
        "highlight": ({"nodes": sorted(page.highlight_nodes), "edges": sorted(page.highlight_links)}
                      if page.highlight_nodes or page.highlight_links else None),
        "highlightColor": page.highlight_color,
        "iterations": page.physics_steps if renderer == "vis" else 0,
        "fontSize": page.font_size,
        "wrap": int(page.label_wrap), "labelSize": [_number(f) for f in page.label_sizes] or None,
    }
    data["sources"] = [{"t": s.title, "p": s.publisher, "u": s.url} for s in sources]
    data["strings"] = strings.items
    return data


def _json_for_html(data: Any) -> str:
    """JSON safe inside a ``<script type="application/json">`` block."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def render_page(page: Page) -> str:
    """The page for ``page``, as text (UTF-8 when written).

    Raises ValueError for a height that is not a CSS length or an unknown renderer.
    """
    if not _CSS_LENGTH.match(page.height):
        raise ValueError(f"height must be a CSS length such as '800px' or '90vh', not {page.height!r}")
    if not len(page.labels) == len(page.positions) == len(page.group_of):
        raise ValueError("a page needs one position and one group for each label")
    renderer = choose_renderer(page.renderer, len(page.labels))
    css = asset("page.css").replace("@HEIGHT@", page.height)
    scripts = [asset(name) for name in (*LIBRARIES[renderer], "app.js")]
    csp = ("default-src 'none'; "
           f"script-src {' '.join(csp_hash(s) for s in scripts)}; "
           f"style-src {csp_hash(css)}; "
           "img-src data:; font-src 'none'; connect-src 'none'; base-uri 'none'; form-action 'none'")
    fills = {"CSP": csp, "TITLE": html.escape(str(page.title), quote=True), "CSS": css, "RENDERER": renderer,
             "GROUP": html.escape(page.group_name, quote=True), "DATA": _json_for_html(_data(page, renderer)),
             "SCRIPTS": "\n".join(f"<script>{s}</script>" for s in scripts)}
    # one pass, so nothing filled in is searched again for a marker
    return re.sub(r"@(CSP|TITLE|CSS|RENDERER|GROUP|DATA|SCRIPTS)@", lambda m: fills[m.group(1)],
                  asset("page.html"))
