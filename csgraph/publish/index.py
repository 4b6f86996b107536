"""What the pages of a release are made from: every quad read once from the store, grouped by the
thing it describes, with labels, kinds and the provenance of each evidence graph.

>>> import csgraph
>>> idx = read_index(csgraph.load(bundled=True))
>>> idx.label("https://w3id.org/csgraph/id/lewisham")
'London Borough of Lewisham'
>>> idx.provenance["https://w3id.org/csgraph/graph/lewisham/case-study/vision"].section
'vision'
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS

from ..errors import CSGraphError
from ..namespace import CS
from .layout import own_page

__all__ = ["Index", "Provenance", "read_index"]

_LABELS = (str(RDFS.label), str(SKOS.prefLabel), str(DCTERMS.title))


@dataclass(frozen=True)
class Provenance:
    """Where the facts of one evidence graph come from."""

    graph: str
    case: str = ""
    case_title: str = ""
    source: str = ""
    source_title: str = ""
    url: str = ""
    section: str = ""
    publisher: str = ""
    mirror: bool = False  # url is the address of a copy: the data gives no publisher's address


@dataclass
class Index:
    """The release's things: ``facts[iri]`` are (predicate, object term, graph) of each thing with a
    page; ``incoming[iri]`` are (subject, predicate, graph) of links to it."""

    facts: dict[str, list[tuple[str, ox.Term, str]]] = field(default_factory=lambda: defaultdict(list))
    incoming: dict[str, list[tuple[str, str, str]]] = field(default_factory=lambda: defaultdict(list))
    labels: dict[str, str] = field(default_factory=dict)
    kinds: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    provenance: dict[str, Provenance] = field(default_factory=dict)
    graphs: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    def label(self, iri: str) -> str:
        """The thing's label, or the end of its IRI."""
        return self.labels.get(iri) or iri.rstrip("/#").rsplit("/", 1)[-1].rsplit("#", 1)[-1]

    def of_kind(self, cls: str) -> list[str]:
        """Things of class ``cls`` (an IRI) that have pages, sorted by label."""
        return sorted((s for s, ks in self.kinds.items() if cls in ks and s in self.facts),
                      key=lambda s: (self.label(s).lower(), s))


def _lang_rank(term: ox.Term) -> int:
    lang = getattr(term, "language", None)
    return 0 if lang in (None, "en") else 1


def read_index(kg) -> Index:
    """Read every quad of ``kg`` (an embedded store) into an :class:`Index`."""
    if kg.store is None:
        raise CSGraphError("publish works on loaded files, not on a remote endpoint; export the "
                           "endpoint's data and publish the files")
    idx = Index()
    best: dict[str, tuple[int, int]] = {}
    type_iri = str(RDF.type)
    for q in kg.store:
        s, p, o = q.subject, q.predicate.value, q.object
        g = q.graph_name.value if isinstance(q.graph_name, ox.NamedNode) else ""
        idx.graphs[g] += 1
        if not isinstance(s, ox.NamedNode):
            continue
        if p in _LABELS and isinstance(o, ox.Literal):
            rank = (_LABELS.index(p), _lang_rank(o))
            if s.value not in best or rank < best[s.value]:
                best[s.value], idx.labels[s.value] = rank, o.value
        if p == type_iri and isinstance(o, ox.NamedNode) and o.value not in idx.kinds[s.value]:
            idx.kinds[s.value].append(o.value)
        if own_page(s.value):
            idx.facts[s.value].append((p, o, g))
        if isinstance(o, ox.NamedNode) and own_page(o.value):
            idx.incoming[o.value].append((s.value, p, g))
    _provenance(idx)
    return idx


def _provenance(idx: Index) -> None:
    for g in idx.graphs:
        facts = {p: o.value for p, o, _ in idx.facts.get(g, ())}
        if not facts:
            continue
        source = facts.get(str(PROV.hadPrimarySource), "")
        src_facts = {p: o.value for p, o, _ in idx.facts.get(source, ())}
        case = facts.get(str(DCTERMS.isPartOf), "")
        section = facts.get(str(CS.section), "")
        idx.provenance[g] = Provenance(
            graph=g, case=case, case_title=idx.labels.get(case, ""), source=source,
            source_title=src_facts.get(str(DCTERMS.title), ""), publisher=src_facts.get(str(DCTERMS.publisher), ""),
            url=src_facts.get(str(CS.url)) or src_facts.get(str(CS.mirror), ""),
            mirror=str(CS.url) not in src_facts and str(CS.mirror) in src_facts,
            section=idx.labels.get(section, section.rsplit("/", 1)[-1]))
