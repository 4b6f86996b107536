"""Walks over the facts and the graphs: what belongs to an authority, and what lies downstream of a
strategy.

"Belongs to an authority" has one definition, :func:`memberships`: the things reachable from the
authority along any link between things (either way) without walking through another authority, a
partner organisation or an accreditor (those are reached, not walked through; a partner that delivers
the authority's services, ``deliversFor``, brings its own units, sub-organisations and posts), plus
everything from a case study about something it reaches. The networks store the result in each
node's ``authorities`` attribute, and both the ``authority=`` filter and :func:`authority_nodes` read
it, so a page's authority menu and ``csgraph viz --authority`` show the same nodes.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Hashable, Iterable, Mapping

import networkx as nx

from ..relations import towards_practice
from .facts import CASE_PREFIX, Facts, last_name
from .filters import match
from .kinds import CONCEPT_KINDS, HUB_KINDS
from .projections import BACKBONE

__all__ = [
    "AUTHORITIES",
    "authority_members",
    "authority_nodes",
    "authority_subgraph",
    "downstream",
    "find_node",
    "memberships",
]

#: The node attribute naming the authorities a node belongs to (their IRIs, space-separated).
AUTHORITIES = "authorities"

# The strategy-to-practice direction of each relation (csgraph.relations): True to follow it from
# subject to object, False from object to subject.
_DOWNSTREAM = {str(r.predicate): r.downstream_from_subject() for r in towards_practice()}


#: Links that make their subject a part of their object (a unit, a sub-organisation, a post).
PART_OF = frozenset({"unitOf", "subOrganizationOf", "postIn", "heldWithin"})

_Step = tuple[Hashable, str, bool]  # (neighbour, relation, whether the neighbour is the link's subject)


def _reach(start: Hashable, neighbours: Callable[[Hashable], Iterable[_Step]],
           kind: Callable[[Hashable], str | None]) -> set[Hashable]:
    """Things reachable from an authority without walking through hubs (see the module's text).

    A body that delivers the authority's services (``deliversFor``) is walked into its own parts
    only (its units, sub-organisations and posts), not on to the partnerships it joins elsewhere."""
    seen = {start}
    todo: list[tuple[Hashable, bool]] = [(start, False)]
    while todo:
        node, delivery = todo.pop()
        for other, relation, is_subject in neighbours(node):
            if other in seen or (delivery and not (is_subject and relation in PART_OF)):
                continue
            seen.add(other)
            k = kind(other)
            if k is None:  # a concept: kept, never walked through
                continue
            if k in HUB_KINDS:
                if node == start and relation == "deliversFor":
                    todo.append((other, True))
                continue
            todo.append((other, False))
    return seen


def memberships(facts: Facts, entities: Collection[str]) -> dict[str, set[str]]:
    """Thing -> the authorities (IRIs) it belongs to, for every authority among ``entities``."""
    relation = {p: last_name(p) for p in BACKBONE}
    adj: dict[str, list[_Step]] = {}
    for (s, p, o) in facts.links:
        rel = relation.get(p)
        if rel is not None and s in entities and o in entities:
            adj.setdefault(s, []).append((o, rel, False))
            adj.setdefault(o, []).append((s, rel, True))
    # a case study about a thing an authority reaches brings all its things to that authority
    cases_about: dict[str, set[str]] = {}
    for case, about in facts.about.items():
        for thing in about:
            cases_about.setdefault(thing, set()).add(case)
    case_of_graph = {g: CASE_PREFIX + i.case if ":" not in i.case else i.case
                     for g, i in facts.info.items()}
    case_things: dict[str, set[str]] = {}
    for n in entities:
        for g in facts.graphs.get(n, ()):
            case = case_of_graph.get(g)
            if case is not None:
                case_things.setdefault(case, set()).add(n)
    member: dict[str, set[str]] = {}
    kinds = facts.kinds
    for la in sorted(n for n in entities if kinds[n] == "LocalAuthority"):
        reached = _reach(la, lambda n: adj.get(n, ()), kinds.get)
        for case in {c for n in reached for c in cases_about.get(n, ())}:
            reached |= case_things.get(case, set())
        for n in reached:
            if n in entities:
                member.setdefault(n, set()).add(la)
    return member


def find_node(G: nx.Graph, name: Hashable, *, kinds: Collection[str] | None = None) -> Hashable:
    """The node whose id, ``iri``, ``label`` or ``altLabels`` is ``name`` (or, failing that, contains it).

    Raises :class:`~csgraph.errors.NotFoundError` or :class:`~csgraph.errors.AmbiguousError`.

    >>> G = nx.Graph()
    >>> G.add_node("a", label="London Borough of Lewisham", altLabels="Lewisham; LB Lewisham")
    >>> find_node(G, "lewisham")
    'a'
    """
    if name in G:
        return name
    candidates: dict[str, tuple[str, list[str]]] = {}
    ids: dict[str, Hashable] = {}
    for n, data in G.nodes(data=True):
        if kinds is not None and data.get("kind") not in kinds:
            continue
        key = str(n)
        ids[key] = n
        alts = [a.strip() for a in str(data.get("altLabels", "")).split(";") if a.strip()]
        if data.get("iri"):
            alts.append(str(data["iri"]))
        candidates[key] = (str(data.get("label", n)), alts)
    what = "local authority" if kinds and set(kinds) == {"LocalAuthority"} else "node"
    return ids[match(candidates, str(name), what)]


def authority_members(G: nx.Graph) -> dict[Hashable, set[Hashable]]:
    """Each authority of ``G`` (a node of kind ``LocalAuthority``) and the nodes that belong to it.

    Read from the nodes' ``authorities`` attribute, which the networks compute (see the module's
    text); for a graph without it, found by walking ``G`` itself with the same rules.

    >>> import csgraph
    >>> G = csgraph.partnership_network(csgraph.load(bundled=True))
    >>> members = authority_members(G)
    >>> "https://w3id.org/csgraph/id/lewisham-yos" in members["https://w3id.org/csgraph/id/lewisham"]
    True
    """
    las = [n for n, k in G.nodes(data="kind") if k == "LocalAuthority"]
    if las and all(AUTHORITIES in G.nodes[la] for la in las):
        out: dict[Hashable, set[Hashable]] = {la: set() for la in las}
        by_key = {str(la): la for la in las}
        for n, names in G.nodes(data=AUTHORITIES, default=""):
            for name in str(names or "").split():
                la = by_key.get(name)
                if la is not None:
                    out[la].add(n)
        return out
    return {la: _walk(G, la) for la in las}


def authority_nodes(G: nx.Graph, authority: Hashable) -> set[Hashable]:
    """The nodes of ``G`` that belong to an authority (a node, label or other name).

    The networks mark each node with the authorities it belongs to (its ``authorities``
    attribute), and this reads that mark, so it gives what ``authority=`` keeps. For a graph without
    the mark it walks ``G``: links either way from the authority, keeping but not walking through
    other authorities, partner organisations, accreditors and concepts (a partner that delivers the
    authority's services, ``deliversFor``, brings its units, sub-organisations and posts).

    >>> G = nx.MultiDiGraph()
    >>> G.add_nodes_from([("la", {"kind": "LocalAuthority", "label": "Lewisham"}),
    ...                   ("yos", {"kind": "Service", "label": "YOS"}),
    ...                   ("p", {"kind": "PartnerOrganisation", "label": "Partner"}),
    ...                   ("other", {"kind": "Service", "label": "Elsewhere"})])
    >>> _ = G.add_edge("yos", "la", "unitOf"), G.add_edge("yos", "p", "hasMember")
    >>> _ = G.add_edge("other", "p", "hasMember")
    >>> sorted(authority_nodes(G, "Lewisham"))
    ['la', 'p', 'yos']
    """
    start = find_node(G, authority, kinds={"LocalAuthority"})
    if AUTHORITIES in G.nodes[start]:
        key = str(start)
        return {n for n, names in G.nodes(data=AUTHORITIES, default="")
                if key in str(names or "").split()}
    return _walk(G, start)


def _walk(G: nx.Graph, start: Hashable) -> set[Hashable]:
    def kind(n: Hashable) -> str | None:
        data = G.nodes[n]
        if "scheme" in data or data.get("kind") in CONCEPT_KINDS:
            return None
        return str(data.get("kind", ""))

    def neighbours(n: Hashable) -> Iterable[_Step]:
        for u, v, data in _all_edges(G, n):
            yield (v if u == n else u), str(data.get("relation", "")), u != n

    return _reach(start, neighbours, kind)


def _all_edges(G: nx.Graph, n: Hashable) -> Iterable[tuple[Hashable, Hashable, Mapping]]:
    if G.is_directed():
        yield from G.out_edges(n, data=True)
        yield from G.in_edges(n, data=True)
    else:
        yield from G.edges(n, data=True)


def authority_subgraph(G: nx.Graph, authority: Hashable) -> nx.Graph:
    """A copy of the part of ``G`` that belongs to an authority (see :func:`authority_nodes`)."""
    return G.subgraph(authority_nodes(G, authority)).copy()


def downstream(G: nx.Graph, start: Hashable) -> set[Hashable]:
    """The nodes reachable from ``start`` going from strategy towards practice.

    Follows each edge whose relation :mod:`csgraph.relations` gives a direction, that way round
    (priorities, aims, the changes and pilots that respond to them, what they changed, who leads
    them and their members, posts, roll-outs, settings, parts, accreditors and contexts), as
    :func:`csgraph.tracing.trace` does. ``start`` is a node or a label.

    >>> import csgraph
    >>> from csgraph.network import strategy_network
    >>> G = strategy_network(csgraph.load(bundled=True))
    >>> reach = downstream(G, "Early Help and Prevention Strategic Plan")
    >>> "https://w3id.org/csgraph/id/cs-rp-rollout" in reach
    True
    """
    node = find_node(G, start)
    seen = {node}
    todo = [node]
    while todo:
        n = todo.pop()
        for u, v, data in _all_edges(G, n):
            forward = _DOWNSTREAM.get(str(data.get("predicate", "")))
            if forward is None:
                continue
            nxt = v if (forward and u == n) else u if (not forward and v == n) else None
            if nxt is not None and nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen
