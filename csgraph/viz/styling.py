"""How csgraph's networks look: node kinds as coloured, shaped groups, facts and sources, the authority filter.

This is the one module of :mod:`csgraph.viz` that knows the domain. It reads the node attributes that
:mod:`csgraph.network` writes (``label``, ``kind``, ``title``, ``source``) and turns a networkx graph into
the generic :class:`~csgraph.viz.page.Page` that :func:`~csgraph.viz.page.render_page` draws.
"""

from __future__ import annotations

import math
import re
import zlib
from collections.abc import Hashable, Iterable, Mapping
from typing import Any

import networkx as nx
from rdflib.namespace import DCTERMS

from ..errors import NotFoundError
from ..namespace import CS
from .layout import layout_positions
from .page import Filter, Group, Page, Source, choose_renderer

__all__ = ["AUTHORITY_ATTRIBUTE", "FONT_GROWTH", "KIND_STYLES", "LABEL_WRAP", "LEADING_KINDS", "LEADING_SIZE",
           "graph_page", "highlight_sets", "kind_label", "kind_order", "kind_style", "label_boxes", "label_fonts",
           "source_documents", "wrap_label"]

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
_PALETTE = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f",
            "#bab0ac")
#: The node attribute naming the authorities a node belongs to (node ids, space-separated, or a list); where
#: no node has it, membership is worked out with :func:`csgraph.network.authority_nodes`.
AUTHORITY_ATTRIBUTE = "authorities"
_AUTHORITY_BUDGET = 200_000  # most (node, authority) pairs worked out for the authority filter
_LABEL_MAX = 80
_FONT_SIZE = 12  # of the least linked node's label on the small page, in layout units
#: A label on the small page is drawn at _FONT_SIZE * (1 + FONT_GROWTH * sqrt(degree / highest degree)), and
#: LEADING_SIZE times that for the LEADING_KINDS: those labels can be read when the whole network is in view.
FONT_GROWTH = 0.3
LEADING_KINDS = frozenset({"LocalAuthority", "Partnership"})
LEADING_SIZE = 5.0
#: The small page breaks a node's label into lines of at most this many characters.
LABEL_WRAP = 18
_URL = re.compile(r"^https?://\S+$")


def kind_label(kind: str) -> str:
    """The words for a node kind: ``"LocalAuthority"`` is ``"local authority"``."""
    from ..network import KIND_LABELS

    return KIND_LABELS.get(kind, kind or "(no kind)")


def kind_style(kind: str) -> tuple[str, str, int]:
    """Colour, shape and size of a node kind."""
    if kind in KIND_STYLES:
        return KIND_STYLES[kind]
    return (_PALETTE[zlib.crc32(kind.encode("utf-8")) % len(_PALETTE)], "dot", 14)


def kind_order(kind: str) -> tuple[int, str]:
    """Sort key: the kinds of :data:`KIND_STYLES` in their order, then others by name."""
    order = list(KIND_STYLES)
    return (order.index(kind), kind) if kind in order else (len(order), kind)


def source_documents(kg: Any) -> dict[str, Source]:
    """Each source document of the data by its address: its own title and publisher.

    >>> import csgraph
    >>> docs = source_documents(csgraph.load(bundled=True))
    >>> any(d.publisher == "Birmingham Safeguarding Children Partnership" for d in docs.values())
    True
    """
    query = (f"SELECT ?url (SAMPLE(?t) AS ?title) (SAMPLE(?p) AS ?publisher) WHERE {{ "
             f"?src {CS.url.n3()}|{CS.mirror.n3()} ?url . OPTIONAL {{ ?src {DCTERMS.title.n3()} ?t }} "
             f"OPTIONAL {{ ?src {DCTERMS.publisher.n3()} ?p }} }} GROUP BY ?url")
    return {url: Source(title or url, publisher or "", url)
            for url, title, publisher in kg.select_text(query, name="viz-sources")}


def highlight_sets(graph: nx.Graph, highlight: Iterable[Any] | None
                   ) -> tuple[set[Hashable], set[tuple[Hashable, Hashable]]]:
    """The nodes and links to highlight: node ids, or links as ``(u, v)`` or ``(u, v, key)``."""
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


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value) if value == value and abs(value) != float("inf") else None


