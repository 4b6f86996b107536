"""Write case files back from a knowledge graph: one YAML case file per case study in it.

The inverse of the case-file reader: each case study's record graph gives its ``case:`` and ``sources:``,
its evidence graphs give the sections and the ``from:`` of every thing, and the thing types' keys come
from the same shapes the reader uses. A value found in another evidence graph than its thing's is
written ``{value: ..., from: source#section}``; ``cs:notStated`` becomes ``key: not-stated``. Reading the
files written here gives back the same quads.

>>> import csgraph
>>> files = case_files(csgraph.load(bundled=True))
>>> {"birmingham", "kingston-richmond", "lewisham"} <= set(files)
True
>>> "format: csgraph-case/1" in files["lewisham"]
True
"""

from __future__ import annotations

import os
from collections import defaultdict
from pathlib import Path

import pyoxigraph as ox
import yaml
from rdflib import DCTERMS, PROV, RDF, XSD

from .casekeys import Schema, TypeSpec, schema
from .errors import CSGraphError
from .kg import KnowledgeGraph
from .namespace import CS, GRAPH, ID

__all__ = ["case_files", "export_cases"]

_INTEGERS = {str(XSD.integer), str(XSD.gYear)}


def case_files(kg: KnowledgeGraph) -> dict[str, str]:
    """The YAML text of a case file for each case study in ``kg``, by case id."""
    if kg.store is None:
        raise CSGraphError("export --format case works on an embedded store")
    store, sch = kg.store, schema()
    cases = sorted(str(q.graph_name.value)[len(str(GRAPH)):] for q in store.quads_for_pattern(
        None, ox.NamedNode(str(RDF.type)), ox.NamedNode(str(CS.CaseStudy)), None)
        if isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value.startswith(str(GRAPH)))
    views = {case: _CaseView(store, case) for case in cases}
    owners: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for case, view in views.items():
        for iri, tid in view.ids.items():
            owners[iri].append((case, tid))
    return {case: view.to_yaml(sch, owners) for case, view in views.items()}


def export_cases(kg: KnowledgeGraph, folder: str | os.PathLike | None = None) -> str | list[Path]:
    """Write one case file per case study into ``folder`` (made if missing) and return their paths; with
    no folder, return the text of the one case file (an error when there are several)."""
    files = case_files(kg)
    if folder is None:
        if len(files) != 1:
            raise CSGraphError(f"the data hold {len(files)} case studies; give -o FOLDER to write one case file "
                               "for each")
        return next(iter(files.values()))
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for case, text in files.items():
        path = out / f"{case}.yaml"
        tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
        paths.append(path)
    return paths


