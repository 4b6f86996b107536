"""Trace a strategy to practice, and practice back to the strategies that mandate it.

The forward chain runs strategy -> priority or aim -> change or pilot -> the service, partnership or
post leading it -> partners and members -> roll-outs, settings and counts -> contexts and harms, with
the training, accreditors, reviews, challenges and mechanisms attached along the way. Every link
carries the source and section that support it.

>>> t = trace(kg, "early help")
>>> t.root.label
'Early Help and Prevention Strategic Plan'
>>> "Restorative Justice Council" in t.to_text()
True
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from rdflib import RDF, RDFS, Literal, URIRef

from .errors import AmbiguousError, NotFoundError
from .kg import KnowledgeGraph
from .namespace import CS, is_absolute_iri
from .querycheck import trust
from .relations import Relation, towards_practice
from .vocabulary import label

__all__ = ["Evidence", "Step", "Trace", "gaps", "resolve", "trace", "trace_back"]

_CS = str(CS._NS)
_RDF_TYPE = str(RDF.type)
_LABEL = str(RDFS.label)

# The relations a trace walks, in the order they print in: those with a direction from strategy
# towards practice whose object is a thing (concept values show as attributes instead).
_WALKED: tuple[Relation, ...] = tuple(r for r in towards_practice() if not r.concept)
# Attributes shown on a step's line: predicate -> wording.
_ATTRS = {str(p): w for p, w in (
    (CS.startYear, "from"), (CS.endYear, "to"), (CS.status, "status"),
    (CS.settingCount, "settings"), (CS.settingType, "setting type"),
    (CS.approach, "approach"), (CS.usesApproach, "approaches"), (CS.expertise, "expertise"),
    (CS.sector, "sector"), (CS.serviceType, "type"), (CS.roleType, "role"),
    (CS.changeType, "kind"), (CS.challengeType, "kind"), (CS.mechanismType, "kind"),
    (CS.targetsContext, "contexts"), (CS.inContext, "contexts"), (CS.addressesHarm, "harms"),
    (CS.involves, "involves"), (CS.audience, "for"), (CS.outcomeFor, "for"),
    (CS.startDate, "start"), (CS.endDate, "end"), (CS.year, "year"),
    (CS.topic, "topic"), (CS.qualityMark, "quality mark"), (CS.priorityCount, "priorities"),
    (CS.ownedBy, "owned by"),
)}

# Forward: follow each relation the way practice lies; back: the other way.
_PATH = "|".join(("" if r.direction == "forward" else "^") + f"<{r.predicate}>" for r in _WALKED)
_BACK_PATH = "|".join(("^" if r.direction == "forward" else "") + f"<{r.predicate}>" for r in _WALKED)

_NEIGHBOURHOOD = """
SELECT DISTINCT ?root ?node ?p ?o ?olabel ?url ?copy ?section ?case ?title ?publisher WHERE {
  ?root (%s)* ?node .
  GRAPH ?g { ?node ?p ?o }
  OPTIONAL { ?o rdfs:label ?ol0 }
  OPTIONAL { ?o skos:prefLabel ?ol1 }
  BIND(COALESCE(?ol0, ?ol1) AS ?olabel)
  OPTIONAL { ?g prov:hadPrimarySource ?src .
             ?g cs:section ?s . ?s skos:prefLabel ?section .
             ?g dct:isPartOf ?c . ?c dct:title ?case
             OPTIONAL { ?src dct:title ?title } OPTIONAL { ?src dct:publisher ?publisher }
             OPTIONAL { ?src cs:url ?url } OPTIONAL { ?src cs:mirror ?copy } }
}
"""

_RESOLVE = """
SELECT DISTINCT ?thing ?label ?kind ?text WHERE {
  ?thing a ?k ; rdfs:label ?label .
  ?k rdfs:label ?kind .
  FILTER(STRSTARTS(STR(?k), STR(cs:)))
  OPTIONAL { ?thing skos:altLabel ?alt }
  FILTER(CONTAINS(LCASE(STR(?label)), LCASE(STR(?text)))
         || (BOUND(?alt) && CONTAINS(LCASE(STR(?alt)), LCASE(STR(?text)))))
}
ORDER BY ?label
"""


@dataclass(frozen=True)
class Evidence:
    """Where a link comes from: the case study, the source document's address and section, and the
    document's own title and publisher where the data gives them.

    ``url`` is the publisher's address of the document; where the data gives none, the address of a copy
    kept elsewhere (``mirror`` is then True, and the text says so).

    >>> print(Evidence("A case", "https://example.org/copy", "vision", "A report", "A council", mirror=True))
    A report, A council, vision: https://example.org/copy (a copy; the publisher's address is not known)
    """

    case: str
    url: str
    section: str
    title: str = ""
    publisher: str = ""
    mirror: bool = False

    @property
    def document(self) -> str:
        """The document's title and publisher (the case study's title where the data gives no title)."""
        return ", ".join(x for x in (self.title or self.case, self.publisher) if x)

    def __str__(self) -> str:
        copy = " (a copy; the publisher's address is not known)" if self.mirror else ""
        return f"{self.document}, {self.section}: {self.url}{copy}"


@dataclass(frozen=True)
class Step:
    """One node of a trace, reached from its parent by ``relation``, with the evidence for that link."""

    iri: str
    label: str
    kind: str
    relation: str
    evidence: tuple[Evidence, ...] = ()
    attributes: tuple[tuple[str, str], ...] = ()
    children: tuple[Step, ...] = ()
    repeated: bool = False

    def walk(self):
        """This step and every step below it, depth first."""
        yield self
        for child in self.children:
            yield from child.walk()

    def as_dict(self) -> dict[str, Any]:
        return {"iri": self.iri, "label": self.label, "kind": self.kind, "relation": self.relation,
                "evidence": [e.__dict__ for e in self.evidence],
                "attributes": [{"name": k, "value": v} for k, v in self.attributes],
                "repeated": self.repeated, "children": [c.as_dict() for c in self.children]}


@dataclass(frozen=True)
class Trace:
    """A trace: its root step (a strategy, or for a reverse trace the thing traced back), and direction."""

    root: Step
    reverse: bool = False
    sources: tuple[Evidence, ...] = field(default_factory=tuple)

    @property
    def nodes(self) -> list[str]:
        """IRIs of every thing on the trace (for highlighting in a network)."""
        return list(dict.fromkeys(s.iri for s in self.root.walk()))

    @property
    def edges(self) -> list[tuple[str, str]]:
        """(parent, child) IRI pairs along the trace."""
        out = []

        def visit(step: Step) -> None:
            for c in step.children:
                out.append((step.iri, c.iri))
                visit(c)

        visit(self.root)
        return out

    def to_json(self, *, indent: int | None = 2) -> str:
        return json.dumps({"reverse": self.reverse, "root": self.root.as_dict(),
                           "sources": [e.__dict__ for e in self.sources]}, indent=indent,
                          ensure_ascii=False)

    def to_text(self) -> str:
        """An indented chain with numbered source references, ready to paste into a report."""
        refs: dict[Evidence, int] = {}
        for e in self.sources:
            refs.setdefault(e, len(refs) + 1)
        lines: list[str] = []

        def cite(step: Step) -> str:
            nums = sorted({refs.setdefault(e, len(refs) + 1) for e in step.evidence})
            return f"  [{', '.join(map(str, nums))}]" if nums else "  [no source]"

        def line(step: Step, prefix: str, connector: str, top: bool) -> None:
            attrs = "; ".join(f"{k}: {v}" for k, v in step.attributes)
            head = step.label if top else f"{step.relation}: {step.label}"
            text = f"{head} ({step.kind})" + (f" - {attrs}" if attrs else "")
            if step.repeated:
                text += " (see above)"
            lines.append(prefix + connector + text + ("" if top else cite(step)))

        def visit(step: Step, prefix: str) -> None:
            for i, child in enumerate(step.children):
                last = i == len(step.children) - 1
                line(child, prefix, "└─ " if last else "├─ ", False)
                visit(child, prefix + ("   " if last else "│  "))

        title = "Trace back from" if self.reverse else "Trace from"
        lines.append(f"{title}: " + "")
        line(self.root, "", "", True)
        lines[-1] = lines[0] + lines[-1]
        lines.pop(0)
        if self.root.evidence:
            lines[-1] += cite(self.root)
        visit(self.root, "")
        lines.append("")
        lines.append("Sources:")
        for e, n in sorted(refs.items(), key=lambda kv: kv[1]):
            lines.append(f"  [{n}] {e}")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.to_text()


def resolve(kg: KnowledgeGraph, label_or_iri: str | URIRef, *, kinds: tuple[str, ...] = ()) -> URIRef:
    """The one thing whose IRI is given, or whose label or other name contains the text.

    ``kinds`` (class labels such as ``"strategy or plan"``) narrows the match. Raises
    :class:`NotFoundError` for no match and :class:`AmbiguousError` (with candidates) for several.

    Examples
    --------
    >>> resolve(kg, "restorative now")
    rdflib.term.URIRef('https://w3id.org/csgraph/id/restorative-now')
    """
    text = str(label_or_iri)
    if text.startswith(("http://", "https://", "urn:")):
        if not is_absolute_iri(text):
            raise NotFoundError(f"{text!r} is not an IRI (it has a space, <, >, quote or brace); give the "
                                "IRI or part of the name")
        if not kg.select("SELECT ?thing WHERE { ?thing ?p ?o } LIMIT 1", {"thing": URIRef(text)}):
            raise NotFoundError(f"nothing in the data has the IRI {text}")
        return URIRef(text)
    rows = kg.select(trust(_RESOLVE), {"text": Literal(text)}, name="resolve")
    found: dict[str, tuple[str, str]] = {}
    for r in rows:
        if kinds and str(r["kind"]) not in kinds:
            continue
        found.setdefault(str(r["thing"]), (str(r["label"]), str(r["kind"])))
    exact = {k: v for k, v in found.items() if v[0].lower() == text.lower()}
    if len(exact) == 1:
        found = exact
    what = " or ".join(kinds) if kinds else "thing"
    if not found:
        raise NotFoundError(f"no {what} has a name containing {text!r}; try a shorter part of the "
                            "name, or `csgraph query find --param text=...`")
    if len(found) > 1:
        listing = "; ".join(f"{lab} ({kind}) <{iri}>" for iri, (lab, kind) in sorted(found.items()))
        raise AmbiguousError(f"{len(found)} things match {text!r}: {listing}. Give more of the name "
                             "or the IRI.", [(iri, lab) for iri, (lab, _) in found.items()])
    return URIRef(next(iter(found)))


class _Facts:
    """The quads around a root, indexed for walking."""

    def __init__(self, rows) -> None:
        self.out: dict[str, list[tuple[str, Any, str | None]]] = {}
        self.evidence: dict[tuple[str, str, str], set[Evidence]] = {}
        self.labels: dict[str, str] = {}
        for r in rows:
            node, p, o = str(r["node"]), str(r["p"]), r["o"]
            olabel = r["olabel"]
            self.out.setdefault(node, []).append((p, o, str(olabel) if olabel is not None else None))
            if olabel is not None and isinstance(o, URIRef):
                self.labels.setdefault(str(o), str(olabel))
            if p == _LABEL:
                self.labels[node] = str(o)
            address = r["url"] if r["url"] is not None else r["copy"]  # the publisher's, else a copy's
            if address is not None:
                self.evidence.setdefault((node, p, str(o)), set()).add(
                    Evidence(str(r["case"]), str(address), str(r["section"]),
                             _text(r["title"]), _text(r["publisher"]), r["url"] is None))
        self.incoming: dict[str, list[tuple[str, str]]] = {}
        for node, facts in self.out.items():
            for p, o, _ in facts:
                if isinstance(o, URIRef):
                    self.incoming.setdefault(str(o), []).append((p, node))

    def kind(self, node: str) -> str:
        for p, o, olabel in self.out.get(node, []):
            if p == _RDF_TYPE and str(o).startswith(_CS):
                return olabel or str(o)[len(_CS):]
        return "thing"

    def attributes(self, node: str) -> tuple[tuple[str, str], ...]:
        found: dict[str, list[str]] = {}
        for p, o, olabel in self.out.get(node, []):
            if p in _ATTRS:
                value = olabel or (str(o) if isinstance(o, Literal) else str(o).rsplit("/", 1)[-1])
                found.setdefault(_ATTRS[p], [])
                if value not in found[_ATTRS[p]]:
                    found[_ATTRS[p]].append(value)
        order = list(dict.fromkeys(_ATTRS.values()))
        return tuple((k, ", ".join(sorted(found[k]))) for k in order if k in found)

    def node_evidence(self, node: str) -> tuple[Evidence, ...]:
        ev = self.evidence.get((node, _RDF_TYPE, next(
            (str(o) for p, o, _ in self.out.get(node, []) if p == _RDF_TYPE and str(o).startswith(_CS)),
            "")), set())
        return tuple(sorted(ev, key=str))


def _walk(facts: _Facts, root: str, reverse: bool) -> Step:
    seen: set[str] = set()

    def step(node: str, relation: str, evidence: tuple[Evidence, ...]) -> Step:
        repeated = node in seen
        seen.add(node)
        children: list[Step] = []
        if not repeated:
            for rel in _WALKED:
                pred = str(rel.predicate)
                # Forward, practice lies at the object's end of a "forward" relation; back, the other.
                going_out = (rel.direction == "forward") != reverse
                if going_out:
                    targets = [(str(o), (node, pred, str(o))) for p, o, _ in facts.out.get(node, [])
                               if p == pred and isinstance(o, URIRef)]
                else:
                    targets = [(s, (s, pred, node)) for p, s in facts.incoming.get(node, [])
                               if p == pred]
                word = rel.wording(from_subject=going_out)
                for target, key in sorted(targets, key=lambda t: facts.labels.get(t[0], t[0])):
                    if target not in facts.out:
                        continue
                    ev = tuple(sorted(facts.evidence.get(key, set()), key=str))
                    children.append(step(target, word, ev))
        return Step(iri=node, label=facts.labels.get(node, node), kind=facts.kind(node),
                    relation=relation, evidence=evidence, attributes=facts.attributes(node),
                    children=tuple(children), repeated=repeated)

    return step(root, "", facts.node_evidence(root))


def _sources(root: Step) -> tuple[Evidence, ...]:
    found: dict[Evidence, None] = {}
    for s in root.walk():
        for e in s.evidence:
            found.setdefault(e)
    return tuple(found)


def trace(kg: KnowledgeGraph, strategy: str | URIRef) -> Trace:
    """Trace a strategy (its IRI, or part of its name, any case) forward to practice.

    Raises :class:`~csgraph.errors.NotFoundError` or :class:`~csgraph.errors.AmbiguousError` when the
    name matches no strategy or several.

    Examples
    --------
    >>> t = trace(kg, "Early Help")
    >>> [s.label for s in t.root.children]
    ['Introducing Contextual Safeguarding']
    """
    root = resolve(kg, strategy, kinds=(label(CS.Strategy),))
    rows = kg.select(trust(_NEIGHBOURHOOD % _PATH), {"root": root}, name="trace")
    facts = _Facts(rows)
    step = _walk(facts, str(root), reverse=False)
    return Trace(step, False, _sources(step))


def trace_back(kg: KnowledgeGraph, thing: str | URIRef) -> Trace:
    """Trace a setting, partner, service or piece of practice back to the strategies that mandate it.

    Examples
    --------
    >>> t = trace_back(kg, "Restorative Now")
    >>> sorted({s.label for s in t.root.walk() if s.kind == "strategy or plan"})
    ['Child Exploitation Strategy', 'Early Help and Prevention Strategic Plan']
    """
    root = resolve(kg, thing)
    rows = kg.select(trust(_NEIGHBOURHOOD % _BACK_PATH), {"root": root}, name="trace-back")
    facts = _Facts(rows)
    full = _walk(facts, str(root), reverse=True)
    return Trace(_prune_to_strategies(full) or full, True, _sources(full))


def _prune_to_strategies(step: Step) -> Step | None:
    """Keep only the branches that end at a strategy."""
    if step.kind == label(CS.Strategy):
        return Step(step.iri, step.label, step.kind, step.relation, step.evidence, step.attributes,
                    (), step.repeated)
    kept = tuple(c for c in (_prune_to_strategies(c) for c in step.children) if c is not None)
    if not kept:
        return None
    return Step(step.iri, step.label, step.kind, step.relation, step.evidence, step.attributes,
                kept, step.repeated)


def gaps(kg: KnowledgeGraph) -> dict[str, Any]:
    """The four gap reports: priorities without practice, pilots without roll-out, practice without a
    mandate, and links without a source (each a :class:`~csgraph.results.Results`).

    Examples
    --------
    >>> g = gaps(kg)
    >>> [str(r["gap"]) for r in g["pilots-without-rollout"] if "schools pilot" in str(r["pilotLabel"])]
    ['roll-out planned only']
    """
    from .catalogue import query

    return {name: query(kg, f"gap-{name}") for name in
            ("priorities-without-practice", "pilots-without-rollout",
             "practice-without-mandate", "unsourced-links")}


def _text(term) -> str:
    return "" if term is None else str(term)