def positions(graph: nx.Graph, seed: int, boxes: Mapping[Hashable, tuple[float, float, float, float]] | None = None
              ) -> tuple[dict[Hashable, tuple[float, float]], bool]:
    """The nodes' own ``x`` and ``y`` when every node has them (kept as given), else a seeded layout (keeping
    the nodes' ``boxes`` apart when given)."""
    given = {n: (_number(d.get("x")), _number(d.get("y"))) for n, d in graph.nodes(data=True)}
    if given and all(x is not None and y is not None for x, y in given.values()):
        return given, True  # type: ignore[return-value]
    return layout_positions(graph, seed=seed, boxes=boxes)[0], False


def wrap_label(text: str, width: int = LABEL_WRAP) -> list[str]:
    """``text`` in lines of at most ``width`` characters, broken at spaces (a longer word keeps its own line),
    as the small page draws a label.

    >>> wrap_label("Lewisham Safeguarding Children Partnership")
    ['Lewisham', 'Safeguarding', 'Children', 'Partnership']
    >>> wrap_label("North Lanarkshire council")
    ['North Lanarkshire', 'council']
    """
    lines: list[str] = []
    for word in text.split(" "):
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def label_fonts(graph: nx.Graph, font_size: float = _FONT_SIZE) -> dict[Hashable, int]:
    """The size each node's label is drawn at on the small page: larger for well-linked nodes and for the kinds
    of :data:`LEADING_KINDS`, so those can be read when the whole network is in view.

    >>> import networkx as nx
    >>> label_fonts(nx.star_graph(2))
    {0: 16, 1: 15, 2: 15}
    """
    degree = dict(graph.degree())
    most = max(degree.values(), default=1) or 1
    return {n: math.floor(font_size * (1 + FONT_GROWTH * math.sqrt(degree[n] / most))
                          * (LEADING_SIZE if d.get("kind") in LEADING_KINDS else 1) + 0.5)
            for n, d in graph.nodes(data=True)}


def label_boxes(graph: nx.Graph, labels: Mapping[Hashable, str], fonts: Mapping[Hashable, float]
                ) -> dict[Hashable, tuple[float, float, float, float]]:
    """The box each node and its label take on the small page, as (left, top, right, bottom) from the node:
    the shape, and under it the label in lines of :func:`wrap_label` at its size in ``fonts``."""
    out = {}
    for n, d in graph.nodes(data=True):
        font = fonts[n] + 2  # a highlighted node's label is 2 larger
        size = (_number(d.get("size")) or kind_style(str(d.get("kind", "") or ""))[2]) * 1.3
        lines = wrap_label(labels[n])
        # a character at most about 0.62 of the font size wide in a sans-serif face; vis-network hangs the
        # label half a line and 4 px under the shape, its lines one font size apart
        half = max(0.62 * font * max(len(t) for t in lines) / 2, size) + 4
        out[n] = (-half, -size - 4, half, size + 0.5 * font + 4 + 1.1 * font * len(lines) + 8)
    return out


def _words(relation: str) -> str:
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", relation).lower() or "linked to"


def _facts(n: Hashable, d: Mapping[str, Any], label: str, docs: Mapping[str, Source]
           ) -> tuple[list[str], list[Source]]:
    """The lines of a node's facts (from its ``title``) and the documents its ``source`` names."""
    lines = [ln for ln in str(d.get("title") or "").split("\n") if ln.strip()]
    if lines and lines[0] == label:
        lines = lines[1:]
    kind = kind_label(str(d.get("kind", "") or ""))
    if lines and lines[0] == kind:
        lines = lines[1:]
    urls = [u for u in str(d.get("source") or "").split() if _URL.match(u)]
    urls += [ln for ln in lines if _URL.match(ln) and ln not in urls and ln != str(n)]
    facts = [ln for ln in lines if not (_URL.match(ln) and ln != str(n)) and not ln.startswith("Sources: ")]
    if not facts or facts[-1] != str(n):
        facts.append(str(n))
    return facts, [docs.get(u) or Source(u, "", u) for u in dict.fromkeys(urls)]


