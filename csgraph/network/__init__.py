"""Networks of the knowledge graph as networkx graphs, with analyses and exports.

Three projections turn the facts into a :class:`networkx.MultiDiGraph`:

- :func:`partnership_network`: authorities, partnerships, services and teams, boards, posts, partner
  organisations, accreditors, schools and settings, pilots and training, linked by membership,
  oversight, leadership, accreditation and delivery;
- :func:`strategy_network`: strategies to their priorities and aims, the changes and pilots that
  respond to them, the services changed, roll-outs, settings and the contexts targeted;
- :func:`context_network`: pilots, strategies and other practice to the approaches they use and the
  contexts and harms (SKOS concepts) they target.

Nodes are keyed by IRI and carry ``label``, ``kind`` (the class's short name, such as ``Service``),
``iri``, ``title`` (a plain-text tooltip naming the sources) and ``authorities`` (the authorities the
node belongs to), plus counts and dates where the data gives them. Edges are keyed by ``relation``
(the predicate's short name, such as ``hasMember``) and keep ``predicate``, ``label`` (the relation in
words), ``case``, ``source`` (web addresses) and ``section`` of the named graphs they sit in. Every
attribute is a string or a number, so the graphs export to GraphML, GEXF, JSON, Cytoscape.js and CSV
as they are. Each projection runs the same six SELECT queries, however large the data.

The package's modules, by job: :mod:`~csgraph.network.kinds` (node kinds and their names),
:mod:`~csgraph.network.facts` (the queries), :mod:`~csgraph.network.filters`,
:mod:`~csgraph.network.projections`, :mod:`~csgraph.network.attributes`,
:mod:`~csgraph.network.build` (the three networks), :mod:`~csgraph.network.walks` (authorities,
downstream), :mod:`~csgraph.network.analysis`, :mod:`~csgraph.network.export` and
:mod:`~csgraph.network.gexf`.

>>> import csgraph
>>> G = csgraph.partnership_network(csgraph.load(bundled=True), case="lewisham")
>>> G.nodes["https://w3id.org/csgraph/id/restorative-now"]["kind"]
'PartnerOrganisation'
>>> sorted(k for _, _, k in G.out_edges("https://w3id.org/csgraph/id/cs-rp-partnership", keys=True))
['hasMember', 'hasMember', 'hasMember']
"""

from __future__ import annotations

from .analysis import (
    SAMPLE_ABOVE,
    Brokers,
    Comparison,
    DegreeRow,
    SharedPartner,
    brokers,
    communities,
    compare,
    compare_authorities,
    degree_table,
    shared_partners,
)
from .build import context_network, partnership_network, strategy_network
from .export import (
    JSON_LINK_KEYS,
    graphml_safe,
    write_csv,
    write_cytoscape,
    write_graphml,
    write_json,
)
from .gexf import write_gexf
from .kinds import KIND_LABELS
from .projections import NETWORKS
from .walks import (
    AUTHORITIES,
    authority_members,
    authority_nodes,
    authority_subgraph,
    downstream,
    find_node,
)

__all__ = [
    "AUTHORITIES",
    "JSON_LINK_KEYS",
    "KIND_LABELS",
    "NETWORKS",
    "SAMPLE_ABOVE",
    "Brokers",
    "Comparison",
    "DegreeRow",
    "SharedPartner",
    "authority_members",
    "authority_nodes",
    "authority_subgraph",
    "brokers",
    "communities",
    "compare",
    "compare_authorities",
    "context_network",
    "degree_table",
    "downstream",
    "find_node",
    "graphml_safe",
    "partnership_network",
    "shared_partners",
    "strategy_network",
    "write_csv",
    "write_cytoscape",
    "write_gexf",
    "write_graphml",
    "write_json",
]
