"""Building the three networks from the facts: :func:`partnership_network`, :func:`strategy_network`
and :func:`context_network`.

Nodes are keyed by IRI and carry ``label``, ``kind`` (the class's short name, such as ``Service``),
``iri``, ``title`` (a plain-text tooltip naming the sources) and ``authorities`` (the IRIs of the
authorities the node belongs to, space-separated; see :mod:`csgraph.network.walks`), plus counts and
dates where the data gives them. Edges are keyed by ``relation`` (the predicate's short name, such as
``hasMember``) and keep ``predicate``, ``case``, ``source`` (web addresses) and ``section`` of the
named graphs they sit in. Each projection runs the same six SELECT queries, however large the data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable
from operator import itemgetter
from typing import Any

import networkx as nx

from ..errors import NotFoundError
from ..kg import KnowledgeGraph
from .attributes import concept_attrs, edge_attrs, entity_attrs
from .facts import CASE_PREFIX, Facts, fetch, last_name, names
from .filters import as_date, check_kinds, match, period
from .kinds import concept_kind, ontology_kinds
from .projections import BACKBONE, CONTEXT, PARTNERSHIP, STRATEGY, Projection
from .walks import AUTHORITIES, memberships

__all__ = ["context_network", "partnership_network", "strategy_network"]

_Edge = tuple[str, str, str, set[str]]
_DateLike = int | str | dt.date | None


def partnership_network(kg: KnowledgeGraph, *, authority: str | None = None,
                        case: str | None = None, kinds: Collection[str] | None = None,
                        since: _DateLike = None, until: _DateLike = None) -> nx.MultiDiGraph:
    """The network of organisations and practice actors, and how they are linked.

    Parameters
    ----------
    kg : KnowledgeGraph
        The loaded data (embedded or remote).
    authority : str, optional
        A local authority's label, other name or IRI. Keeps what belongs to it: the things reachable
        from it without passing through another authority, a partner organisation or an accreditor
        (those are kept, not walked through, unless the partner delivers the authority's services),
        and everything from a case study about something it reaches; exactly the nodes whose
        ``authorities`` attribute names it in the network built without ``authority``.
    case : str, optional
        A case study's id (such as ``"lewisham"``) or IRI: keep the things and links it supports.
    kinds : collection of str, optional
        Node kinds to keep (class short names such as ``"Partnership"``, or their labels).
    since, until : int, str or date, optional
        Keep things whose dates (start, end, established, year) overlap this period; things
        without dates are kept.

    Returns
    -------
    networkx.MultiDiGraph
        Nodes keyed by IRI, with ``label``, ``kind``, ``iri``, ``title``, ``authorities`` (the IRIs
        of the authorities the node belongs to, space-separated), ``case``, ``section``,
        ``source`` and, where known, ``altLabels``, ``description``, ``settingCount``, ``startDate``,
        ``endDate``, ``established``, ``status``, ``sector``, ``serviceType``, ``roleType``. Edges
        keyed by ``relation`` (``hasMember``, ``unitOf``, ``subOrganizationOf``, ``postIn``,
        ``heldWithin``, ``leads``, ``oversees``, ``deliversFor``, ``ledBy``, ``accreditedBy``,
        ``partOf``, ``inArea``, ``inSetting``) with ``predicate``, ``label`` (the relation in words),
        ``case``, ``section`` and ``source``.

    Raises
    ------
    NotFoundError, AmbiguousError
        When ``authority``, ``case`` or a kind matches nothing, or ``authority`` several things.

    Examples
    --------
    >>> import csgraph
    >>> kg = csgraph.load(bundled=True)
    >>> G = partnership_network(kg, authority="Lewisham")
    >>> yos = "https://w3id.org/csgraph/id/lewisham-yos"
    >>> G.nodes[yos]["label"], G.nodes[yos]["kind"]
    ('Lewisham Youth Offending Service', 'Service')
    >>> G.edges[yos, "https://w3id.org/csgraph/id/lewisham", "unitOf"]["section"]
    'case-study#put-in-place'
    >>> sorted(partnership_network(kg, kinds=["Accreditor"], case="lewisham").nodes(data="label"))
    [('https://w3id.org/csgraph/id/rjc', 'Restorative Justice Council')]
    """
    return _build(kg, PARTNERSHIP, authority=authority, case=case, kinds=kinds, since=since,
                  until=until)


def strategy_network(kg: KnowledgeGraph, *, authority: str | None = None, case: str | None = None,
                     kinds: Collection[str] | None = None,
                     since: _DateLike = None, until: _DateLike = None) -> nx.MultiDiGraph:
    """The network from strategies to practice.

    Strategies link to their owners, priorities and aims (``ownedBy``, ``hasPriority``, ``hasAim``,
    ``partOf``); changes and pilots to the priorities they carry out (``respondsTo``); changes to
    the services they changed (``changed``); pilots to who leads them (``ledBy``, with partnership
    ``hasMember`` links), their roll-outs (``hasRollout``) and settings (``inSetting``); and
    strategies, aims and pilots to the contexts they target (``targetsContext``, ``settingType``:
    concept nodes of kind ``Context``). Parameters and attributes are as for
    :func:`partnership_network`; :func:`downstream` follows the edges from strategy to practice.

    Examples
    --------
    >>> import csgraph
    >>> G = strategy_network(csgraph.load(bundled=True), case="lewisham")
    >>> plan = "https://w3id.org/csgraph/id/early-help-plan"
    >>> [G.nodes[n]["label"] for n in G.successors(plan) if G.nodes[n]["kind"] == "Priority"]
    ['Introducing Contextual Safeguarding']
    >>> G.nodes["https://w3id.org/csgraph/id/cs-rp-rollout"]["settingCount"]
    20
    """
    return _build(kg, STRATEGY, authority=authority, case=case, kinds=kinds, since=since,
                  until=until)


def context_network(kg: KnowledgeGraph, *, authority: str | None = None, case: str | None = None,
                    kinds: Collection[str] | None = None,
                    since: _DateLike = None, until: _DateLike = None) -> nx.MultiDiGraph:
    """Practice and strategy linked to the approaches they use and the contexts and harms they target.

    The concepts are nodes here, labelled with their ``skos:prefLabel``, of kind ``Approach``,
    ``Context`` or ``Harm`` (with a ``scheme`` attribute). Edges are ``approach``, ``usesApproach``,
    ``expertise``, ``targetsContext``, ``settingType``, ``inContext`` and ``addressesHarm``, plus
    ``hasRollout`` and ``partOf`` between pieces of practice. Only things with at least one such
    link are nodes. Parameters are as for :func:`partnership_network`.

    Examples
    --------
    >>> import csgraph
    >>> G = context_network(csgraph.load(bundled=True), case="lewisham")
    >>> pilot = "https://w3id.org/csgraph/id/cs-rp-pilot"
    >>> sorted(G.nodes[c]["label"] for c in G.successors(pilot) if G.nodes[c]["kind"] == "Context")
    ['school']
    """
    return _build(kg, CONTEXT, authority=authority, case=case, kinds=kinds, since=since,
                  until=until)


def _build(kg: KnowledgeGraph, proj: Projection, *, authority: Any, case: str | None,
           kinds: Iterable[str] | None, since: Any, until: Any) -> nx.MultiDiGraph:
    labels, supers = ontology_kinds(kg)
    keep_kinds = set(check_kinds(kinds, proj.all_kinds, labels, proj.name))
    since_d = as_date(since, end=False, name="since")
    until_d = as_date(until, end=True, name="until")
    facts = fetch(kg, (*proj.relations, *proj.concept_relations, *BACKBONE), supers)
    facts.kind_labels = labels
    entities = _in_period(facts, since_d, until_d)
    case_graphs = _case_graphs(facts, case)
    concept_kinds = {c: concept_kind(str(v[1])) for c, v in facts.concepts.items()
                     if v[1] is not None}
    nodes, edges = _select(facts, proj, entities, case_graphs, concept_kinds, keep_kinds)
    member = _members(facts, proj, entities, nodes, edges)
    if authority is not None:
        start = _authority(facts, authority)
        nodes = {n for n in nodes if start in member.get(n, ())}
        edges = [e for e in edges if e[0] in nodes and e[2] in nodes]

    G = nx.MultiDiGraph(network=proj.name)
    if case is not None:
        G.graph["case"] = str(case)
    if authority is not None:
        G.graph["authority"] = str(authority)
    for n in sorted(nodes):
        data = (entity_attrs(n, facts) if n in facts.kinds
                else concept_attrs(n, facts, concept_kinds[n]))
        data[AUTHORITIES] = " ".join(sorted(member.get(n, ())))
        G.add_node(n, **data)
    relation = {p: last_name(p) for p in {*proj.relations, *proj.concept_relations}}
    edges.sort(key=itemgetter(0, 1, 2))
    for s, p, o, graphs in edges:
        G.add_edge(s, o, key=relation[p], **edge_attrs(relation[p], p, graphs, facts))
    return G


def _in_period(facts: Facts, since: dt.date | None, until: dt.date | None) -> set[str]:
    """The things whose dates overlap the period (things without dates are kept)."""
    if since is None and until is None:
        return set(facts.kinds)
    out = set()
    for n in facts.kinds:
        start, end = period(facts.attrs.get(n, {}))
        if since is not None and end is not None and end < since:
            continue
        if until is not None and start is not None and start > until:
            continue
        out.add(n)
    return out


def _case_graphs(facts: Facts, case: str | None) -> set[str] | None:
    if case is None:
        return None
    case_iri = str(case) if ":" in str(case) else CASE_PREFIX + str(case)
    found = {g for g, i in facts.info.items() if i.case == str(case) or CASE_PREFIX + i.case == case_iri}
    if not found:
        cases = sorted({i.case for i in facts.info.values()})
        raise NotFoundError(f"no case study {case!r} is loaded; the cases are: "
                            f"{', '.join(cases) or 'none'}")
    return found


def _select(facts: Facts, proj: Projection, entities: set[str], case_graphs: set[str] | None,
            concept_kinds: dict[str, str], keep_kinds: set[str]) -> tuple[set[str], list[_Edge]]:
    """The projection's nodes and edges, after the case, period and kind filters."""
    rel_set, crel_set, proj_kinds = set(proj.relations), set(proj.concept_relations), set(proj.kinds)
    kinds = facts.kinds
    edges: list[_Edge] = []
    for (s, p, o), graphs in facts.links.items():
        if s not in entities or kinds[s] not in proj_kinds:
            continue
        if p in rel_set:
            if o not in entities or kinds[o] not in proj_kinds:
                continue
        elif p in crel_set:
            if concept_kinds.get(o) not in proj.concept_kinds:
                continue
        else:
            continue
        if case_graphs is not None and not graphs & case_graphs:
            continue
        edges.append((s, p, o, graphs))
    nodes: set[str] = set()
    if proj.keep_isolated:
        nodes = {n for n in entities if kinds[n] in proj_kinds}
        if case_graphs is not None:
            nodes = {n for n in nodes if facts.graphs.get(n, set()) & case_graphs}
    for s, _, o, _ in edges:
        nodes.add(s)
        nodes.add(o)
    nodes = {n for n in nodes if (kinds.get(n) or concept_kinds.get(n)) in keep_kinds}
    edges = [e for e in edges if e[0] in nodes and e[2] in nodes]
    # concepts (and, in the context network, things) stay only while something links them
    used = {e[0] for e in edges} | {e[2] for e in edges}
    nodes = {n for n in nodes if n in used or (proj.keep_isolated and n in kinds)}
    return nodes, edges


def _members(facts: Facts, proj: Projection, entities: set[str], nodes: set[str],
             edges: list[_Edge]) -> dict[str, set[str]]:
    """Node -> the authorities it belongs to: things by :func:`memberships`; a concept belongs to
    the authorities of the things that link to it. Where only linked nodes stay in a network, a node
    belongs to an authority only while it has a link inside that authority's part."""
    member = memberships(facts, entities)
    out = {n: set(member.get(n, ())) for n in nodes if n in facts.kinds}
    concept_rels = set(proj.concept_relations)
    for s, p, o, _ in edges:
        if p in concept_rels:
            out.setdefault(o, set()).update(out.get(s, ()))
    if not proj.keep_isolated:
        linked: dict[str, set[str]] = {}
        for s, _, o, _ in edges:
            both = out.get(s, set()) & out.get(o, set())
            linked.setdefault(s, set()).update(both)
            linked.setdefault(o, set()).update(both)
        out = {n: linked.get(n, set()) for n in out}
    return out


def _authority(facts: Facts, authority: Any) -> str:
    candidates = {n: names(facts.attrs.get(n, {}), n) for n, k in facts.kinds.items()
                  if k == "LocalAuthority"}
    return match(candidates, str(authority), "local authority")
