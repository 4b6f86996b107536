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
``iri`` and ``title`` (a plain-text tooltip naming the sources), plus counts and dates where the data
gives them. Edges are keyed by ``relation`` (the predicate's short name, such as ``hasMember``) and keep
``predicate``, ``case``, ``source`` (web addresses) and ``section`` of the named graphs they sit in.
Every attribute is a string or a number, so the graphs export to GraphML, GEXF, JSON and CSV as they
are. Each projection runs four SELECT queries, however large the data.

>>> import csgraph
>>> G = partnership_network(csgraph.load(bundled=True), case="lewisham")
>>> G.nodes["https://w3id.org/csgraph/id/restorative-now"]["kind"]
'PartnerOrganisation'
>>> sorted(k for _, _, k in G.out_edges("https://w3id.org/csgraph/id/cs-rp-partnership", keys=True))
['hasMember', 'hasMember', 'hasMember']
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import re
from collections import Counter
from collections.abc import Callable, Collection, Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path
from typing import Any

import networkx as nx

from .errors import AmbiguousError, NotFoundError, QueryParameterError
from .kg import KnowledgeGraph
from .namespace import CONCEPT, CS, ID

__all__ = [
    "JSON_LINK_KEYS",
    "KIND_LABELS",
    "NETWORKS",
    "SAMPLE_ABOVE",
    "Brokers",
    "Comparison",
    "DegreeRow",
    "SharedPartner",
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
    "write_gexf",
    "write_graphml",
    "write_json",
]

_CS = str(CS._NS)
_ORG = "http://www.w3.org/ns/org#"
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_SKOS = "http://www.w3.org/2004/02/skos/core#"
_DCT = "http://purl.org/dc/terms/"
_CASE_PREFIX = f"{ID}case/"
_SOURCE_PREFIX = f"{ID}source/"

#: Readable names of the node kinds (the classes' labels); concept kinds are named after their scheme.
KIND_LABELS: dict[str, str] = {
    "LocalAuthority": "local authority",
    "Partnership": "partnership",
    "Service": "service or team",
    "Board": "board or group",
    "Post": "post",
    "PartnerOrganisation": "partner organisation",
    "Accreditor": "accreditor",
    "School": "school",
    "PracticeSetting": "practice setting",
    "Strategy": "strategy or plan",
    "Priority": "strategic priority",
    "Aim": "aim",
    "Change": "change",
    "Pilot": "pilot or programme",
    "Rollout": "roll-out",
    "Training": "training",
    "Review": "review or evaluation",
    "Challenge": "challenge",
    "Mechanism": "mechanism of change",
    "Outcome": "outcome",
    "Approach": "practice approach",
    "Context": "context",
    "Harm": "harm",
}
_ENTITY_KINDS = tuple(k for k in KIND_LABELS if k not in ("Approach", "Context", "Harm"))
# Kinds that a walk from one authority reaches but does not walk through: another authority, or a
# partner or accreditor that may serve many authorities (concepts are never walked through either).
_HUB_KINDS = frozenset({"LocalAuthority", "PartnerOrganisation", "Accreditor"})


def _p(name: str) -> str:
    return _CS + name


def _o(name: str) -> str:
    return _ORG + name


# Every link between two things, for walking from an authority to what belongs to it.
_BACKBONE = (
    _o("hasMember"), _o("unitOf"), _o("subOrganizationOf"), _o("postIn"), _p("heldWithin"),
    _p("leads"), _p("oversees"), _p("deliversFor"), _p("ledBy"), _p("accreditedBy"), _p("partOf"),
    _p("inArea"), _p("inSetting"), _p("hasRollout"), _p("hasPriority"), _p("hasAim"),
    _p("respondsTo"), _p("changed"), _p("ownedBy"), _o("originalOrganization"),
    _o("resultingOrganization"), _p("evaluates"), _p("affects"), _p("supports"), _p("ledTo"),
)
# Node attributes read from the data: predicate -> attribute name. Concept values become their labels.
_ATTRS = {
    _RDFS + "label": "label",
    _SKOS + "altLabel": "altLabels",
    _DCT + "description": "description",
    _p("settingCount"): "settingCount",
    _p("priorityCount"): "priorityCount",
    _p("startDate"): "startDate",
    _p("endDate"): "endDate",
    _p("startYear"): "startYear",
    _p("endYear"): "endYear",
    _p("established"): "established",
    _p("year"): "year",
    _p("status"): "status",
    _p("sector"): "sector",
    _p("serviceType"): "serviceType",
    _p("roleType"): "roleType",
    _p("changeType"): "changeType",
}
_INT_ATTRS = ("settingCount", "priorityCount")
_PREF_LABEL = _SKOS + "prefLabel"
_IN_SCHEME = _SKOS + "inScheme"


@dataclass(frozen=True)
class _Projection:
    name: str
    kinds: tuple[str, ...]
    relations: tuple[str, ...]
    concept_relations: tuple[str, ...] = ()
    concept_kinds: tuple[str, ...] = ()
    keep_isolated: bool = True

    @property
    def all_kinds(self) -> tuple[str, ...]:
        return self.kinds + self.concept_kinds


_PARTNERSHIP = _Projection(
    "partnership",
    ("LocalAuthority", "Partnership", "Service", "Board", "Post", "PartnerOrganisation",
     "Accreditor", "School", "PracticeSetting", "Pilot", "Training"),
    (_o("hasMember"), _o("unitOf"), _o("subOrganizationOf"), _o("postIn"), _p("heldWithin"),
     _p("leads"), _p("oversees"), _p("deliversFor"), _p("ledBy"), _p("accreditedBy"), _p("partOf"),
     _p("inArea"), _p("inSetting")),
)
_STRATEGY = _Projection(
    "strategy",
    ("Strategy", "Priority", "Aim", "Change", "Service", "Partnership", "LocalAuthority",
     "PartnerOrganisation", "Pilot", "Rollout", "Training", "School", "PracticeSetting"),
    (_p("ownedBy"), _p("hasPriority"), _p("hasAim"), _p("partOf"), _p("respondsTo"), _p("changed"),
     _p("ledBy"), _o("hasMember"), _p("hasRollout"), _p("inSetting")),
    (_p("targetsContext"), _p("settingType")),
    ("Context",),
)
_CONTEXT = _Projection(
    "context",
    ("Strategy", "Priority", "Aim", "Change", "Pilot", "Rollout", "Training", "Service",
     "Partnership", "PartnerOrganisation", "Accreditor", "Mechanism", "Outcome"),
    (_p("hasRollout"), _p("partOf")),
    (_p("approach"), _p("usesApproach"), _p("expertise"), _p("targetsContext"), _p("settingType"),
     _p("inContext"), _p("addressesHarm")),
    ("Approach", "Context", "Harm"),
    keep_isolated=False,
)
#: The projections by name, as the command line's ``--kind`` names them.
NETWORKS = {"partnership": _PARTNERSHIP, "strategy": _STRATEGY, "context": _CONTEXT}

# The strategy-to-practice direction of each relation: True to follow it forward, False backward.
_DOWNSTREAM = {
    _p("hasPriority"): True, _p("hasAim"): True, _p("respondsTo"): False, _p("changed"): True,
    _p("ledBy"): True, _o("hasMember"): True, _o("postIn"): False, _p("hasRollout"): True,
    _p("inSetting"): True, _p("partOf"): False, _p("accreditedBy"): True,
    _p("targetsContext"): True, _p("settingType"): True,
}


# --- queries ------------------------------------------------------------------------------------
# The IRIs in VALUES blocks are the library's own constants, never values from a caller.

_PREFIXES = (
    "PREFIX cs: <https://w3id.org/csgraph/ontology#>\n"
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
    "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
    "PREFIX org: <http://www.w3.org/ns/org#>\n"
    "PREFIX prov: <http://www.w3.org/ns/prov#>\n"
    "PREFIX dct: <http://purl.org/dc/terms/>\n"
)

_Q_GRAPHS = _PREFIXES + """
SELECT DISTINCT ?g ?case ?section ?src ?url ?about WHERE {
  ?g cs:section ?section ; dct:isPartOf ?case .
  OPTIONAL { ?g prov:hadPrimarySource ?src . OPTIONAL { ?src cs:url ?url } }
  OPTIONAL { ?case cs:describes ?about }
}"""

_Q_NODES = _PREFIXES + """
SELECT DISTINCT ?n ?type ?g WHERE {
  VALUES ?type { %s }
  GRAPH ?g { ?n a ?type }
}"""

_Q_ATTRS = _PREFIXES + """
SELECT DISTINCT ?n ?p ?v (LANG(?v) AS ?lang) WHERE {
  VALUES ?p { %s }
  ?n ?p ?v
}"""

_Q_LINKS = _PREFIXES + """
SELECT DISTINCT ?s ?p ?o ?g WHERE {
  VALUES ?p { %s }
  GRAPH ?g { ?s ?p ?o }
}"""


def _values(iris: Iterable[str]) -> str:
    return " ".join(f"<{i}>" for i in dict.fromkeys(iris))


@dataclass(frozen=True)
class _GraphInfo:
    case: str
    source: str
    section: str
    url: str


@dataclass
class _Facts:
    kinds: dict[str, str] = field(default_factory=dict)
    graphs: dict[str, set[str]] = field(default_factory=dict)
    attrs: dict[str, dict[str, list[tuple[str, str | None]]]] = field(default_factory=dict)
    links: dict[tuple[str, str, str], set[str]] = field(default_factory=dict)
    info: dict[str, _GraphInfo] = field(default_factory=dict)
    about: dict[str, set[str]] = field(default_factory=dict)
    concepts: dict[str, list[Any]] = field(default_factory=dict)
    provenance: dict[frozenset, tuple[list[str], list[str], list[str]]] = field(default_factory=dict)


def _last(iri: str) -> str:
    return re.split(r"[/#]", iri.rstrip("/"))[-1]


def _concept_kind(scheme: str) -> str:
    name = scheme.removeprefix(str(CONCEPT))
    if name == scheme:
        name = _last(scheme)
    return "".join(part.capitalize() for part in re.split(r"[^A-Za-z0-9]+", name) if part)


def _fetch(kg: KnowledgeGraph, kinds: Iterable[str], relations: Iterable[str]) -> _Facts:
    facts = _Facts()
    rank = {k: i for i, k in enumerate(_ENTITY_KINDS)}
    for g, case, section, src, url, about in kg.query_text(_Q_GRAPHS, name="network-graphs"):
        source = (src or "").rsplit("/", 1)[-1] if (src or "").startswith(_SOURCE_PREFIX) else src
        facts.info[g] = _GraphInfo(case.removeprefix(_CASE_PREFIX), source or "",
                                   _last(section), url or "")
        if about is not None:
            facts.about.setdefault(case, set()).add(about)
    cut = len(_CS)
    kinds_of, graphs_of = facts.kinds, facts.graphs
    for n, t, g in kg.query_text(_Q_NODES % _values(_CS + k for k in kinds), name="network-nodes"):
        kind = t[cut:]
        old = kinds_of.get(n)
        if old is None or rank[kind] < rank[old]:
            kinds_of[n] = kind
        graphs_of.setdefault(n, set()).add(g)
    attr_preds = [*_ATTRS, _PREF_LABEL, _IN_SCHEME]
    attrs = facts.attrs
    for n, p, v, lang in kg.query_text(_Q_ATTRS % _values(attr_preds), name="network-attributes"):
        if n in kinds_of:
            name = _ATTRS.get(p)
            if name is not None:
                attrs.setdefault(n, {}).setdefault(name, []).append((v, lang))
        elif p == _PREF_LABEL:
            entry = facts.concepts.setdefault(n, [None, None])
            entry[0] = _pick(entry[0], (v, lang))
        elif p == _IN_SCHEME:
            facts.concepts.setdefault(n, [None, None])[1] = v
    links = facts.links
    for s, p, o, g in kg.query_text(_Q_LINKS % _values(relations), name="network-links"):
        key = (s, p, o)
        found = links.get(key)
        if found is None:
            links[key] = {g}
        else:
            found.add(g)
    return facts


def _pick(old: tuple[str, str | None] | None, new: tuple[str, str | None]
          ) -> tuple[str, str | None]:
    """Prefer an English or untagged text to one in another language."""
    if old is None or (old[1] not in (None, "", "en") and new[1] in (None, "", "en")):
        return new
    return old


# --- filters ------------------------------------------------------------------------------------

def _as_date(value: Any, *, end: bool, name: str) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    if isinstance(value, int) and not isinstance(value, bool):
        text = str(value)
    if re.fullmatch(r"\d{4}", text):
        return dt.date(int(text), 12, 31) if end else dt.date(int(text), 1, 1)
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        raise QueryParameterError(f"{name} must be a year such as 2020 or a date such as "
                                  f"2020-06-01, not {value!r}") from None


def _period(attrs: Mapping[str, list[Any]]) -> tuple[dt.date | None, dt.date | None]:
    starts: list[dt.date] = []
    ends: list[dt.date] = []
    for key, is_end in (("startDate", False), ("established", False), ("startYear", False),
                        ("endDate", True), ("endYear", True), ("year", None)):
        for v, _ in attrs.get(key, ()):
            try:
                if is_end is None:
                    starts.append(_as_date(v, end=False, name=key))
                    ends.append(_as_date(v, end=True, name=key))
                else:
                    (ends if is_end else starts).append(_as_date(v, end=is_end, name=key))
            except QueryParameterError:
                continue
    return (min(starts) if starts else None, max(ends) if ends else None)


def _reach(start: str, neighbours: Callable[[str], Iterable[tuple[str, str]]],
           kind: Callable[[str], str | None]) -> set[str]:
    """Things reachable from an authority without walking through hubs (see authority_nodes)."""
    seen = {start}
    todo = [start]
    while todo:
        node = todo.pop()
        for other, relation in neighbours(node):
            if other in seen:
                continue
            seen.add(other)
            k = kind(other)
            if k is None:  # a concept: kept, never walked through
                continue
            if k in _HUB_KINDS and not (node == start and relation == "deliversFor"):
                continue
            todo.append(other)
    return seen


def _match(candidates: Mapping[str, tuple[str, list[str]]], text: str, what: str) -> str:
    """The one candidate whose id, label or other name is ``text`` (or, failing that, contains it)."""
    if text in candidates:
        return text
    low = text.casefold()
    exact = [n for n, (label, alts) in candidates.items()
             if low == label.casefold() or any(low == a.casefold() for a in alts)]
    if len(exact) == 1:
        return exact[0]
    found = exact or [n for n, (label, alts) in candidates.items()
                      if low in label.casefold() or any(low in a.casefold() for a in alts)]
    if not found:
        names = sorted(label for label, _ in candidates.values())
        listing = "; ".join(names[:12]) + (f" and {len(names) - 12} more" if len(names) > 12 else "")
        raise NotFoundError(f"no {what} is called {text!r}; those here: {listing or 'none'}")
    if len(found) > 1:
        listing = "; ".join(f"{candidates[n][0]} <{n}>" for n in sorted(found))
        raise AmbiguousError(f"{len(found)} match {text!r}: {listing}. Give more of the "
                             "name or the IRI.", [(n, candidates[n][0]) for n in sorted(found)])
    return found[0]


def _check_kinds(kinds: Iterable[str] | None, proj: _Projection) -> tuple[str, ...]:
    if kinds is None:
        return proj.all_kinds
    if isinstance(kinds, str):
        kinds = [kinds]
    by_name = {k.casefold(): k for k in proj.all_kinds}
    by_name.update({KIND_LABELS[k].casefold(): k for k in proj.all_kinds})
    out = []
    for k in kinds:
        name = str(k).rsplit("#", 1)[-1].casefold()
        if name not in by_name:
            raise NotFoundError(f"the {proj.name} network has no node kind {k!r}; its kinds are "
                                f"{', '.join(proj.all_kinds)}")
        out.append(by_name[name])
    return tuple(dict.fromkeys(out))


# --- building -----------------------------------------------------------------------------------

def _build(kg: KnowledgeGraph, proj: _Projection, *, authority: Any, case: str | None,
           kinds: Iterable[str] | None, since: Any, until: Any) -> nx.MultiDiGraph:
    keep_kinds = set(_check_kinds(kinds, proj))
    since_d = _as_date(since, end=False, name="since")
    until_d = _as_date(until, end=True, name="until")
    walk = authority is not None
    facts = _fetch(kg, _ENTITY_KINDS if walk else proj.kinds,
                   (*proj.relations, *proj.concept_relations, *(_BACKBONE if walk else ())))
    attrs = facts.attrs

    def in_time(n: str) -> bool:
        if since_d is None and until_d is None:
            return True
        start, end = _period(attrs.get(n, {}))
        if since_d is not None and end is not None and end < since_d:
            return False
        return not (until_d is not None and start is not None and start > until_d)

    entities = {n for n, k in facts.kinds.items() if in_time(n)}
    case_graphs: set[str] | None = None
    if case is not None:
        case_iri = str(case) if ":" in str(case) else _CASE_PREFIX + str(case)
        case_graphs = {g for g, i in facts.info.items()
                       if i.case == str(case) or _CASE_PREFIX + i.case == case_iri}
        if not case_graphs:
            cases = sorted({i.case for i in facts.info.values()})
            raise NotFoundError(f"no case study {case!r} is loaded; the cases are: "
                                f"{', '.join(cases) or 'none'}")

    kept: set[str] | None = None
    if walk:
        kept = _authority_reach(facts, entities, authority)

    concept_kinds = {c: _concept_kind(str(v[1])) for c, v in facts.concepts.items()
                     if v[1] is not None}
    rel_set, crel_set = set(proj.relations), set(proj.concept_relations)
    proj_kinds = set(proj.kinds)
    edges: list[tuple[str, str, str, set[str]]] = []
    for (s, p, o), graphs in facts.links.items():
        if s not in entities or facts.kinds[s] not in proj_kinds:
            continue
        if p in rel_set:
            if o not in entities or facts.kinds[o] not in proj_kinds:
                continue
        elif p in crel_set:
            if concept_kinds.get(o) not in proj.concept_kinds:
                continue
        else:
            continue
        if case_graphs is not None and not graphs & case_graphs:
            continue
        edges.append((s, p, o, graphs))

    def node_kind(n: str) -> str | None:
        return facts.kinds.get(n) if n in facts.kinds else concept_kinds.get(n)

    nodes: set[str] = set()
    if proj.keep_isolated:
        nodes = {n for n in entities if facts.kinds[n] in proj_kinds}
        if case_graphs is not None:
            nodes = {n for n in nodes if facts.graphs.get(n, set()) & case_graphs}
    for s, _, o, _ in edges:
        nodes.add(s)
        nodes.add(o)
    if kept is not None:
        linked = {o for s, p, o, _ in edges if p in crel_set and s in kept}
        nodes &= kept | linked
    nodes = {n for n in nodes if node_kind(n) in keep_kinds}
    edges = [e for e in edges if e[0] in nodes and e[2] in nodes]
    # concepts (and, in the context network, things) stay only while something links them
    used = {e[0] for e in edges} | {e[2] for e in edges}
    nodes = {n for n in nodes if n in used or (proj.keep_isolated and n in facts.kinds)}

    G = nx.MultiDiGraph(network=proj.name)
    if case is not None:
        G.graph["case"] = str(case)
    if authority is not None:
        G.graph["authority"] = str(authority)
    for n in sorted(nodes):
        if n in facts.kinds:
            G.add_node(n, **_entity_attrs(n, facts))
        else:
            G.add_node(n, **_concept_attrs(n, facts, concept_kinds[n]))
    relation = {p: _last(p) for p in {*proj.relations, *proj.concept_relations}}
    edges.sort(key=itemgetter(0, 1, 2))
    for s, p, o, graphs in edges:
        G.add_edge(s, o, key=relation[p], **_edge_attrs(relation[p], p, graphs, facts))
    return G


def _authority_reach(facts: _Facts, entities: set[str], authority: Any) -> set[str]:
    candidates = {n: _names(facts.attrs.get(n, {}), n) for n, k in facts.kinds.items()
                  if k == "LocalAuthority"}
    start = _match(candidates, str(authority), "local authority")
    adj: dict[str, list[tuple[str, str]]] = {}
    backbone = set(_BACKBONE)
    for (s, p, o) in facts.links:
        if p in backbone and s in entities and o in entities:
            rel = _last(p)
            adj.setdefault(s, []).append((o, rel))
            adj.setdefault(o, []).append((s, rel))
    reached = _reach(start, lambda n: adj.get(n, ()), facts.kinds.get)
    # Everything from a case study about something the authority reaches belongs to it too, so a
    # case about a shared partnership counts for each of its authorities.
    cases = {c for c, about in facts.about.items() if about & reached}
    if cases:
        graphs = {g for g, i in facts.info.items() if _CASE_PREFIX + i.case in cases
                  or i.case in cases}
        reached |= {n for n in entities if facts.graphs.get(n, set()) & graphs}
    return reached & (entities | {start})


def _names(attrs: Mapping[str, list[tuple[str, str | None]]], iri: str) -> tuple[str, list[str]]:
    labels = attrs.get("label")
    return (_best(labels) if labels else _last(iri)), [a for a, _ in attrs.get("altLabels", ())]


def _best(values: list[tuple[str, str | None]]) -> str:
    best = None
    for v in values:
        best = _pick(best, v)
    return best[0] if best is not None else ""


@dataclass(frozen=True)
class _Provenance:
    case: str
    section: str
    source: str
    text: str  # the tooltip's lines about sources


def _provenance(graphs: Collection[str], facts: _Facts) -> _Provenance:
    key = frozenset(graphs)
    found = facts.provenance.get(key)
    if found is None:
        found = facts.provenance[key] = _provenance_of(key, facts)
    return found


def _provenance_of(graphs: Collection[str], facts: _Facts) -> _Provenance:
    cases: dict[str, None] = {}
    sections: dict[str, None] = {}
    urls: dict[str, None] = {}
    for g in sorted(graphs):
        info = facts.info.get(g)
        if info is None:
            continue
        cases[info.case] = None
        sections[f"{info.source}#{info.section}"] = None
        if info.url:
            urls[info.url] = None
    text = "\n".join(["Sources: " + ", ".join(sections), *urls]) if sections else ""
    return _Provenance(" ".join(cases), " ".join(sections), " ".join(urls), text)


_DATES = {"startDate": "startDate", "endDate": "endDate", "established": "established",
          "startYear": "startDate", "year": "startDate", "endYear": "endDate"}
_CONCEPT_ATTRS = ("status", "sector", "serviceType", "roleType", "changeType")
_TITLE_FACTS = (("sector", "sector"), ("serviceType", "type"), ("roleType", "role"),
                ("changeType", "kind"), ("settingCount", "settings"),
                ("priorityCount", "priorities"), ("established", "established"),
                ("startDate", "from"), ("endDate", "to"))


def _entity_attrs(n: str, facts: _Facts) -> dict[str, Any]:
    attrs = facts.attrs.get(n, {})
    kind = facts.kinds[n]
    data: dict[str, Any] = {"label": _best(attrs["label"]) if "label" in attrs else _last(n),
                            "kind": kind, "iri": n}
    for key, values in attrs.items():
        if key == "altLabels":
            data[key] = "; ".join(sorted({v for v, _ in values}))
        elif key == "description":
            data[key] = _best(values)
        elif key in _INT_ATTRS:
            try:
                data[key] = int(values[0][0])
            except ValueError:
                data[key] = values[0][0]
        elif key in _CONCEPT_ATTRS:
            data[key] = "; ".join(sorted({_concept_label(v, facts) for v, _ in values}))
    for key, target in _DATES.items():  # exact dates first, then years
        if key in attrs and target not in data:
            data[target] = min(v for v, _ in attrs[key])
    prov = _provenance(facts.graphs.get(n, ()), facts)
    if prov.case:
        data["case"] = prov.case
        data["section"] = prov.section
    if prov.source:
        data["source"] = prov.source
    data["title"] = _node_title(data, prov.text)
    return data


def _concept_label(iri: str, facts: _Facts) -> str:
    found = facts.concepts.get(iri)
    return found[0][0] if found and found[0] is not None else _last(iri)


def _concept_attrs(n: str, facts: _Facts, kind: str) -> dict[str, Any]:
    data: dict[str, Any] = {"label": _concept_label(n, facts), "kind": kind, "iri": n,
                            "scheme": str(facts.concepts[n][1])}
    data["title"] = f"{data['label']}\n{KIND_LABELS.get(kind, kind)} (concept)\n{n}"
    return data


def _node_title(data: Mapping[str, Any], sources: str) -> str:
    kind = data["kind"]
    lines = [data["label"], KIND_LABELS.get(kind, kind) + (f", {data['status']}"
                                                          if "status" in data else "")]
    if "altLabels" in data:
        lines.append(f"Also called: {data['altLabels']}")
    if "description" in data:
        text = data["description"]
        lines.append(text if len(text) <= 300 else text[:299] + "…")
    facts = [f"{word}: {data[key]}" for key, word in _TITLE_FACTS if key in data]
    if facts:
        lines.append("; ".join(facts))
    if sources:
        lines.append(sources)
    lines.append(data["iri"])
    return "\n".join(lines)


def _edge_attrs(relation: str, predicate: str, graphs: set[str], facts: _Facts) -> dict[str, Any]:
    prov = _provenance(graphs, facts)
    data: dict[str, Any] = {"predicate": predicate, "relation": relation}
    if prov.case:
        data["case"] = prov.case
        data["section"] = prov.section
    if prov.source:
        data["source"] = prov.source
    return data


# --- the projections ----------------------------------------------------------------------------

def partnership_network(kg: KnowledgeGraph, *, authority: str | None = None,
                        case: str | None = None, kinds: Collection[str] | None = None,
                        since: int | str | dt.date | None = None,
                        until: int | str | dt.date | None = None) -> nx.MultiDiGraph:
    """The network of organisations and practice actors, and how they are linked.

    Parameters
    ----------
    kg : KnowledgeGraph
        The loaded data (embedded or remote).
    authority : str, optional
        A local authority's label, other name or IRI. Keeps what belongs to it: the things reachable
        from it without passing through another authority, a partner organisation or an accreditor
        (those are kept, not walked through, unless the partner delivers the authority's services),
        and everything from a case study about something it reaches.
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
        Nodes keyed by IRI, with ``label``, ``kind``, ``iri``, ``title``, ``case``, ``section``,
        ``source`` and, where known, ``altLabels``, ``description``, ``settingCount``, ``startDate``,
        ``endDate``, ``established``, ``status``, ``sector``, ``serviceType``, ``roleType``. Edges
        keyed by ``relation`` (``hasMember``, ``unitOf``, ``subOrganizationOf``, ``postIn``,
        ``heldWithin``, ``leads``, ``oversees``, ``deliversFor``, ``ledBy``, ``accreditedBy``,
        ``partOf``, ``inArea``, ``inSetting``) with ``predicate``, ``case``, ``section`` and
        ``source``.

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
    return _build(kg, _PARTNERSHIP, authority=authority, case=case, kinds=kinds, since=since,
                  until=until)


def strategy_network(kg: KnowledgeGraph, *, authority: str | None = None, case: str | None = None,
                     kinds: Collection[str] | None = None,
                     since: int | str | dt.date | None = None,
                     until: int | str | dt.date | None = None) -> nx.MultiDiGraph:
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
    return _build(kg, _STRATEGY, authority=authority, case=case, kinds=kinds, since=since,
                  until=until)


def context_network(kg: KnowledgeGraph, *, authority: str | None = None, case: str | None = None,
                    kinds: Collection[str] | None = None,
                    since: int | str | dt.date | None = None,
                    until: int | str | dt.date | None = None) -> nx.MultiDiGraph:
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
    return _build(kg, _CONTEXT, authority=authority, case=case, kinds=kinds, since=since,
                  until=until)


# --- working on the graphs ----------------------------------------------------------------------

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
    return ids[_match(candidates, str(name), what)]


def authority_nodes(G: nx.Graph, authority: Hashable) -> set[Hashable]:
    """The nodes of ``G`` that belong to an authority (a node, label or other name).

    Walks the links from the authority in either direction, keeping but not walking through other
    authorities, partner organisations, accreditors and concepts, so a partner shared by two
    authorities does not pull one's network into the other's; a partner that delivers the
    authority's services (``deliversFor``) is walked through.

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
    concept_kinds = {"Approach", "Context", "Harm"}

    def kind(n: Hashable) -> str | None:
        data = G.nodes[n]
        if "scheme" in data or data.get("kind") in concept_kinds:
            return None
        return str(data.get("kind", ""))

    def neighbours(n: Hashable) -> Iterable[tuple[Hashable, str]]:
        for u, v, data in _all_edges(G, n):
            yield (v if u == n else u), str(data.get("relation", ""))

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

    Follows priorities, aims, the changes and pilots that respond to them, what they changed, who
    leads them and their members, posts, roll-outs, settings, parts, accreditors and contexts, in
    the direction strategy to practice (as :func:`csgraph.tracing.trace` does). ``start`` is a node or
    a label.

    >>> import csgraph
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


# --- analyses -----------------------------------------------------------------------------------

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

    A partner belongs to an authority when :func:`authority_nodes` reaches it. Sorted by the number
    of authorities, most first.

    >>> import csgraph
    >>> G = partnership_network(csgraph.load(bundled=True))
    >>> "Achieving for Children" in [p.label for p in shared_partners(G)]
    True
    """
    owners: dict[Hashable, list[Hashable]] = {}
    for la in sorted((n for n, k in G.nodes(data="kind") if k == "LocalAuthority"), key=str):
        for n in authority_nodes(G, la):
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
    """Compare two authorities' parts of one network (see :func:`authority_nodes`).

    >>> import csgraph
    >>> G = partnership_network(csgraph.load(bundled=True))
    >>> c = compare_authorities(G, "Kingston", "Richmond")
    >>> "https://w3id.org/csgraph/id/kr-afc" in c.shared
    True
    """
    return compare(authority_subgraph(G, first), authority_subgraph(G, second))


# --- exports ------------------------------------------------------------------------------------

def _safe_value(value: Any) -> Any:
    if isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (list, tuple, set, frozenset)):
        return "; ".join(str(v) for v in value)
    return str(value)


def graphml_safe(G: nx.Graph) -> nx.Graph:
    """A copy of ``G`` whose attributes are all strings, numbers or booleans (None left out).

    GraphML, GEXF and JSON take such attributes as they are; lists become ``"; "``-joined text.

    >>> G = nx.Graph(); G.add_node(1, tags=["a", "b"], gone=None)
    >>> dict(graphml_safe(G).nodes[1])
    {'tags': 'a; b'}
    """
    H = G.__class__()
    H.graph.update({k: _safe_value(v) for k, v in G.graph.items() if v is not None})
    H.add_nodes_from((n, {k: _safe_value(v) for k, v in d.items() if v is not None})
                     for n, d in G.nodes(data=True))
    if G.is_multigraph():
        H.add_edges_from((u, v, k, {a: _safe_value(x) for a, x in d.items() if x is not None})
                         for u, v, k, d in G.edges(keys=True, data=True))
    else:
        H.add_edges_from((u, v, {a: _safe_value(x) for a, x in d.items() if x is not None})
                         for u, v, d in G.edges(data=True))
    return H


def write_graphml(G: nx.Graph, path: str | os.PathLike) -> Path:
    """Write ``G`` as GraphML.

    Read it back with ``networkx.read_graphml(path, edge_key_type=str, force_multigraph=True)``
    (without ``force_multigraph`` networkx returns a simple graph when no two links are parallel).

    >>> import tempfile
    >>> G = nx.MultiDiGraph(); G.add_edge("a", "b", "hasMember", source="x")
    'hasMember'
    >>> with tempfile.TemporaryDirectory() as d:
    ...     path = write_graphml(G, f"{d}/g.graphml")
    ...     H = nx.read_graphml(path, edge_key_type=str, force_multigraph=True)
    >>> list(H.edges(keys=True, data="source"))
    [('a', 'b', 'hasMember', 'x')]
    """
    path = Path(path)
    nx.write_graphml(graphml_safe(G), path, named_key_ids=True)
    return path


def write_gexf(G: nx.Graph, path: str | os.PathLike) -> Path:
    """Write ``G`` as GEXF 1.2 (for Gephi); read it back with ``networkx.read_gexf(path)``."""
    path = Path(path)
    nx.write_gexf(graphml_safe(G), path)
    return path


#: The keys :func:`write_json` gives each link's ends (edges keep a ``source`` attribute of their own).
JSON_LINK_KEYS = {"edges": "edges", "source": "from", "target": "to"}


def write_json(G: nx.Graph, path: str | os.PathLike) -> Path:
    """Write ``G`` as node-link JSON, with each link's ends under ``from`` and ``to``.

    Read it back with ``networkx.node_link_graph(data, **JSON_LINK_KEYS)``, that is
    ``edges="edges", source="from", target="to"``: the links' own ``source`` attribute (web
    addresses) would otherwise clash with networkx's default name for a link's first end.

    >>> import tempfile
    >>> G = nx.MultiDiGraph(); _ = G.add_edge("a", "b", "unitOf", source="https://example.org")
    >>> with tempfile.TemporaryDirectory() as d:
    ...     data = json.loads(write_json(G, f"{d}/g.json").read_text())
    >>> list(nx.node_link_graph(data, **JSON_LINK_KEYS).edges(keys=True, data="source"))
    [('a', 'b', 'unitOf', 'https://example.org')]
    """
    path = Path(path)
    data = nx.node_link_data(graphml_safe(G), **JSON_LINK_KEYS)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_CSV_RENAME = {"source": "source_url", "target": "target_attr", "source_label": "source_label_attr",
               "target_label": "target_label_attr"}


def _cell(value: Any) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def write_csv(G: nx.Graph, path: str | os.PathLike) -> Path:
    """Write the edges of ``G`` as CSV: one row per edge with its ends' labels and its attributes.

    Columns: ``source``, ``target``, ``source_label``, ``target_label``, ``relation``, then every
    other edge attribute (the ``source`` attribute, the web addresses, as ``source_url``). A cell
    that starts with ``=``, ``+``, ``-`` or ``@`` is prefixed with ``'``
    so a spreadsheet does not run it as a formula.

    >>> import tempfile
    >>> G = nx.MultiDiGraph(); _ = G.add_edge("a", "b", "x", note="=1+1")
    >>> with tempfile.TemporaryDirectory() as d:
    ...     print(write_csv(G, f"{d}/e.csv").read_text().splitlines()[1])
    a,b,a,b,x,'=1+1
    """
    path = Path(path)
    rows = []
    extra: dict[str, None] = {}
    if G.is_multigraph():
        items = ((u, v, d.get("relation", k), d) for u, v, k, d in G.edges(keys=True, data=True))
    else:
        items = ((u, v, d.get("relation", ""), d) for u, v, d in G.edges(data=True))
    for u, v, rel, d in items:
        rows.append((u, v, rel, d))
        for key in d:
            if key not in ("relation", "title"):
                extra.setdefault(key)
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["source", "target", "source_label", "target_label", "relation",
                    *(_CSV_RENAME.get(k, k) for k in extra)])
        for u, v, rel, d in rows:
            w.writerow([_cell(x) for x in (u, v, G.nodes[u].get("label", u), G.nodes[v].get("label", v),
                                           rel, *(_safe_value(d[k]) if k in d else "" for k in extra))])
    return path
