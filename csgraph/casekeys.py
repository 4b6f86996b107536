"""The case-file schema, read from the SHACL shapes and the vocabularies (one source of truth).

Each node shape with a ``sh:targetClass`` in the csgraph namespace is a thing type of the case file;
each property shape directly under its ``sh:property`` is a key, named by ``sh:name``. A key holds a
literal (``sh:datatype``, or ``sh:or`` of datatypes), a reference to another thing (``sh:class`` or any
IRI), or a concept of a scheme (``sh:node`` a shape whose ``skos:inScheme`` ``sh:hasValue`` is the scheme).

The shapes and vocabularies are parsed with Oxigraph (a few milliseconds) the first time the schema is
needed and kept in memory, keyed by the hash of the files' bytes (and by their size and time stamp, so an
unchanged file is not even read again); rdflib never parses them here.
"""

from __future__ import annotations

import difflib
import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache, partial
from pathlib import Path

import pyoxigraph as ox
from rdflib import OWL, RDF, RDFS, SH, SKOS, XSD, URIRef

from .derived import derived
from .namespace import CONCEPT, CS, CSH
from .resources import ontology_dir, shapes_file

__all__ = ["KeySpec", "Schema", "TypeSpec", "nearest", "schema", "schema_files"]

#: Node shapes that describe the evidence records the reader writes itself, not things of a case file.
_RECORD_CLASSES = ("CaseStudy", "Source", "EvidenceGraph")


@dataclass(frozen=True)
class KeySpec:
    """One key of a thing type: its predicate, kind (lit, ref or concept), target and cardinality.

    ``target`` is the datatype of a literal (the first, when ``datatypes`` lists several), the class a
    reference must have (None: any thing), or the concept scheme's name.
    """

    name: str
    path: URIRef
    kind: str
    target: URIRef | str | None
    min_count: int
    max_count: int | None
    pattern: str | None
    description: str
    datatypes: tuple[URIRef, ...] = ()
    minimum: int | None = None
    maximum: int | None = None

    @property
    def many(self) -> bool:
        """True when the key takes a list of values."""
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
    digest: str = ""

    def is_a(self, cls: URIRef, target: URIRef) -> bool:
        """True when ``cls`` is ``target`` or a subclass of it."""
        return cls == target or target in self.superclasses.get(cls, set())

    def type_of_class(self, cls: str) -> TypeSpec | None:
        """The thing type whose class is ``cls`` (an IRI), or None."""
        for spec in self.types.values():
            if str(spec.cls) == str(cls):
                return spec
        return None


def nearest(word: str, options) -> str:
    """' (did you mean X?)' for the closest option, or ''.

    >>> nearest("stauts", ["status", "start"])
    " (did you mean 'status'?)"
    """
    match = difflib.get_close_matches(str(word), [str(o) for o in options], n=1, cutoff=0.6)
    return f" (did you mean {match[0]!r}?)" if match else ""


def schema_files() -> list[Path]:
    """The files the schema is built from: the shapes, the ontology modules and the vocabularies."""
    root = ontology_dir()
    return [shapes_file(), *sorted((root / "modules").glob("*.ttl")), *sorted((root / "vocab").glob("*.ttl"))]


def schema() -> Schema:
    """The schema, built once per content of the shapes and ontology files.

    >>> s = schema()
    >>> s.types["Pilot"].keys["count"].path == CS.settingCount
    True
    >>> "school" in s.concepts["context"]
    True
    """
    files = schema_files()
    stamp = tuple((str(f), st.st_mtime_ns, st.st_size) for f in files for st in [f.stat()])
    if _LAST and _LAST[0] == stamp:  # the files are as they were: no need to read them again
        return _LAST[1]
    blobs = [f.read_bytes() for f in files]
    digest = hashlib.sha256(b"\0".join(blobs)).hexdigest()
    # the command line keeps the schema on disk, so a command does not parse the shapes each time
    built = derived("schema", digest.encode(), lambda: _build(digest, tuple(blobs)), dump=_to_json,
                    load=_from_json)
    _LAST[:] = [stamp, built]
    return built


_LAST: list = []  # [the files' stat stamp, the schema built from them]


@lru_cache(maxsize=2)
def _build(digest: str, blobs: tuple[bytes, ...]) -> Schema:
    shapes = _Index(blobs[:1])
    onto = _Index(blobs[1:])
    types: dict[str, TypeSpec] = {}
    ns = str(CS._NS)
    for shape in shapes.subjects(RDF.type, SH.NodeShape):
        cls = shapes.one(shape, SH.targetClass)
        if cls is None or not cls.startswith(ns) or cls[len(ns):] in _RECORD_CLASSES:
            continue
        keys = sorted((_key(shapes, prop) for prop in shapes.all(shape, SH.property)),
                      key=lambda ok: ok[0])
        types[cls[len(ns):]] = TypeSpec(cls[len(ns):], URIRef(cls), {k.name: k for _, k in keys if k})

    concepts: dict[str, dict[str, URIRef]] = {}
    labels: dict[URIRef, str] = {}
    for c in onto.subjects(RDF.type, SKOS.Concept):
        scheme, notation = onto.one(c, SKOS.inScheme), onto.one(c, SKOS.notation)
        if scheme is None or notation is None or not scheme.startswith(str(CONCEPT)):
            continue
        concepts.setdefault(scheme[len(str(CONCEPT)):], {})[notation] = URIRef(c)
        labels[URIRef(c)] = onto.one(c, SKOS.prefLabel) or notation
    supers: dict[URIRef, set[URIRef]] = {}
    for c in list(onto.by_pred.get(str(RDFS.subClassOf), {})):
        seen, todo = set(), [c]
        while todo:
            for parent in onto.all(todo.pop(), RDFS.subClassOf):
                if parent not in seen:
                    seen.add(parent)
                    todo.append(parent)
        supers[URIRef(c)] = {URIRef(s) for s in seen} - {URIRef(c)}
    return Schema(types, concepts, labels, supers, digest)