class _CaseView:
    """One case study's quads, read from the store: its record graph and its evidence graphs."""

    def __init__(self, store: ox.Store, case: str) -> None:
        self.case = case
        self.record = self._po(store, ox.NamedNode(f"{GRAPH}{case}"))
        node = f"{ID}case/{case}"
        self.node = self.record.get(node, {})
        self.graphs: dict[str, str] = {}   # evidence graph -> source#section
        self.sources: dict[str, dict] = {}
        for s, props in self.record.items():
            types = props.get(str(RDF.type), [])
            if ox.NamedNode(str(CS.Source)) in types and s.startswith(f"{ID}source/{case}/"):
                self.sources[s[len(f"{ID}source/{case}/"):]] = props
            elif ox.NamedNode(str(CS.EvidenceGraph)) in types:
                sid = props[str(PROV.hadPrimarySource)][0].value[len(f"{ID}source/{case}/"):]
                self.graphs[s] = (sid, props[str(CS.section)][0].value.rsplit("/", 1)[-1])
        self.facts: dict[str, list[tuple[str, ox.Term, str]]] = defaultdict(list)
        self.home: dict[str, str] = {}
        for g in self.graphs:
            for q in store.quads_for_pattern(None, None, None, ox.NamedNode(g)):
                s = q.subject.value
                if q.predicate.value == str(RDF.type):
                    self.home.setdefault(s, g)
                    self.facts[s].append((str(RDF.type), q.object, g))
                else:
                    self.facts[s].append((q.predicate.value, q.object, g))
        scoped = all(s.startswith(f"{ID}{case}/") for s in self.home)
        self.format = "csgraph-case/2" if scoped and self.home else "csgraph-case/1"
        prefix = f"{ID}{case}/" if scoped else str(ID)
        self.ids = {s: s[len(prefix):] for s in self.home}

    @staticmethod
    def _po(store: ox.Store, graph: ox.NamedNode) -> dict[str, dict[str, list]]:
        out: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
        for q in store.quads_for_pattern(None, None, None, graph):
            out[q.subject.value][q.predicate.value].append(q.object)
        return out

    def origin(self, g: str) -> str:
        sid, section = self.graphs[g]
        return sid if section == "page" else f"{sid}#{section}"

    def ref(self, iri: str, owners) -> str:
        if iri in self.ids:
            return self.ids[iri]
        case, tid = owners[iri][0]
        return f"{case}:{tid}"

    def to_yaml(self, sch: Schema, owners) -> str:
        notations = {str(iri): n for options in sch.concepts.values() for n, iri in options.items()}
        one = {p: objs[0] for p, objs in self.node.items()}
        case: dict = {"id": self.case, "title": one[str(DCTERMS.title)].value,
                      "genre": notations[one[str(CS.genre)].value]}
        if str(CS.describes) in one:
            case["describes"] = self.ref(one[str(CS.describes)].value, owners)
        if str(DCTERMS.created) in one:
            case["encoded"] = one[str(DCTERMS.created)].value
        primary = {o.value for o in self.node.get(str(PROV.hadPrimarySource), [])}
        sources = {}
        for sid, props in sorted(self.sources.items()):
            src: dict = {}
            for key, pred in (("title", DCTERMS.title), ("url", CS.url), ("mirror", CS.mirror),
                              ("publisher", DCTERMS.publisher)):
                if str(pred) in props:
                    src[key] = props[str(pred)][0].value
            if f"{ID}source/{self.case}/{sid}" in primary:
                src["primary"] = True
            sections = sorted({sec for s, sec in self.graphs.values() if s == sid and sec != "page"})
            if sections:
                src["sections"] = sections
            sources[sid] = src
        things = {}
        for iri in sorted(self.home, key=lambda s: self.ids[s]):
            things[self.ids[iri]] = self.thing(iri, sch, notations, owners)
        doc = {"format": self.format, "case": case, "sources": sources, "things": things}
        head = (f"# {self.case}: written by csgraph export --format case from the loaded graph.\n"
                "# yaml-language-server: $schema=csgraph-case.schema.json\n")
        return head + yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=110)

    def thing(self, iri: str, sch: Schema, notations: dict, owners) -> dict:
        home = self.home[iri]
        cls = next(o.value for p, o, g in self.facts[iri] if p == str(RDF.type) and g == home)
        spec: TypeSpec | None = sch.type_of_class(cls)
        if spec is None:
            raise CSGraphError(f"{iri} is a {cls}, which no thing type of the case file has")
        by_path = {str(k.path): k for k in spec.keys.values()}
        out: dict = {"type": spec.name}
        values: dict[str, list] = defaultdict(list)
        for pred, obj, g in self.facts[iri]:
            if pred == str(RDF.type):
                continue
            if pred == str(CS.notStated):
                key, value = by_path[obj.value], "not-stated"
            else:
                key = by_path.get(pred)
                if key is None:
                    raise CSGraphError(f"{iri} has {pred}, which no key of a {spec.name} writes")
                value = self.value(obj, key, notations, owners)
            values[key.name].append(value if g == home else {"value": value, "from": self.origin(g)})
        if "label" in values:
            out["label"] = values.pop("label")[0]
        out["from"] = self.origin(home)
        for name, spec_key in spec.keys.items():
            if name in values:
                vals = sorted(values[name], key=str)
                out[name] = vals if spec_key.many and len(vals) > 1 else vals[0]
        return out

    def value(self, obj: ox.Term, key, notations: dict, owners):
        if isinstance(obj, ox.Literal):
            dtype = obj.datatype.value
            if dtype in _INTEGERS:
                return int(obj.value)
            if dtype == str(XSD.boolean):
                return obj.value == "true"
            return obj.value
        if key.kind == "concept":
            return notations[obj.value]
        return self.ref(obj.value, owners)
