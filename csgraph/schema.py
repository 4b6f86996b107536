"""The case-file schema, read from the SHACL shapes and the vocabularies (one source of truth).

Each node shape with a ``sh:targetClass`` in the csgraph namespace is a thing type of the case file;
each of its property shapes is a key, named by ``sh:name``. A key holds a literal (``sh:datatype``),
a reference to another thing (``sh:class`` or any IRI), or a concept of a scheme (``sh:node csh:In-…``).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from functools import lru_cache

from rdflib import RDF, RDFS, SH, SKOS, Graph, URIRef

from .namespace import CONCEPT, CS, CSH
from .resources import ontology_dir, shapes_file

__all__ = ["DATE_ANY", "KeySpec", "Schema", "TypeSpec", "nearest", "schema"]

#: The target of a date key: a year, a year and month, or a day, at the precision the source gives
#: (the shapes say ``sh:or`` of ``sh:datatype`` xsd:gYear, xsd:gYearMonth and xsd:date).
DATE_ANY = "date-at-precision"


@dataclass(frozen=True)
class KeySpec:
    """One key of a thing type: its predicate, kind (lit, ref or concept), target and cardinality."""

    name: str
    path: URIRef
    kind: str
    target: URIRef | str | None
    min_count: int
    max_count: int | None
    pattern: str | None
    description: str

    @property
    def many(self) -> bool:
        return self.max_count is None or self.max_count > 1


@dataclass(frozen=True)
class TypeSpec:
    """A thing type of the case file: its class and its keys in order."""

    name: str
    cls: URIRef
    keys: dict[str, KeySpec]


@dataclass
class Schema:
    """Thing types, concept schemes and the class hierarchy that the case-file reader needs."""

    types: dict[str, TypeSpec]
    concepts: dict[str, dict[str, URIRef]]
    concept_labels: dict[URIRef, str]
    superclasses: dict[URIRef, set[URIRef]] = field(default_factory=dict)

    def is_a(self, cls: URIRef, target: URIRef) -> bool:
        """True when ``cls`` is ``target`` or a subclass of it."""
        return cls == target or target in self.superclasses.get(cls, set())


def nearest(word: str, options) -> str:
    """' (did you mean X?)' for the closest option, or ''.

    >>> nearest("stauts", ["status", "start"])
    " (did you mean 'status'?)"
    """
    match = difflib.get_close_matches(str(word), [str(o) for o in options], n=1, cutoff=0.6)
    return f" (did you mean {match[0]!r}?)" if match else ""


def _required(shapes: Graph, prop) -> int:
    """1 when a key is required but may be written not-stated (``csh:required true``)."""
    flag = shapes.value(prop, CSH.required)
    return 1 if flag is not None and flag.toPython() is True else 0


@lru_cache(maxsize=1)
def schema() -> Schema:
    """The schema, read once from the bundled shapes and ontology.

    >>> s = schema()
    >>> s.types["Pilot"].keys["count"].path
    rdflib.term.URIRef('https://w3id.org/csgraph/ontology#settingCount')
    >>> "school" in s.concepts["context"]
    True
    """
    shapes = Graph().parse(shapes_file(), format="turtle")
    onto = Graph()
    root = ontology_dir()
    for f in [*sorted((root / "modules").glob("*.ttl")), *sorted((root / "vocab").glob("*.ttl"))]:
        onto.parse(f, format="turtle")

    types: dict[str, TypeSpec] = {}
    for shape in shapes.subjects(RDF.type, SH.NodeShape):
        cls = shapes.value(shape, SH.targetClass)
        if cls is None or not str(cls).startswith(str(CS._NS)):
            continue
        name = str(cls)[len(str(CS._NS)):]
        if name in ("CaseStudy", "Source", "EvidenceGraph"):
            continue
        keys = []
        for prop in shapes.objects(shape, SH.property):
            key = str(shapes.value(prop, SH.name))
            node = shapes.value(prop, SH.node)
            if node is not None:
                kind, target = "concept", str(node).rsplit("In-", 1)[1]
            elif shapes.value(prop, SH.datatype) is not None:
                kind, target = "lit", shapes.value(prop, SH.datatype)
            elif shapes.value(prop, SH["or"]) is not None:
                kind, target = "lit", DATE_ANY
            else:
                kind, target = "ref", shapes.value(prop, SH["class"])
            mx = shapes.value(prop, SH.maxCount)
            pat = shapes.value(prop, SH.pattern)
            keys.append((int(shapes.value(prop, SH.order) or 0), KeySpec(
                name=key, path=shapes.value(prop, SH.path), kind=kind, target=target,
                min_count=int(shapes.value(prop, SH.minCount) or 0) or _required(shapes, prop),
                max_count=int(mx) if mx is not None else None,
                pattern=str(pat) if pat is not None else None,
                description=str(shapes.value(prop, SH.description) or ""))))
        keys.sort(key=lambda k: k[0])
        types[name] = TypeSpec(name, cls, {k.name: k for _, k in keys})

    concepts: dict[str, dict[str, URIRef]] = {}
    labels: dict[URIRef, str] = {}
    for c in onto.subjects(RDF.type, SKOS.Concept):
        scheme = str(onto.value(c, SKOS.inScheme))[len(str(CONCEPT)):]
        notation = str(onto.value(c, SKOS.notation))
        concepts.setdefault(scheme, {})[notation] = c
        labels[c] = str(onto.value(c, SKOS.prefLabel))

    supers: dict[URIRef, set[URIRef]] = {}
    for c in set(onto.subjects(RDFS.subClassOf, None)):
        supers[c] = set(onto.transitive_objects(c, RDFS.subClassOf)) - {c}
    return Schema(types, concepts, labels, supers)
