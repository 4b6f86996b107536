"""Analyses of a network: brokers (betweenness), degrees, partners shared between authorities,
communities, and two networks or two authorities compared.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Hashable, Mapping
from dataclasses import dataclass, field

import networkx as nx

from .walks import authority_members, authority_subgraph

__all__ = [
    "SAMPLE_ABOVE",
    "Brokers",
    "Comparison",
    "DegreeRow",
    "SharedPartner",
    "brokers",
    "communities",
    "compare",
    "compare_authorities",
    "degree_table",
    "shared_partners",
]


@dataclass(frozen=True)
class Brokers:
    """Betweenness centrality of each node, and how many source nodes it was computed from.

    ``sample_size`` equals the number of nodes when the scores are exact (``exact`` is True).
    """

    scores: Mapping[Hashable, float]
    sample_size: int
    exact: bool
    labels: Mapping[Hashable, str] = field(default_factory=dict, repr=False)

    def top(self, n: int = 10) -> list[tuple[Hashable, str, float]]:
        """The ``n`` highest-scoring nodes as (node, label, score), best first."""
        ranked = sorted(self.scores.items(), key=lambda kv: (-kv[1], str(self.labels.get(kv[0], kv[0]))))
        return [(node, self.labels.get(node, str(node)), score) for node, score in ranked[:n]]


#: Above this many nodes, :func:`brokers` samples source nodes unless told ``k``.
SAMPLE_ABOVE = 2000
_DEFAULT_K = 500
_EDGE_VISITS = 4_000_000  # the work budget of a sampled betweenness: sources x (nodes + edges)


def _simple(G: nx.Graph) -> nx.Graph:
    """The undirected simple graph of ``G`` (no attributes)."""
    U = nx.Graph()
    U.add_nodes_from(G)
    U.add_edges_from((u, v) for u, v in G.edges() if u != v)
    return U


def brokers(G: nx.Graph, k: int | None = None, *, seed: int = 0) -> Brokers:
    """Who brokers between others: betweenness centrality on the undirected network.

    Exact for up to 2,000 nodes; above that (or whenever ``k`` is given) estimated from ``k``
    sampled source nodes, with ``seed`` for repeatable results. The default sample is sized to the
    graph: at most 500 sources and about four million edge visits in all, which keeps a
    150,000-node network to a few seconds (exact betweenness there would take hours).

    Examples
    --------
    >>> G = nx.path_graph(["a", "b", "c"])
    >>> b = brokers(G)
    >>> b.top(1)[0][0], b.sample_size, b.exact
    ('b', 3, True)
    """
    U = _simple(G)
    n = U.number_of_nodes()
    if k is None and n > SAMPLE_ABOVE:
        k = max(8, min(_DEFAULT_K, _EDGE_VISITS // max(1, n + U.number_of_edges())))
    if k is not None and k >= n:
        k = None
    scores = nx.betweenness_centrality(U, k=k, seed=seed if k is not None else None)
    labels = {node: str(data.get("label", node)) for node, data in G.nodes(data=True)}
    return Brokers(scores, k if k is not None else n, k is None, labels)


@dataclass(frozen=True)
class DegreeRow:
    """One node's links: in, out and in all (each parallel link counted)."""

    node: Hashable
    label: str
    kind: str
    in_degree: int
    out_degree: int
    degree: int


def degree_table(G: nx.Graph) -> list[DegreeRow]:
    """Each node's in-, out- and total degree, most linked first.

    >>> G = nx.MultiDiGraph([("a", "b"), ("a", "c")])
    >>> [(r.node, r.out_degree, r.degree) for r in degree_table(G)]
    [('a', 2, 2), ('b', 0, 1), ('c', 0, 1)]
    """
    rows = []
    for n, data in G.nodes(data=True):
        if G.is_directed():
            i, o = G.in_degree(n), G.out_degree(n)
        else:
            i = o = G.degree(n)
        rows.append(DegreeRow(n, str(data.get("label", n)), str(data.get("kind", "")), i, o,
                              G.degree(n)))
    return sorted(rows, key=lambda r: (-r.degree, r.label, str(r.node)))


@dataclass(frozen=True)
class SharedPartner:
    """A partner linked to more than one authority, and those authorities (ids and labels)."""

    node: Hashable
    label: str
    kind: str
    authorities: tuple[Hashable, ...]
    authority_labels: tuple[str, ...]


