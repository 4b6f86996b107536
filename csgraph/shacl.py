"""SHACL shapes run as SPARQL queries on the knowledge graph's own store.

pyshacl copies every quad into an rdflib graph and walks it in Python, which takes minutes for a
national data set. The shapes csgraph ships use a small part of SHACL Core (class targets, property
shapes on predicate paths, and the count, value-type, value-range, string and shape-based
constraints), and each such constraint is one SPARQL pattern. This module reads the shapes graph,
turns every constraint into a query that returns the focus nodes (and value nodes) that break it, and
runs them on the embedded store or a remote endpoint. The results are the ones pyshacl reports: one per
focus node for a count or ``sh:hasValue``, one per value node for the others (tests compare the two on
every example).

``sh:or`` is compiled in the two forms the shapes use: on a property shape, a list of shapes that each
give only ``sh:datatype`` (a value of any of those datatypes); on a node shape, a list of property shapes
on single predicates that each give only ``sh:minCount 1`` or ``sh:hasValue`` (a key that may be
written "not stated"). A shapes graph that uses a feature outside that part (another ``sh:or``,
``sh:sparql``, other targets ...) is reported by :func:`compile_shapes` as unsupported, and validation
falls back to pyshacl.

>>> import csgraph
>>> from csgraph.resources import shapes_file
>>> shapes = compile_shapes(shapes_file())
>>> shapes.supported, len(shapes.checks) > 100
(True, True)
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox
from rdflib.namespace import RDF, RDFS, SH, XSD

from .querycheck import trust

__all__ = ["Check", "CompiledShapes", "Violation", "compile_shapes", "run_checks"]

_SH = str(SH)
# constraint parameters of SHACL Core this module compiles, and the ones that only carry text
_COMPILED = {"minCount", "maxCount", "datatype", "nodeKind", "class", "in", "node", "hasValue", "pattern",
             "flags", "or"}
_IGNORED = {"name", "description", "order", "message", "severity", "group", "defaultValue", "path",
            "property", "targetClass", "deactivated"}
_NODE_KINDS = {
    "IRI": "isIRI(?v)",
    "BlankNode": "isBlank(?v)",
    "Literal": "isLiteral(?v)",
    "BlankNodeOrIRI": "(isBlank(?v) || isIRI(?v))",
    "BlankNodeOrLiteral": "(isBlank(?v) || isLiteral(?v))",
    "IRIOrLiteral": "(isIRI(?v) || isLiteral(?v))",
}
# datatypes whose lexical forms can be ill-formed: such a literal breaks sh:datatype (as in pyshacl)
_CHECKED_FORMS = {str(XSD[t]) for t in ("integer", "decimal", "double", "float", "boolean", "date",
                                        "dateTime", "gYear", "gYearMonth", "nonNegativeInteger",
                                        "positiveInteger", "anyURI")}


@dataclass(frozen=True)
class Check:
    """One compiled constraint: the query that finds what breaks it, and how to report it."""

    shape: str          # the node shape the constraint belongs to (reported as the check)
    path: str           # the property path's IRI ("" for a node-level constraint)
    message: str
    severity: str
    component: str      # the SHACL constraint component, for example "MinCount"
    sparql: str         # SELECT ?f ?v: focus node and value node (?v unbound for counts)
    datatype: str = ""  # for sh:datatype on a datatype with checked lexical forms


@dataclass(frozen=True)
class Violation:
    """A focus node that breaks a check (``value`` is None for counts and hasValue)."""

    check: Check
    focus: str
    value: str | None


@dataclass(frozen=True)
class CompiledShapes:
    """The checks of a shapes file, or ``supported=False`` with the reason."""

    checks: tuple[Check, ...] = ()
    supported: bool = True
    reason: str = ""
    shape_labels: dict = field(default_factory=dict)


class _Unsupported(Exception):
    pass


def _iri(term: ox.NamedNode) -> str:
    return f"<{term.value}>"


def _literal(term: ox.Literal) -> str:
    return str(term)  # Oxigraph writes a literal in N-Triples form, which SPARQL reads


def _term(term) -> str:
    if isinstance(term, ox.NamedNode):
        return _iri(term)
    if isinstance(term, ox.Literal):
        return _literal(term)
    raise _Unsupported("a blank node as a constraint value")


class _Shapes:
    """The shapes graph in an Oxigraph store, with small readers."""

    def __init__(self, path: Path) -> None:
        self.store = ox.Store()
        self.store.load(path=str(path), format=ox.RdfFormat.TURTLE)

    def objects(self, subject, name: str) -> list:
        return [q.object for q in self.store.quads_for_pattern(subject, ox.NamedNode(_SH + name), None)]

    def one(self, subject, name: str):
        values = self.objects(subject, name)
        return values[0] if values else None

    def keys(self, subject) -> set[str]:
        return {q.predicate.value[len(_SH):] for q in self.store.quads_for_pattern(subject, None, None)
                if q.predicate.value.startswith(_SH)}

    def items(self, head) -> list:
        out = []
        nil = ox.NamedNode(str(RDF.nil))
        while head != nil:
            first = [q.object for q in self.store.quads_for_pattern(head, ox.NamedNode(str(RDF.first)), None)]
            rest = [q.object for q in self.store.quads_for_pattern(head, ox.NamedNode(str(RDF.rest)), None)]
            if len(first) != 1 or len(rest) != 1:
                raise _Unsupported("a malformed RDF list")
            out.append(first[0])
            head = rest[0]
        return out

    def node_shapes(self) -> list:
        kind = ox.NamedNode(_SH + "NodeShape")
        return sorted({q.subject for q in self.store.quads_for_pattern(None, ox.NamedNode(str(RDF.type)), kind)},
                      key=str)


def _severity(shapes: _Shapes, node) -> str:
    sev = shapes.one(node, "severity")
    return sev.value.rsplit("#", 1)[-1].lower() if sev is not None else "violation"


def _failing_node(shapes: _Shapes, shape, seen: tuple = ()) -> list[str]:
    """Patterns that bind ?v when ?v does NOT conform to ``shape`` (for sh:node); ``?v`` comes from
    an enclosing pattern given at the place of ``{values}``."""
    if shape in seen:
        raise _Unsupported("a recursive sh:node")
    unknown = shapes.keys(shape) - _IGNORED - {"closed", "ignoredProperties"} - {"property"}
    if unknown or shapes.one(shape, "closed") is not None:
        raise _Unsupported(f"sh:node shape {shape} with {sorted(unknown) or ['sh:closed']}")
    patterns = []
    for prop in shapes.objects(shape, "property"):
        path = _path(shapes, prop)
        for check in _property_checks(shapes, prop, path, "{values}", "", "", (*seen, shape),
                                      focus_var="?v", value_var="?w"):
            patterns.append(check)
    return patterns


def _path(shapes: _Shapes, prop) -> str:
    path = shapes.one(prop, "path")
    if not isinstance(path, ox.NamedNode):
        raise _Unsupported("a property path other than a single predicate")
    return _iri(path)


def _property_checks(shapes: _Shapes, prop, path: str, focus: str, shape: str, message: str,
                     seen: tuple = (), *, focus_var: str = "?f", value_var: str = "?v"):
    """The constraints of one property shape as (component, pattern) or, nested, as patterns."""
    unknown = shapes.keys(prop) - _COMPILED - _IGNORED
    if unknown:
        raise _Unsupported(f"sh:{sorted(unknown)[0]}")
    if shapes.one(prop, "deactivated") is not None and str(shapes.one(prop, "deactivated").value) == "true":
        return
    f, v = focus_var, value_var
    values = f"{focus}\n  {f} {path} {v} ."
    nested = focus_var != "?f"
    out = []
    min_count = shapes.one(prop, "minCount")
    if min_count is not None:
        n = int(min_count.value)
        if n == 1:
            out.append(("MinCount", f"{focus}\n  MINUS {{ {f} {path} [] }}"))
        elif n > 1:
            out.append(("MinCount", f"{focus}\n  OPTIONAL {{ SELECT {f} (COUNT(DISTINCT {v}) AS ?n) WHERE "
                                    f"{{ {values} }} GROUP BY {f} }}\n  FILTER(COALESCE(?n, 0) < {n})"))
    max_count = shapes.one(prop, "maxCount")
    if max_count is not None:
        out.append(("MaxCount", f"{{ SELECT {f} (COUNT(DISTINCT {v}) AS ?n) WHERE {{ {values} }} GROUP BY {f} "
                                f"HAVING (COUNT(DISTINCT {v}) > {int(max_count.value)}) }}"))
    datatype = shapes.one(prop, "datatype")
    if datatype is not None:
        out.append(("Datatype", f"{values}\n  FILTER(!isLiteral({v}) || datatype({v}) != {_iri(datatype)})"))
        if datatype.value in _CHECKED_FORMS:
            out.append(("Datatype:form", f"{values}\n  FILTER(isLiteral({v}) && datatype({v}) = {_iri(datatype)})"))
    kind = shapes.one(prop, "nodeKind")
    if kind is not None:
        test = _NODE_KINDS.get(kind.value[len(_SH):])
        if test is None:
            raise _Unsupported(f"sh:nodeKind {kind.value}")
        out.append(("NodeKind", f"{values}\n  FILTER(!{test.replace('?v', v)})"))
    for cls in shapes.objects(prop, "class"):
        out.append(("Class", f"{values}\n  MINUS {{ {v} <{RDF.type}>/<{RDFS.subClassOf}>* {_iri(cls)} }}"))
    allowed = shapes.one(prop, "in")
    if allowed is not None:
        same = " || ".join(f"sameTerm({v}, {_term(t)})" for t in shapes.items(allowed)) or "false"
        out.append(("In", f"{values}\n  FILTER(!({same}))"))
    for value in shapes.objects(prop, "hasValue"):
        out.append(("HasValue", f"{focus}\n  MINUS {{ {f} {path} {_term(value)} }}"))
    for alternatives in shapes.objects(prop, "or"):
        out.extend(_datatype_alternatives(shapes, alternatives, values, v))
    pattern = shapes.one(prop, "pattern")
    if pattern is not None:
        flags = shapes.one(prop, "flags")
        extra = f", {_literal(ox.Literal(flags.value))}" if flags is not None else ""
        regex = f"REGEX(STR({v}), {_literal(ox.Literal(pattern.value))}{extra})"
        out.append(("Pattern", f"{values}\n  FILTER(isBlank({v}) || !{regex})"))
    for target in shapes.objects(prop, "node"):
        inner = _failing_node(shapes, target, seen)
        if not inner:
            continue
        # ?v breaks the referenced shape: each failing pattern is evaluated with ?v as its focus
        unions = " UNION ".join("{ " + p.replace("{values}", f"{{ SELECT DISTINCT ?v WHERE {{ {values} }} }}")
                                + " }" for p in inner)
        out.append(("Node", f"{values}\n  {{ SELECT DISTINCT ?v WHERE {{ {unions} }} }}"))
    if nested:
        return [pattern for _, pattern in out]
    return out


def _datatype_alternatives(shapes: _Shapes, alternatives, values: str, v: str) -> list[tuple[str, str]]:
    """``sh:or`` of shapes that each give one ``sh:datatype``: the value has none of those datatypes,
    or has one of them with an ill-formed lexical form (as ``Or:form|DATATYPE``)."""
    datatypes = []
    for member in shapes.items(alternatives):
        if shapes.keys(member) != {"datatype"} or len(shapes.objects(member, "datatype")) != 1:
            raise _Unsupported("sh:or with members other than one sh:datatype each")
        datatypes.append(shapes.one(member, "datatype"))
    listed = ", ".join(_iri(d) for d in datatypes)
    out = [("Or", f"{values}\n  FILTER(!isLiteral({v}) || !(datatype({v}) IN ({listed})))")]
    for d in datatypes:
        if d.value in _CHECKED_FORMS:
            out.append((f"Or:form|{d.value}", f"{values}\n  FILTER(isLiteral({v}) && datatype({v}) = {_iri(d)})"))
    return out


def _count_alternatives(shapes: _Shapes, alternatives, focus: str) -> str:
    """``sh:or`` on a node shape of property shapes that each give only ``sh:minCount 1`` or one
    ``sh:hasValue``: the focus nodes that meet none of them."""
    pattern = focus
    for member in shapes.items(alternatives):
        keys = shapes.keys(member)
        path = _path(shapes, member)
        if keys == {"path", "minCount"} and shapes.one(member, "minCount").value == "1":
            pattern += f"\n  MINUS {{ ?f {path} [] }}"
        elif keys == {"path", "hasValue"} and len(shapes.objects(member, "hasValue")) == 1:
            pattern += f"\n  MINUS {{ ?f {path} {_term(shapes.one(member, 'hasValue'))} }}"
        else:
            raise _Unsupported("sh:or on a node shape with members other than sh:minCount 1 or sh:hasValue")
    return pattern


def _select(pattern: str, with_value: bool) -> str:
    return trust(f"SELECT DISTINCT ?f {'?v' if with_value else ''} WHERE {{\n  {pattern}\n}}")


@lru_cache(maxsize=8)
def _compile(path: str, mtime: float) -> CompiledShapes:
    shapes = _Shapes(Path(path))
    checks: list[Check] = []
    try:
        for node in shapes.node_shapes():
            targets = shapes.objects(node, "targetClass")
            unknown = shapes.keys(node) - _IGNORED - {"closed", "ignoredProperties", "or"}
            if unknown - {"targetClass"} or any(k in shapes.keys(node) for k in ("targetNode", "targetSubjectsOf",
                                                                                   "targetObjectsOf")):
                raise _Unsupported(f"node shape {node.value} with sh:{sorted(unknown)[0]}")
            if not targets:
                continue  # only used through sh:node
            classes = " ".join(_iri(t) for t in targets)
            focus = (f"VALUES ?target {{ {classes} }}\n  ?f <{RDF.type}>/<{RDFS.subClassOf}>* ?target .")
            for prop in shapes.objects(node, "property"):
                path = _path(shapes, prop)
                message = shapes.one(prop, "message")
                for component, pattern in _property_checks(shapes, prop, path, focus, node.value, ""):
                    with_value = component not in ("MinCount", "MaxCount", "HasValue")
                    form = (shapes.one(prop, "datatype").value if component == "Datatype:form"
                            else component.split("|", 1)[1] if component.startswith("Or:form|") else "")
                    checks.append(Check(node.value, path[1:-1], message.value if message is not None else "",
                                        _severity(shapes, prop), component.split(":")[0],
                                        _select(pattern, with_value), form))
            node_message = shapes.one(node, "message")
            for alternatives in shapes.objects(node, "or"):
                checks.append(Check(node.value, "", node_message.value if node_message is not None else "",
                                    _severity(shapes, node), "Or",
                                    _select(_count_alternatives(shapes, alternatives, focus), False)))
    except _Unsupported as exc:
        return CompiledShapes(supported=False, reason=str(exc))
    return CompiledShapes(tuple(checks))


def compile_shapes(path: str | Path) -> CompiledShapes:
    """The checks of the shapes file at ``path`` (compiled once per file version)."""
    path = Path(path)
    return _compile(str(path.resolve()), path.stat().st_mtime)


def _ill_formed(lexical: str, datatype: str) -> bool:
    import logging

    from rdflib import Literal, URIRef

    log = logging.getLogger("rdflib.term")
    level, log.disabled = log.disabled, True  # rdflib logs each ill-typed literal it meets
    try:
        return bool(Literal(lexical, datatype=URIRef(datatype)).ill_typed)
    finally:
        log.disabled = level


def run_checks(kg, shapes: CompiledShapes) -> Iterator[Violation]:
    """Every violation of the compiled checks in ``kg`` (embedded or remote)."""
    for check in shapes.checks:
        for row in kg.select_text(check.sparql, name=f"shape {check.shape.rsplit('#', 1)[-1]}"):
            focus, value = row[0], (row[1] if len(row) > 1 else None)
            if check.datatype:
                if not _ill_formed(value, check.datatype):
                    continue
            yield Violation(check, focus, value)

