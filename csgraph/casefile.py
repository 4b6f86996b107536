"""Read case files: YAML that a researcher writes by hand, turned into quads in named graphs.

A case file describes one case study: its sources (each with the sections facts are taken from) and the
things it names (authorities, strategies, services, partners, pilots, challenges ...). Every thing says
which ``source#section`` it comes from; its facts go into that section's named graph, so each fact can be
traced to its source. The keys each type of thing accepts come from the SHACL shapes (see
:mod:`csgraph.schema`); ``csgraph new-case NAME`` writes a commented template.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pyoxigraph import Literal, NamedNode, Quad

from .errors import CaseFileError, LimitError, ParseError
from .namespace import CS, GRAPH, ID
from .schema import DATE_ANY, KeySpec, Schema, nearest, schema

__all__ = ["SLUG", "CaseFile", "Limits", "case_quads", "read_case_file", "safe_yaml"]

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_XSD = "http://www.w3.org/2001/XMLSchema#"
_DCT = "http://purl.org/dc/terms/"
_PROV = "http://www.w3.org/ns/prov#"
_TYPE = NamedNode(_RDF + "type")
_LABEL = NamedNode(_RDFS + "label")
_ANYURI = NamedNode(_XSD + "anyURI")
_TOP_KEYS = ("format", "case", "sources", "things")
_CASE_KEYS = ("id", "title", "genre", "describes", "encoded", "from", "notes")
_SOURCE_KEYS = ("url", "title", "sections", "primary", "publisher", "notes")
_THING_KEYS = ("type", "label", "alt-labels", "description", "from")
FORMAT = "csgraph-case/1"
NOT_STATED = "not-stated"


@dataclass(frozen=True)
class Limits:
    """Bounds on input: file size in bytes, nesting depth, and the length of one literal."""

    max_bytes: int = 1 << 30
    max_case_bytes: int = 8 << 20
    max_depth: int = 64
    max_literal: int = 1 << 20


class _LineDict(dict):
    """A mapping that remembers the line each key stood on."""

    lines: dict[str, int]


class _Loader(yaml.SafeLoader):
    def construct_mapping(self, node, deep=False):  # type: ignore[override]
        self.flatten_mapping(node)
        out = _LineDict()
        out.lines = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, (str, int)):
                raise CaseFileError("keys must be plain words", line=key_node.start_mark.line + 1)
            key = str(key)
            if key in out:
                raise CaseFileError(f"the key {key!r} appears twice in the same block; keep one",
                                    line=key_node.start_mark.line + 1, field=key)
            out[key] = self.construct_object(value_node, deep=True)
            out.lines[key] = key_node.start_mark.line + 1
        return out


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _Loader.construct_mapping)


def safe_yaml(text: str, path: str, limits: Limits = Limits()) -> Any:
    """Parse YAML with no aliases or anchors, no tags beyond the safe ones, and bounded nesting.

    >>> safe_yaml("a: [1, 2]", "x.yaml")
    {'a': [1, 2]}
    >>> safe_yaml("a: &x 1\\nb: *x", "x.yaml")
    Traceback (most recent call last):
    ...
    csgraph.errors.CaseFileError: x.yaml:1: anchors and aliases (& and *) are not allowed in case files; ...
    """
    depth = 0
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise CaseFileError("anchors and aliases (& and *) are not allowed in case files; "
                                    "write the value out", path=path, line=event.start_mark.line + 1)
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > limits.max_depth:
                    raise LimitError(f"nesting is deeper than the limit of {limits.max_depth} levels",
                                     path=path, line=event.start_mark.line + 1)
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
            elif isinstance(event, yaml.ScalarEvent) and len(event.value) > limits.max_literal:
                raise LimitError(f"a value is longer than the limit of {limits.max_literal} characters",
                                 path=path, line=event.start_mark.line + 1)
        return yaml.load(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise ParseError(f"YAML syntax: {exc.problem or exc.context}",
                         path=path, line=mark.line + 1 if mark else None,
                         column=mark.column + 1 if mark else None) from None
    except yaml.YAMLError as exc:
        raise ParseError(f"YAML: {exc}", path=path) from None
    except CaseFileError as exc:
        if exc.path is None:
            raise CaseFileError(exc.message, path=path, line=exc.line, field=exc.field) from None
        raise


@dataclass
class CaseFile:
    """A case file read and checked: its id, sources and things, ready to become quads."""

    path: str
    id: str
    title: str
    genre: str
    describes: str | None
    encoded: dt.date | None
    sources: dict[str, dict[str, Any]]
    things: dict[str, dict[str, Any]]
    lines: dict[str, int] = field(default_factory=dict)


def _line(mapping: Any, key: str) -> int | None:
    return getattr(mapping, "lines", {}).get(key)


def _check_keys(mapping: dict, allowed, path: str, where: str) -> None:
    for key in mapping:
        if key not in allowed:
            raise CaseFileError(f"unknown key {key!r}{nearest(key, allowed)}; allowed here: "
                                f"{', '.join(allowed)}", path=path, line=_line(mapping, key),
                                field=f"{where}.{key}" if where else key)


def read_case_file(path: str | Path, text: str | None = None, limits: Limits = Limits()) -> CaseFile:
    """Read and check a YAML case file (structure only; values are checked by :func:`case_quads`).

    >>> from csgraph.resources import data_dir
    >>> case = read_case_file(data_dir() / "lewisham.yaml")
    >>> case.id, case.genre, "cs-rp-pilot" in case.things
    ('lewisham', 'systems-and-structure', True)
    """
    path = str(path)
    if text is None:
        text = _read_text(path, limits.max_case_bytes)
    doc = safe_yaml(text, path, limits)
    if not isinstance(doc, dict):
        raise CaseFileError("a case file is a mapping with the keys case, sources and things; "
                            "run `csgraph new-case NAME` for a template", path=path, line=1)
    _check_keys(doc, _TOP_KEYS, path, "")
    fmt = doc.get("format", FORMAT)
    if fmt != FORMAT:
        raise CaseFileError(f"format must be {FORMAT!r}", path=path, line=_line(doc, "format"),
                            field="format")
    for key in ("case", "sources", "things"):
        if not isinstance(doc.get(key), dict):
            raise CaseFileError(f"{key!r} is required and must be a mapping", path=path,
                                line=_line(doc, key), field=key)
    case = doc["case"]
    _check_keys(case, _CASE_KEYS, path, "case")
    for key in ("id", "title", "genre"):
        if not isinstance(case.get(key), str) or not case[key].strip():
            raise CaseFileError(f"case.{key} is required (text)", path=path,
                                line=_line(case, key) or _line(doc, "case"), field=f"case.{key}")
    if not SLUG.match(case["id"]):
        raise CaseFileError("case.id must be lower-case letters, digits and hyphens, such as "
                            "'lewisham'", path=path, line=_line(case, "id"), field="case.id")
    encoded = case.get("encoded")
    if encoded is not None and not isinstance(encoded, dt.date):
        raise CaseFileError("case.encoded must be a date such as 2026-11-26", path=path,
                            line=_line(case, "encoded"), field="case.encoded")
    sources = doc["sources"]
    for sid, src in sources.items():
        where = f"sources.{sid}"
        if not SLUG.match(str(sid)):
            raise CaseFileError("source ids are lower-case words with hyphens", path=path,
                                line=_line(sources, sid), field=where)
        if not isinstance(src, dict):
            raise CaseFileError("a source is a mapping with url, title and sections", path=path,
                                line=_line(sources, sid), field=where)
        _check_keys(src, _SOURCE_KEYS, path, where)
        url = src.get("url")
        if not isinstance(url, str) or not re.match(r"^https?://[^\s<>\"{}|\\^`]+$", url):
            raise CaseFileError("url must be an http(s) web address with no spaces or < > \"",
                                path=path, line=_line(src, "url") or _line(sources, sid),
                                field=f"{where}.url")
    things = doc["things"]
    for tid, thing in things.items():
        if not SLUG.match(str(tid)):
            raise CaseFileError("thing ids are lower-case letters, digits and hyphens, such as "
                                "'lewisham-yos'", path=path, line=_line(things, tid),
                                field=f"things.{tid}")
        if not isinstance(thing, dict):
            raise CaseFileError("a thing is a mapping with type, label, from and its keys",
                                path=path, line=_line(things, tid), field=f"things.{tid}")
    return CaseFile(path=path, id=case["id"], title=case["title"].strip(), genre=case["genre"],
                    describes=case.get("describes"), encoded=encoded,
                    sources=sources, things=things, lines={"case": _line(doc, "case") or 1})


def _read_text(path: str, max_bytes: int) -> str:
    p = Path(path)
    size = p.stat().st_size
    if size > max_bytes:
        raise LimitError(f"the file is {size} bytes, over the limit of {max_bytes} bytes for this "
                         "kind of file", path=path)
    data = p.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ParseError(f"the file is not valid UTF-8 (byte {exc.start}); save it as UTF-8",
                         path=path, line=line) from None


class _Builder:
    """Turns a checked case file into quads, resolving references and concepts."""

    def __init__(self, case: CaseFile, sch: Schema, limits: Limits) -> None:
        self.case, self.sch, self.limits = case, sch, limits
        self.quads: list[Quad] = []
        self.graphs: dict[str, NamedNode] = {}
        self.case_graph = NamedNode(f"{GRAPH}{case.id}")
        self.case_node = NamedNode(f"{ID}case/{case.id}")

    def err(self, msg: str, mapping: Any = None, key: str | None = None, fieldname: str = "") -> CaseFileError:
        path = getattr(mapping, "path", self.case.path)
        if hasattr(mapping, "row"):  # a row of a case table: name the row and the column
            return CaseFileError(msg, path=path, line=mapping.row, field=key or fieldname or None)
        return CaseFileError(msg, path=path, line=_line(mapping, key) if key else None,
                             field=fieldname or None)

    # provenance ---------------------------------------------------------------------------
    def graph_for(self, ref: Any, mapping: Any, key: str, where: str) -> NamedNode:
        if not isinstance(ref, str):
            raise self.err("from must be 'source' or 'source#section'", mapping, key, where)
        sid, _, section = ref.partition("#")
        src = self.case.sources.get(sid)
        if src is None:
            raise self.err(f"from names the source {sid!r}, which is not under sources"
                           f"{nearest(sid, self.case.sources)}", mapping, key, where)
        sections = src.get("sections") or []
        section = section or "page"
        if section != "page" and section not in sections:
            raise self.err(f"source {sid!r} has no section {section!r}{nearest(section, sections)}; "
                           f"list it under sources.{sid}.sections", mapping, key, where)
        name = f"{sid}#{section}"
        if name not in self.graphs:
            g = NamedNode(f"{GRAPH}{self.case.id}/{sid}/{section}")
            self.graphs[name] = g
            self.add(g, _TYPE, NamedNode(str(CS.EvidenceGraph)), self.case_graph)
            self.add(g, NamedNode(str(CS.section)), self.concept("section", section, None, None, where),
                     self.case_graph)
            self.add(g, NamedNode(_PROV + "hadPrimarySource"), self.source_node(sid), self.case_graph)
            self.add(g, NamedNode(_PROV + "wasDerivedFrom"), self.source_node(sid), self.case_graph)
            self.add(g, NamedNode(_DCT + "isPartOf"), self.case_node, self.case_graph)
            if self.case.encoded is not None:  # when these facts were taken from the source
                self.add(g, NamedNode(_DCT + "created"), Literal(self.case.encoded.isoformat(),
                         datatype=NamedNode(_XSD + "date")), self.case_graph)
        return self.graphs[name]

    def source_node(self, sid: str) -> NamedNode:
        return NamedNode(f"{ID}source/{self.case.id}/{sid}")

    def add(self, s, p, o, g) -> None:
        self.quads.append(Quad(s, p, o, g))

    def concept(self, scheme: str, value: Any, mapping: Any, key: str | None, where: str) -> NamedNode:
        options = self.sch.concepts.get(scheme, {})
        if not isinstance(value, str) or value not in options:
            raise self.err(f"{value!r} is not in the {scheme} list{nearest(value, options)}; "
                           f"choose one of: {', '.join(sorted(options))}", mapping, key, where)
        return NamedNode(str(options[value]))

    def literal(self, spec: KeySpec, value: Any, mapping: Any, key: str, where: str) -> Literal:
        if spec.target == DATE_ANY:
            return self.precise_date(value, mapping, key, where)
        dtype = str(spec.target)
        short = dtype[len(_XSD):]
        bad = self.err(f"{key} must be {_EXPECT.get(short, short)}, not {value!r}", mapping, key, where)
        if short == "integer":
            if isinstance(value, bool) or not isinstance(value, int):
                raise bad
            return Literal(str(value), datatype=NamedNode(dtype))
        if short == "boolean":
            if not isinstance(value, bool):
                raise bad
            return Literal("true" if value else "false", datatype=NamedNode(dtype))
        if short == "date":
            if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
                raise bad
            return Literal(value.isoformat(), datatype=NamedNode(dtype))
        if short == "gYear":
            if isinstance(value, bool) or not (isinstance(value, int) or
                                               (isinstance(value, str) and value.isdigit())):
                raise bad
            if not 1800 <= int(value) <= 2200:
                raise bad
            return Literal(str(int(value)), datatype=NamedNode(dtype))
        if not isinstance(value, str) or not value.strip():
            raise bad
        if "\x00" in value:
            raise self.err(f"{key} contains a NUL character; remove it", mapping, key, where)
        if len(value) > self.limits.max_literal:
            raise LimitError(f"{key} is longer than the limit of {self.limits.max_literal} characters",
                             path=self.case.path, line=_line(mapping, key), field=where)
        if spec.pattern and not re.search(spec.pattern, value):
            raise self.err(f"{key} {value!r} does not look right: it must match {spec.pattern}",
                           mapping, key, where)
        value = value.strip()
        if short == "string":
            return Literal(value)
        return Literal(value, datatype=NamedNode(dtype))

    def precise_date(self, value: Any, mapping: Any, key: str, where: str) -> Literal:
        """A year (xsd:gYear), a year and month (xsd:gYearMonth) or a day (xsd:date), as written."""
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            text, short = value.isoformat(), "date"
        elif isinstance(value, int) and not isinstance(value, bool):
            text, short = str(value), "gYear"
        elif isinstance(value, str) and re.fullmatch(r"[0-9]{4}(-(0[1-9]|1[0-2]))?", value.strip()):
            text = value.strip()
            short = "gYear" if len(text) == 4 else "gYearMonth"
        else:
            text, short = "", ""
        if not text or not 1800 <= int(text[:4]) <= 2200:
            raise self.err(f"{key} must be a year (2019), a year and month (2019-01) or a date "
                           f"(2019-01-31), not {value!r}", mapping, key, where)
        return Literal(text, datatype=NamedNode(_XSD + short))

    # things -------------------------------------------------------------------------------
    def build(self) -> list[Quad]:
        things = self.case.things
        types: dict[str, Any] = {}
        for tid, thing in things.items():
            tname = thing.get("type")
            if not isinstance(tname, str) or tname not in self.sch.types:
                raise self.err(f"type {tname!r} is not a thing type{nearest(tname, self.sch.types)}; "
                               f"choose one of: {', '.join(self.sch.types)}", thing,
                               "type" if "type" in thing else None, f"things.{tid}.type")
            _check_keys_thing(self, tid, thing)
            types[tid] = self.sch.types[tname]
        self.types = types
        for tid, thing in things.items():
            self.thing(tid, thing)
        self.case_record()
        return self.quads

    def case_record(self) -> None:
        case, g, node = self.case, self.case_graph, self.case_node
        self.add(node, _TYPE, NamedNode(str(CS.CaseStudy)), g)
        self.add(node, NamedNode(_DCT + "title"), Literal(case.title), g)
        self.add(node, NamedNode(str(CS.genre)), self.concept("genre", case.genre, None, None,
                                                               "case.genre"), g)
        if case.describes is not None:
            if case.describes not in self.case.things:
                raise self.err(f"case.describes names {case.describes!r}, which is not under things"
                               f"{nearest(case.describes, self.case.things)}", None, None,
                               "case.describes")
            self.add(node, NamedNode(str(CS.describes)), NamedNode(f"{ID}{case.describes}"), g)
        if case.encoded is not None:
            self.add(node, NamedNode(_DCT + "created"),
                     Literal(case.encoded.isoformat(), datatype=NamedNode(_XSD + "date")), g)
        primary = [sid for sid, s in case.sources.items() if s.get("primary")] or list(case.sources)[:1]
        for sid, src in case.sources.items():
            s = self.source_node(sid)
            self.add(s, _TYPE, NamedNode(str(CS.Source)), g)
            self.add(s, NamedNode(str(CS.url)), Literal(src["url"], datatype=_ANYURI), g)
            if src.get("title"):
                self.add(s, NamedNode(_DCT + "title"), Literal(str(src["title"])), g)
            if src.get("publisher"):
                self.add(s, NamedNode(_DCT + "publisher"), Literal(str(src["publisher"])), g)
            if sid in primary:
                self.add(node, NamedNode(_PROV + "hadPrimarySource"), s, g)

    def thing(self, tid: str, thing: dict) -> None:
        where = f"things.{tid}"
        spec = self.types[tid]
        node = NamedNode(f"{ID}{tid}")
        if "from" not in thing:
            raise self.err("every thing needs from: source#section, saying where its facts come from",
                           self.case.things, tid, f"{where}.from")
        g = self.graph_for(thing["from"], thing, "from", f"{where}.from")
        self.add(node, _TYPE, NamedNode(str(spec.cls)), g)
        label = thing.get("label")
        if not isinstance(label, str) or not label.strip():
            raise self.err("label is required (the name as the source gives it)", thing,
                           "label" if "label" in thing else None, f"{where}.label")
        for key, value in thing.items():
            if key in ("type", "from"):
                continue
            kspec = spec.keys[key]
            values = value if isinstance(value, list) else [value]
            if isinstance(value, list) and not kspec.many:
                raise self.err(f"{key} takes one value, not a list", thing, key, f"{where}.{key}")
            for v in values:
                vg = g
                if isinstance(v, dict):
                    _check_keys(v, ("value", "from"), self.case.path, f"{where}.{key}")
                    if "from" in v:
                        vg = self.graph_for(v["from"], v, "from", f"{where}.{key}.from")
                    if "value" not in v:
                        raise self.err(f"{key}: a value written as a mapping needs value:", thing, key,
                                       f"{where}.{key}")
                    v = v["value"]
                if v == NOT_STATED:  # the source is silent: say so, with provenance
                    self.add(node, NamedNode(str(CS.notStated)), NamedNode(str(kspec.path)), vg)
                    continue
                self.add(node, NamedNode(str(kspec.path)), self.value(kspec, v, thing, key,
                                                                        f"{where}.{key}"), vg)
        for kspec in spec.keys.values():
            if kspec.min_count and kspec.name not in thing:
                raise self.err(f"{kspec.name} is required for a {spec.name} ({kspec.description})",
                               self.case.things, tid, f"{where}.{kspec.name}")

    def value(self, kspec: KeySpec, v: Any, thing: dict, key: str, where: str):
        if kspec.kind == "lit":
            return self.literal(kspec, v, thing, key, where)
        if kspec.kind == "concept":
            return self.concept(str(kspec.target), v, thing, key, where)
        if not isinstance(v, str) or v not in self.types:
            raise self.err(f"{key} refers to {v!r}, which is not under things"
                           f"{nearest(v, self.types)}", thing, key, where)
        if kspec.target is not None and not self.sch.is_a(self.types[v].cls, kspec.target):
            want = str(kspec.target).rsplit("#", 1)[-1]
            raise self.err(f"{key} must refer to a {want}, but {v!r} is a {self.types[v].name}",
                           thing, key, where)
        return NamedNode(f"{ID}{v}")


_EXPECT = {"integer": "a whole number", "boolean": "true or false", "date": "a date such as 2020-11-09",
           "gYear": "a year such as 2020", "string": "text", "anyURI": "a web address"}


def _check_keys_thing(b: _Builder, tid: str, thing: dict) -> None:
    tname = thing.get("type")
    spec = b.sch.types.get(tname) if isinstance(tname, str) else None
    allowed = list(_THING_KEYS) + (list(spec.keys) if spec else [])
    for key in thing:
        if key not in allowed:
            raise b.err(f"unknown key {key!r} for a {tname}{nearest(key, allowed)}; allowed: "
                        f"{', '.join(dict.fromkeys(allowed))}", thing, key, f"things.{tid}.{key}")


def case_quads(case: CaseFile, limits: Limits = Limits()) -> list[Quad]:
    """The quads of a checked case file; raises :class:`CaseFileError` naming the field at fault.

    >>> from csgraph.resources import data_dir
    >>> quads = case_quads(read_case_file(data_dir() / "lewisham.yaml"))
    >>> len(quads) > 300
    True
    """
    return _Builder(case, schema(), limits).build()