def _authority_filter(graph: nx.Graph, index: Mapping[Hashable, int]) -> Filter:
    """One menu entry per authority, listing the nodes that belong to it."""
    members: dict[Hashable, set[int]] = {}
    if any(AUTHORITY_ATTRIBUTE in d for _, d in graph.nodes(data=True)):
        for n, d in graph.nodes(data=True):
            value = d.get(AUTHORITY_ATTRIBUTE) or ()
            for a in (value.split() if isinstance(value, str) else value):
                if a in graph:
                    members.setdefault(a, set()).add(index[n])
    else:
        from ..network import authority_nodes

        listed = 0
        for la in (n for n, k in graph.nodes(data="kind") if k == "LocalAuthority"):
            found = authority_nodes(graph, la)
            listed += len(found)
            if listed > _AUTHORITY_BUDGET:
                members = {}
                break
            members[la] = {index[m] for m in found}
    order = sorted(members, key=lambda a: str(graph.nodes[a].get("label", a)))
    names = [str(graph.nodes[a].get("label", a))[:_LABEL_MAX] for a in order]
    return Filter("authority", "Authority", "All authorities", names, [sorted(members[a]) for a in order])


def graph_page(graph: nx.Graph, *, title: str, highlight: Iterable[Any] | None = None, seed: int = 7,
               renderer: str = "auto", height: str = "calc(100vh - 4rem)",
               sources: Mapping[str, Source] | None = None) -> Page:
    """The :class:`~csgraph.viz.page.Page` of a networkx graph whose nodes carry ``label`` and ``kind``."""
    hl_nodes, hl_edges = highlight_sets(graph, highlight)
    index = {n: i for i, n in enumerate(graph.nodes())}
    kinds = sorted({str(k or "") for _, k in graph.nodes(data="kind")}, key=kind_order)
    group = {k: i for i, k in enumerate(kinds)}
    groups = [Group(kind_label(k), *kind_style(k)) for k in kinds]
    shown = {n: " ".join(str(d.get("label", n)).split()) for n, d in graph.nodes(data=True)}
    shown = {n: t if len(t) <= _LABEL_MAX else t[: _LABEL_MAX - 1] + "…" for n, t in shown.items()}
    chosen = choose_renderer(renderer, graph.number_of_nodes())
    # the layout of a small page keeps every label apart
    fonts = label_fonts(graph, _FONT_SIZE)
    pos, _ = positions(graph, seed, label_boxes(graph, shown, fonts) if chosen == "vis" else None)
    labels, facts, docs, colors, shapes, sizes = [], [], [], {}, {}, {}
    for n, d in graph.nodes(data=True):
        label = shown[n]
        labels.append(label)
        lines, found = _facts(n, d, label, sources or {})
        facts.append(lines)
        docs.append(found)
        i = index[n]
        if isinstance(d.get("color"), str):
            colors[i] = d["color"]
        if isinstance(d.get("shape"), str):
            shapes[i] = d["shape"]
        size = _number(d.get("size"))
        if size is not None and 1 <= size <= 200:
            sizes[i] = size
    multi = graph.is_multigraph()
    items = (graph.edges(keys=True, data=True) if multi else ((u, v, None, d) for u, v, d in graph.edges(data=True)))
    links, link_facts, hl_links = [], [], set()
    for e, (u, v, key, d) in enumerate(items):
        links.append((index[u], index[v], _words(str(d.get("relation", key if isinstance(key, str) else "") or ""))))
        extra = [str(d["title"])] if d.get("title") else []
        if d.get("section"):
            extra.append(f"Sources: {d['section']}")
        if d.get("source"):
            extra += str(d["source"]).split()
        link_facts.append("\n".join(extra))
        if (u, v) in hl_edges or (not graph.is_directed() and (v, u) in hl_edges):
            hl_links.add(e)
    return Page(title=title, labels=labels, positions=[pos[x] for x in graph.nodes()], groups=groups,
                group_of=[group[str(k or "")] for _, k in graph.nodes(data="kind")], links=links,
                link_facts=link_facts, facts=facts, sources=docs, filters=[_authority_filter(graph, index)],
                directed=graph.is_directed(), highlight_nodes=frozenset(index[x] for x in hl_nodes),
                highlight_links=frozenset(hl_links), colors=colors, shapes=shapes, sizes=sizes,
                renderer=chosen, height=height,
                font_size=_FONT_SIZE, label_sizes=[fonts[x] for x in graph.nodes()],
                label_wrap=LABEL_WRAP)