def _to_json(s: Schema) -> dict:
    """The schema as JSON data (IRIs as text; a key's target is text for a concept scheme's name)."""
    def key(k: KeySpec) -> list:
        target = None if k.target is None else str(k.target)
        return [k.name, str(k.path), k.kind, target, k.min_count, k.max_count, k.pattern, k.description,
                [str(d) for d in k.datatypes], k.minimum, k.maximum]

    return {"digest": s.digest,
            "types": [[t.name, str(t.cls), [key(k) for k in t.keys.values()]] for t in s.types.values()],
            "concepts": {scheme: {n: str(c) for n, c in cs.items()} for scheme, cs in s.concepts.items()},
            "labels": {str(c): label for c, label in s.concept_labels.items()},
            "superclasses": {str(c): sorted(map(str, sup)) for c, sup in s.superclasses.items()}}


def _from_json(data: dict) -> Schema:
    """The schema from :func:`_to_json`'s data."""
    # IRIs that Oxigraph parsed from the shapes when the file was written: made as URIRef makes them,
    # without checking each again (a few hundred checks cost several times reading the file)
    iri = partial(str.__new__, URIRef)

    def key(row: list) -> KeySpec:
        name, path, kind, target, mn, mx, pattern, description, datatypes, minimum, maximum = row
        target = target if target is None or kind == "concept" else iri(target)
        return KeySpec(name, iri(path), kind, target, mn, mx, pattern, description,
                       tuple(map(iri, datatypes)), minimum, maximum)

    types = {name: TypeSpec(name, iri(cls), {k.name: k for k in map(key, keys)})
             for name, cls, keys in data["types"]}
    concepts = {scheme: {n: iri(c) for n, c in cs.items()} for scheme, cs in data["concepts"].items()}
    labels = {iri(c): label for c, label in data["labels"].items()}
    supers = {iri(c): set(map(iri, sup)) for c, sup in data["superclasses"].items()}
    return Schema(types, concepts, labels, supers, data["digest"])


def _key(shapes: _Index, prop: str) -> tuple[int, KeySpec | None]:
    name, path = shapes.one(prop, SH.name), shapes.one(prop, SH.path)
    if name is None or path is None:
        return 0, None
    node = shapes.one(prop, SH.node)
    datatypes = [d for d in [shapes.one(prop, SH.datatype)] if d]
    for alt in shapes.rdf_list(shapes.one(prop, SH["or"])):
        datatypes.extend(shapes.all(alt, SH.datatype))
    if node is not None:
        scheme = next((v for p in shapes.all(node, SH.property) for v in shapes.all(p, SH.hasValue)
                       if v.startswith(str(CONCEPT))), None)
        kind, target = "concept", (scheme[len(str(CONCEPT)):] if scheme else node.rsplit("In-", 1)[-1])
    elif datatypes:
        kind, target = "lit", URIRef(datatypes[0])
    else:
        cls = shapes.one(prop, SH["class"])
        kind, target = "ref", URIRef(cls) if cls and cls != str(OWL.Thing) else None
    mx, mn_incl, mx_incl = (shapes.one(prop, p) for p in (SH.maxCount, SH.minInclusive, SH.maxInclusive))
    pattern = shapes.one(prop, SH.pattern)
    if kind == "lit" and mn_incl is None and all(d == str(XSD.integer) for d in datatypes):
        mn_incl = "0"  # whole numbers in case files count things: never below zero
    # a key that may be written not-stated carries csh:required true instead of its sh:minCount
    required = shapes.one(prop, CSH.required) in ("true", "1")
    return int(shapes.one(prop, SH.order) or 0), KeySpec(
        name=name, path=URIRef(path), kind=kind, target=target,
        min_count=max(int(shapes.one(prop, SH.minCount) or 0), int(required)),
        max_count=int(mx) if mx is not None else None,
        pattern=pattern, description=shapes.one(prop, SH.description) or "",
        datatypes=tuple(URIRef(d) for d in datatypes),
        minimum=int(mn_incl) if mn_incl is not None else None,
        maximum=int(mx_incl) if mx_incl is not None else None)


class _Index:
    """Triples of Turtle documents as plain strings, indexed by subject and by predicate."""

    def __init__(self, blobs) -> None:
        self.by_subj: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        self.by_pred: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        for i, blob in enumerate(blobs):
            for t in ox.parse(blob, format=ox.RdfFormat.TURTLE):
                s = t.subject.value if isinstance(t.subject, ox.NamedNode) else f"_:{i}:{t.subject.value}"
                o = t.object
                o = f"_:{i}:{o.value}" if isinstance(o, ox.BlankNode) else o.value
                self.by_subj[s][t.predicate.value].append(o)
                self.by_pred[t.predicate.value][s].append(o)

    def all(self, s: str, p) -> list[str]:
        return self.by_subj.get(s, {}).get(str(p), [])

    def one(self, s: str | None, p) -> str | None:
        values = self.all(s, p) if s is not None else []
        return values[0] if values else None

    def subjects(self, p, o) -> list[str]:
        return [s for s, objs in self.by_pred.get(str(p), {}).items() if str(o) in objs]

    def rdf_list(self, head: str | None) -> list[str]:
        out: list[str] = []
        while head and head != str(RDF.nil) and len(out) < 1000:
            out.extend(self.all(head, RDF.first))
            head = self.one(head, RDF.rest)
        return out
