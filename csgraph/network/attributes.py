"""The attributes of nodes and edges: labels, kinds, dates, counts, sources and a plain-text tooltip.

Every value is a string or a number, so the graphs export to GraphML, GEXF, JSON and CSV as they are.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from ..relations import RELATIONS
from .facts import Facts, best, last_name

__all__ = ["concept_attrs", "concept_label", "edge_attrs", "entity_attrs"]

_INT_ATTRS = ("settingCount", "priorityCount")
_WORDING = {str(r.predicate): r.forward for r in RELATIONS}
_DATES = {"startDate": "startDate", "endDate": "endDate", "established": "established",
          "startYear": "startDate", "year": "startDate", "endYear": "endDate"}
_CONCEPT_ATTRS = ("status", "sector", "serviceType", "roleType", "changeType")
_TITLE_FACTS = (("sector", "sector"), ("serviceType", "type"), ("roleType", "role"),
                ("changeType", "kind"), ("settingCount", "settings"),
                ("priorityCount", "priorities"), ("established", "established"),
                ("startDate", "from"), ("endDate", "to"))


@dataclass(frozen=True)
class _Provenance:
    case: str
    section: str
    source: str
    text: str  # the tooltip's lines about sources


def _provenance(graphs: Collection[str], facts: Facts) -> _Provenance:
    key = frozenset(graphs)
    found = facts.provenance.get(key)
    if found is None:
        found = facts.provenance[key] = _provenance_of(key, facts)
    return found


def _provenance_of(graphs: Collection[str], facts: Facts) -> _Provenance:
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


def entity_attrs(n: str, facts: Facts) -> dict[str, Any]:
    """A thing's node attributes."""
    attrs = facts.attrs.get(n, {})
    data: dict[str, Any] = {"label": best(attrs["label"]) if "label" in attrs else last_name(n),
                            "kind": facts.kinds[n], "iri": n}
    if n in facts.other_kinds:
        data["otherKinds"] = " ".join(facts.other_kinds[n])
    for key, values in attrs.items():
        if key == "altLabels":
            data[key] = "; ".join(sorted({v for v, _ in values}))
        elif key == "description":
            data[key] = best(values)
        elif key in _INT_ATTRS:
            try:
                data[key] = int(values[0][0])
            except ValueError:
                data[key] = values[0][0]
        elif key in _CONCEPT_ATTRS:
            data[key] = "; ".join(sorted({concept_label(v, facts) for v, _ in values}))
    for key, target in _DATES.items():  # exact dates first, then years
        if key in attrs and target not in data:
            data[target] = min(v for v, _ in attrs[key])
    prov = _provenance(facts.graphs.get(n, ()), facts)
    if prov.case:
        data["case"] = prov.case
        data["section"] = prov.section
    if prov.source:
        data["source"] = prov.source
    data["title"] = _node_title(data, prov.text, facts.kind_labels)
    return data


def concept_label(iri: str, facts: Facts) -> str:
    """A concept's preferred label (its IRI's last segment when it has none)."""
    found = facts.concepts.get(iri)
    return found[0][0] if found and found[0] is not None else last_name(iri)


def concept_attrs(n: str, facts: Facts, kind: str) -> dict[str, Any]:
    """A concept's node attributes."""
    data: dict[str, Any] = {"label": concept_label(n, facts), "kind": kind, "iri": n,
                            "scheme": str(facts.concepts[n][1])}
    data["title"] = f"{data['label']}\none of the {facts.kind_labels.get(kind, kind)}\n{n}"
    return data


def _node_title(data: Mapping[str, Any], sources: str, labels: Mapping[str, str]) -> str:
    kind = data["kind"]
    lines = [data["label"], labels.get(kind, kind) + (f", {data['status']}" if "status" in data else "")]
    if "altLabels" in data:
        lines.append(f"Also called: {data['altLabels']}")
    if "description" in data:
        text = data["description"]
        lines.append(text if len(text) <= 300 else text[:299] + "…")
    found = [f"{word}: {data[key]}" for key, word in _TITLE_FACTS if key in data]
    if found:
        lines.append("; ".join(found))
    if sources:
        lines.append(sources)
    lines.append(data["iri"])
    return "\n".join(lines)


def edge_attrs(relation: str, predicate: str, graphs: set[str], facts: Facts) -> dict[str, Any]:
    """An edge's attributes: its predicate, relation and wording (``label``, from
    :mod:`csgraph.relations`), and the case, section and source of the graphs that state it."""
    prov = _provenance(graphs, facts)
    data: dict[str, Any] = {"predicate": predicate, "relation": relation}
    wording = _WORDING.get(predicate)
    if wording is not None:
        data["label"] = wording
    if prov.case:
        data["case"] = prov.case
        data["section"] = prov.section
    if prov.source:
        data["source"] = prov.source
    return data
