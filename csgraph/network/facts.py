"""The facts a network is built from, read with a few SELECT queries however large the data.

:func:`fetch` asks for the evidence graphs (case, source, section), the things of the node kinds and
the graphs that type them, their attributes, and the links of the given relations with the graphs
they sit in. Rows are read as plain text (:meth:`KnowledgeGraph.select_text`), which is what keeps a
150,000-node network to a few seconds.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from rdflib.namespace import DCTERMS, RDFS, SKOS
from rdflib.term import URIRef

from ..kg import KnowledgeGraph
from ..namespace import CS, ID
from .kinds import ENTITY_KINDS, choose_kind

__all__ = ["ATTRIBUTES", "CASE_PREFIX", "Facts", "GraphInfo", "best", "fetch", "last_name", "names"]

CASE_PREFIX = f"{ID}case/"
_SOURCE_PREFIX = f"{ID}source/"

#: Node attributes read from the data: predicate -> attribute name. Concept values become labels.
ATTRIBUTES: dict[str, str] = {
    str(RDFS.label): "label",
    str(SKOS.altLabel): "altLabels",
    str(DCTERMS.description): "description",
    **{str(CS[name]): name for name in (
        "settingCount", "priorityCount", "startDate", "endDate", "startYear", "endYear",
        "established", "year", "status", "sector", "serviceType", "roleType", "changeType")},
}
_PREF_LABEL = str(SKOS.prefLabel)
_IN_SCHEME = str(SKOS.inScheme)
_KIND_OF = {str(CS[k]): k for k in ENTITY_KINDS}

# The IRIs in VALUES blocks are the library's own constants, never values from a caller.
_Q_GRAPHS = """
SELECT DISTINCT ?g ?case ?section ?src ?url ?about WHERE {
  ?g cs:section ?section ; dct:isPartOf ?case .
  OPTIONAL { ?g prov:hadPrimarySource ?src . OPTIONAL { ?src cs:url ?own } OPTIONAL { ?src cs:mirror ?copy }
             BIND(COALESCE(?own, ?copy) AS ?url) }
  OPTIONAL { ?case cs:describes ?about }
}"""

_Q_NODES = """
SELECT DISTINCT ?n ?type ?g WHERE {
  VALUES ?type { %s }
  GRAPH ?g { ?n a ?type }
}"""

_Q_ATTRS = """
SELECT DISTINCT ?n ?p ?v (LANG(?v) AS ?lang) WHERE {
  VALUES ?p { %s }
  ?n ?p ?v
}"""

_Q_LINKS = """
SELECT DISTINCT ?s ?p ?o ?g WHERE {
  VALUES ?p { %s }
  GRAPH ?g { ?s ?p ?o }
}"""


@dataclass(frozen=True)
class GraphInfo:
    """Where the facts of one evidence graph come from."""

    case: str
    source: str
    section: str
    url: str


@dataclass
class Facts:
    """What the queries returned, indexed for building: things' kinds and graphs, attributes, links
    with their graphs, the evidence graphs, the things each case study is about, and concepts."""

    kinds: dict[str, str] = field(default_factory=dict)
    other_kinds: dict[str, tuple[str, ...]] = field(default_factory=dict)
    graphs: dict[str, set[str]] = field(default_factory=dict)
    attrs: dict[str, dict[str, list[tuple[str, str | None]]]] = field(default_factory=dict)
    links: dict[tuple[str, str, str], set[str]] = field(default_factory=dict)
    info: dict[str, GraphInfo] = field(default_factory=dict)
    about: dict[str, set[str]] = field(default_factory=dict)
    concepts: dict[str, list[Any]] = field(default_factory=dict)
    kind_labels: dict[str, str] = field(default_factory=dict)
    provenance: dict[frozenset, Any] = field(default_factory=dict)


def last_name(iri: str) -> str:
    """The last segment of an IRI (after ``/`` or ``#``)."""
    return re.split(r"[/#]", iri.rstrip("/"))[-1]


def _values(iris: Iterable[str]) -> str:
    return " ".join(URIRef(i).n3() for i in dict.fromkeys(iris))


def fetch(kg: KnowledgeGraph, relations: Iterable[str], supers: dict[str, frozenset[str]]
          ) -> Facts:
    """Read the evidence graphs, every thing of a node kind, their attributes, and the links of
    ``relations`` (predicate IRIs); ``supers`` decides the kind of a thing with several classes."""
    facts = Facts()
    for g, case, section, src, url, about in kg.select_text(_Q_GRAPHS, name="network-graphs"):
        source = (src or "").rsplit("/", 1)[-1] if (src or "").startswith(_SOURCE_PREFIX) else src
        facts.info[g] = GraphInfo(case.removeprefix(CASE_PREFIX), source or "",
                                  last_name(section), url or "")
        if about is not None:
            facts.about.setdefault(case, set()).add(about)
    _read_things(kg, facts, supers)
    _read_attributes(kg, facts)
    links = facts.links
    for s, p, o, g in kg.select_text(_Q_LINKS % _values(relations), name="network-links"):
        found = links.get((s, p, o))
        if found is None:
            links[(s, p, o)] = {g}
        else:
            found.add(g)
    return facts


def _read_things(kg: KnowledgeGraph, facts: Facts, supers: dict[str, frozenset[str]]) -> None:
    classes: dict[str, set[str]] = {}
    graphs_of = facts.graphs
    rows = kg.select_text(_Q_NODES % _values(_KIND_OF), name="network-nodes")
    for n, t, g in rows:
        found = classes.get(n)
        if found is None:
            classes[n] = {_KIND_OF[t]}
        else:
            found.add(_KIND_OF[t])
        graphs_of.setdefault(n, set()).add(g)
    for n, found in classes.items():
        if len(found) == 1:
            facts.kinds[n] = next(iter(found))
        else:
            facts.kinds[n], others = choose_kind(found, supers)
            if others:
                facts.other_kinds[n] = others


def _read_attributes(kg: KnowledgeGraph, facts: Facts) -> None:
    kinds_of, attrs = facts.kinds, facts.attrs
    preds = [*ATTRIBUTES, _PREF_LABEL, _IN_SCHEME]
    for n, p, v, lang in kg.select_text(_Q_ATTRS % _values(preds), name="network-attributes"):
        if n in kinds_of:
            name = ATTRIBUTES.get(p)
            if name is not None:
                attrs.setdefault(n, {}).setdefault(name, []).append((v, lang))
        elif p == _PREF_LABEL:
            entry = facts.concepts.setdefault(n, [None, None])
            entry[0] = _pick(entry[0], (v, lang))
        elif p == _IN_SCHEME:
            facts.concepts.setdefault(n, [None, None])[1] = v


def _pick(old: tuple[str, str | None] | None, new: tuple[str, str | None]
          ) -> tuple[str, str | None]:
    """Prefer an English or untagged text to one in another language."""
    if old is None or (old[1] not in (None, "", "en") and new[1] in (None, "", "en")):
        return new
    return old


def best(values: list[tuple[str, str | None]]) -> str:
    """The text to show from several (text, language) values: English or untagged first."""
    chosen = None
    for v in values:
        chosen = _pick(chosen, v)
    return chosen[0] if chosen is not None else ""


def names(attrs: dict[str, list[tuple[str, str | None]]], iri: str) -> tuple[str, list[str]]:
    """A thing's label and its other names."""
    labels = attrs.get("label")
    return (best(labels) if labels else last_name(iri)), [a for a, _ in attrs.get("altLabels", ())]