def shared_partners(G: nx.Graph, *, kinds: Collection[str] = ("PartnerOrganisation", "Accreditor")
                    ) -> list[SharedPartner]:
    """Partners and accreditors that belong to more than one authority's network.

    A partner belongs to an authority as :func:`~csgraph.network.authority_nodes` says. Sorted by
    the number of authorities, most first.

    >>> import csgraph
    >>> G = csgraph.partnership_network(csgraph.load(bundled=True))
    >>> "Achieving for Children" in [p.label for p in shared_partners(G)]
    True
    """
    owners: dict[Hashable, list[Hashable]] = {}
    members = authority_members(G)
    for la in sorted(members, key=str):
        for n in members[la]:
            if G.nodes[n].get("kind") in kinds:
                owners.setdefault(n, []).append(la)
    out = [SharedPartner(n, str(G.nodes[n].get("label", n)), str(G.nodes[n].get("kind")),
                         tuple(las), tuple(str(G.nodes[a].get("label", a)) for a in las))
           for n, las in owners.items() if len(las) > 1]
    return sorted(out, key=lambda p: (-len(p.authorities), p.label))


def communities(G: nx.Graph, *, seed: int = 0, resolution: float = 1.0) -> list[frozenset]:
    """Groups of closely linked nodes (Louvain on the undirected network), largest first.

    >>> G = nx.barbell_graph(4, 0)
    >>> [sorted(c) for c in communities(G)]
    [[0, 1, 2, 3], [4, 5, 6, 7]]
    """
    U = _simple(G)
    found = nx.community.louvain_communities(U, seed=seed, resolution=resolution)
    return sorted((frozenset(c) for c in found), key=lambda c: (-len(c), min(map(str, c))))


@dataclass(frozen=True)
class Comparison:
    """Two networks side by side: their sizes, nodes in common, and counts by kind and relation.

    ``kinds`` and ``relations`` map a kind or relation to its count in the first and second network.
    """

    first: tuple[int, int]
    second: tuple[int, int]
    shared: frozenset
    only_first: frozenset
    only_second: frozenset
    kinds: Mapping[str, tuple[int, int]]
    relations: Mapping[str, tuple[int, int]]
    density: tuple[float, float]

    def to_text(self) -> str:
        """A plain-text table of the comparison."""
        lines = [f"{'':24} {'first':>7} {'second':>7}",
                 f"{'nodes':24} {self.first[0]:>7} {self.second[0]:>7}",
                 f"{'links':24} {self.first[1]:>7} {self.second[1]:>7}",
                 f"{'density':24} {self.density[0]:>7.3f} {self.density[1]:>7.3f}"]
        lines += [f"{k:24} {a:>7} {b:>7}" for k, (a, b) in sorted(self.kinds.items())]
        lines += [f"{k:24} {a:>7} {b:>7}" for k, (a, b) in sorted(self.relations.items())]
        lines.append(f"{'nodes in common':24} {len(self.shared):>7}")
        return "\n".join(lines)


def compare(G1: nx.Graph, G2: nx.Graph) -> Comparison:
    """Compare two networks: sizes, density, shared nodes, and counts by kind and by relation.

    >>> a = nx.MultiDiGraph([("x", "y", "hasMember")])
    >>> b = nx.MultiDiGraph([("y", "z", "unitOf")])
    >>> c = compare(a, b)
    >>> sorted(c.shared), c.relations["hasMember"]
    (['y'], (1, 0))
    """
    def kinds(G: nx.Graph) -> Counter:
        return Counter(str(k) for _, k in G.nodes(data="kind", default=""))

    def relations(G: nx.Graph) -> Counter:
        if G.is_multigraph():
            return Counter(str(d.get("relation", k)) for _, _, k, d in G.edges(keys=True, data=True))
        return Counter(str(d.get("relation", "")) for _, _, d in G.edges(data=True))

    k1, k2, r1, r2 = kinds(G1), kinds(G2), relations(G1), relations(G2)
    n1, n2 = set(G1), set(G2)
    return Comparison(
        (G1.number_of_nodes(), G1.number_of_edges()), (G2.number_of_nodes(), G2.number_of_edges()),
        frozenset(n1 & n2), frozenset(n1 - n2), frozenset(n2 - n1),
        {k: (k1[k], k2[k]) for k in sorted(set(k1) | set(k2))},
        {r: (r1[r], r2[r]) for r in sorted(set(r1) | set(r2))},
        (nx.density(G1) if len(G1) > 1 else 0.0, nx.density(G2) if len(G2) > 1 else 0.0))


def compare_authorities(G: nx.Graph, first: Hashable, second: Hashable) -> Comparison:
    """Compare two authorities' parts of one network (see :func:`~csgraph.network.authority_nodes`).

    >>> import csgraph
    >>> G = csgraph.partnership_network(csgraph.load(bundled=True))
    >>> c = compare_authorities(G, "Kingston", "Richmond")
    >>> "https://w3id.org/csgraph/id/kr-afc" in c.shared
    True
    """
    return compare(authority_subgraph(G, first), authority_subgraph(G, second))
