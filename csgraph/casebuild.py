"""Build quads from case data: the one builder for case files and case tables alike.

Each thing gets an IRI scoped as its file's format says (``csid:<id>`` in ``csgraph-case/1``,
``csid:<case>/<id>`` in ``csgraph-case/2``), and its facts go into the named graph of the source section
they come from, described with PROV. A reference to another case's thing is written ``case:thing``.
``key: not-stated`` records ``<thing> cs:notStated <key's property>`` instead of a value. Every problem
found is reported, each naming its file, line and field.

>>> from csgraph.casefile import read_case_file
>>> from csgraph.resources import data_dir
>>> quads = build([read_case_file(data_dir() / "lewisham.yaml")])
>>> len(quads) > 300
True
"""

from __future__ import annotations

from collections.abc import Iterable

from pyoxigraph import Literal, NamedNode, Quad
from rdflib import DCTERMS, PROV, RDF, XSD

from .casefile import SLUG, Limits, read_case_file
from .casekeys import KeySpec, Schema, TypeSpec, nearest, schema
from .casemodel import NOT_STATED, CaseDoc, Fact, Link, Loc, Problems, ThingRec
from .casevalues import describe, literal
from .errors import CaseFileError, LimitError
from .namespace import CS, GRAPH, ID

__all__ = ["CASE_KEYS", "RESERVED_CASE_IDS", "SOURCE_KEYS", "build", "case_quads", "read_case_data", "thing_iri"]

#: Case ids that would collide with the IRIs of case-study records, sources or loaded RDF files.
RESERVED_CASE_IDS = ("case", "source", "file", "ontology")
_STRING, _DATE, _BOOL, _URI = (XSD.string, XSD.date, XSD.boolean, XSD.anyURI)


def _spec(name, path, kind, target, min_count=0, max_count=1, description=""):
    return KeySpec(name, path, kind, target, min_count, max_count, None, description,
                   (target,) if kind == "lit" else ())


#: The keys of ``case:`` (those with no property are checked, then kept only in the file).
CASE_KEYS = {k.name: k for k in (
    _spec("id", None, "slug", None, 1, description="the case id"),
    _spec("title", DCTERMS.title, "lit", _STRING, 1),
    _spec("genre", CS.genre, "concept", "genre", 1),
    _spec("describes", CS.describes, "ref", None),
    _spec("encoded", DCTERMS.created, "lit", _DATE),
    _spec("from", None, "lit", _STRING),
    _spec("notes", None, "lit", _STRING))}
#: The keys of each source under ``sources:``.
SOURCE_KEYS = {k.name: k for k in (
    _spec("url", CS.url, "lit", _URI, description="the publisher's address of the document"),
    _spec("mirror", CS.mirror, "lit", _URI, description="the address of a copy kept elsewhere (a mirror, an "
          "archive); shown where there is no url"),
    _spec("title", DCTERMS.title, "lit", _STRING),
    _spec("sections", CS.section, "concept", "section", max_count=None),
    _spec("primary", None, "lit", _BOOL),
    _spec("publisher", DCTERMS.publisher, "lit", _STRING),
    _spec("notes", None, "lit", _STRING))}
_THING_KEYS = ("type", "from")
_TYPE = NamedNode(str(RDF.type))


def thing_iri(case: str, thing: str, fmt: str) -> str:
    """The IRI of a thing: ``csid:<thing>`` in format csgraph-case/1, ``csid:<case>/<thing>`` in /2.

    >>> thing_iri("lewisham", "lewisham-yos", "csgraph-case/2")
    'https://w3id.org/csgraph/id/lewisham/lewisham-yos'
    """
    return f"{ID}{thing}" if fmt.endswith("/1") else f"{ID}{case}/{thing}"


def build(cases: Iterable[CaseDoc], things: Iterable[ThingRec] = (), links: Iterable[Link] = (),
          limits: Limits = Limits(), problems: Problems | None = None) -> list[Quad]:
    """The quads of case files and of the table rows added to them; every problem is reported at once.

    ``things`` and ``links`` come from case tables (:func:`csgraph.casetables.read_table`). Raises
    :class:`~csgraph.errors.CaseFileError` (one problem) or
    :class:`~csgraph.casemodel.CaseFileProblems` (several) unless ``problems`` collects them.
    """
    own = problems is None
    problems = Problems() if own else problems
    quads = _Builder(schema(), limits, problems).build(list(cases), list(things), list(links))
    if own:
        problems.raise_if_any()
    return quads


def case_quads(case: CaseDoc, limits: Limits = Limits()) -> list[Quad]:
    """The quads of one case file read by :func:`csgraph.casefile.read_case_file`.

    >>> from csgraph.casefile import read_case_file
    >>> from csgraph.resources import data_dir
    >>> len(case_quads(read_case_file(data_dir() / "lewisham.yaml"))) > 300
    True
    """
    return build([case], (), (), limits)


def _field(thing: ThingRec, key: str) -> str:
    return f"{thing.loc.field}.{key}" if thing.loc.field else key


def _at(loc: Loc) -> str:
    return f"{loc.path}:{loc.line}" if loc.line else loc.path


class _Builder:
    def __init__(self, sch: Schema, limits: Limits, problems: Problems) -> None:
        self.sch, self.limits, self.p = sch, limits, problems
        self.quads: list[Quad] = []
        self.cases: dict[str, CaseDoc] = {}
        self.things: dict[str, dict[str, ThingRec]] = {}
        self.extra: dict[tuple[str, str], list[Fact]] = {}
        self.types: dict[tuple[str, str], TypeSpec] = {}
        self.graphs: dict[tuple[str, str], NamedNode] = {}
        self.sections: dict[tuple[str, str], list[str] | None] = {}

    def build(self, cases: list[CaseDoc], rows: list[ThingRec], links: list[Link]) -> list[Quad]:
        for case in cases:
            self.register_case(case)
        for case in self.cases.values():
            for thing in case.things:
                self.register_thing(case.id, thing)
        for thing in rows:
            if self.case_of(thing.case, Loc(thing.loc.path, thing.loc.line, "case")):
                self.register_thing(thing.case, thing)
        for link in links:
            self.register_link(link)
        self.check_iris()
        for case in self.cases.values():
            self.case_record(case)
            for thing in self.things[case.id].values():
                self.thing(case, thing)
        return self.quads

    # registering ----------------------------------------------------------------------------------
    def register_case(self, case: CaseDoc) -> None:
        loc = case.get("id").loc if case.get("id") else case.loc
        if not SLUG.match(case.id):
            self.p.add("case.id is required: lower-case letters, digits and hyphens, such as 'lewisham'", loc)
        elif case.id in RESERVED_CASE_IDS:
            self.p.add(f"case.id {case.id!r} is reserved (it would collide with csgraph's own IRIs); "
                       "choose another", loc)
        elif case.id in self.cases:
            self.p.add(f"case id {case.id!r} is also used by {self.cases[case.id].path}; each case file "
                       "needs its own id", loc)
        else:
            self.cases[case.id] = case
            self.things[case.id] = {}
            for src in case.sources:
                if not SLUG.match(src.id):
                    self.p.add("source ids are lower-case words with hyphens, such as 'case-study'", src.loc)

    def case_of(self, case_id: str, loc: Loc) -> CaseDoc | None:
        case = self.cases.get(case_id)
        if case is None:
            self.p.add(f"case {case_id!r} is not loaded{nearest(case_id, self.cases)}; load its case file "
                       "(YAML) together with this one", loc)
        return case

    def register_thing(self, case_id: str, thing: ThingRec) -> None:
        if not SLUG.match(thing.id):
            self.p.add(f"the id {thing.id!r} must be lower-case letters, digits and hyphens, such as "
                       "'lewisham-yos'", thing.loc if thing.loc.field else Loc(thing.loc.path, thing.loc.line, "id"))
            return
        seen = self.things[case_id].get(thing.id)
        if seen is not None:
            self.p.add(f"the id {thing.id!r} is already used in case {case_id!r} (at {_at(seen.loc)}); ids must "
                       "be unique", thing.loc if thing.loc.field else Loc(thing.loc.path, thing.loc.line, "id"))
            return
        self.things[case_id][thing.id] = thing
        tfact = thing.get("type")
        spec = self.sch.types.get(tfact.text) if tfact and tfact.tag in ("str", "cell") else None
        if spec is None:
            loc = tfact.loc if tfact else Loc(thing.loc.path, thing.loc.line, _field(thing, "type"))
            got = repr(tfact.text) if tfact and tfact.tag in ("str", "cell") else describe(tfact) if tfact else None
            self.p.add(f"type {got or 'is missing'}{' is not a thing type' if got else ''}"
                       f"{nearest(tfact.text, self.sch.types) if tfact else ''}; choose one of: "
                       f"{', '.join(self.sch.types)}", loc)
        else:
            self.types[(case_id, thing.id)] = spec

    def register_link(self, link: Link) -> None:
        if self.case_of(link.case, Loc(link.loc.path, link.loc.line, "case")) is None:
            return
        if link.subject not in self.things[link.case]:
            self.p.add(f"subject {link.subject!r} is not a thing of case {link.case!r}"
                       f"{nearest(link.subject, self.things[link.case])}", link.loc)
            return
        self.extra.setdefault((link.case, link.subject), []).append(link.fact)

    def check_iris(self) -> None:
        """In csgraph-case/1 an id names one thing across files (a partner shared by two case studies);
        the same id for a thing of another type or label is a collision, named at both places."""
        owner: dict[str, ThingRec] = {}
        for case in self.cases.values():
            for thing in self.things[case.id].values():
                iri = thing_iri(case.id, thing.id, case.format)
                other = owner.setdefault(iri, thing)
                if other is thing or self.same_thing(other, thing):
                    continue
                self.p.add(f"the id {thing.id!r} is also used at {_at(other.loc)} [{other.loc.field or 'id'}] for "
                           f"another thing (case {other.case!r}); in csgraph-case/1 files an id names one thing "
                           "across all files: rename one, or use format: csgraph-case/2, which scopes ids to "
                           "their case", thing.loc if thing.loc.field else Loc(thing.loc.path, thing.loc.line, "id"))

    def same_thing(self, a: ThingRec, b: ThingRec) -> bool:
        ta, tb = self.types.get((a.case, a.id)), self.types.get((b.case, b.id))
        la, lb = a.get("label"), b.get("label")
        return ta is tb and (la.text if la else None) == (lb.text if lb else None)

    # references, concepts and provenance ------------------------------------------------------------
    def ref(self, case: CaseDoc, fact: Fact, target) -> NamedNode | None:
        other, _, tid = fact.text.rpartition(":")
        in_case = self.cases.get(other) if other else case
        if fact.tag in ("list", "map", "null", "empty") or (other and not SLUG.match(other)) or not SLUG.match(tid):
            self.p.add(f"{fact.key} must name a thing by its id, such as 'lewisham-yos' (or 'case:thing' for a "
                       f"thing of another case), not {describe(fact)}", fact.loc)
            return None
        if in_case is None:
            self.p.add(f"{fact.key} refers to case {other!r}, which is not loaded{nearest(other, self.cases)}; "
                       "load its case file together with this one", fact.loc)
            return None
        if tid not in self.things[in_case.id]:
            where = "under things" if in_case is case else f"a thing of case {in_case.id!r}"
            self.p.add(f"{fact.key} refers to {fact.text!r}, which is not {where}"
                       f"{nearest(tid, self.things[in_case.id])}", fact.loc)
            return None
        spec = self.types.get((in_case.id, tid))
        if target is not None and spec is not None and not self.sch.is_a(spec.cls, target):
            want = str(target).rsplit("#", 1)[-1]
            self.p.add(f"{fact.key} must refer to a {want}, but {fact.text!r} is a {spec.name}", fact.loc)
            return None
        return NamedNode(thing_iri(in_case.id, tid, in_case.format))

    def concept(self, scheme: str, fact: Fact) -> NamedNode | None:
        options = self.sch.concepts.get(scheme, {})
        if fact.tag in ("list", "map", "null") or fact.text not in options:
            self.p.add(f"{fact.key}: {describe(fact)} is not in the {scheme} list{nearest(fact.text, options)}; "
                       f"choose one of: {', '.join(sorted(options))}", fact.loc)
            return None
        return NamedNode(str(options[fact.text]))

    def graph_for(self, case: CaseDoc, fact: Fact) -> NamedNode | None:
        sid, _, section = fact.text.partition("#")
        if fact.tag not in ("str", "cell"):
            self.p.add(f"from must be 'source' or 'source#section', not {describe(fact)}", fact.loc)
            return None
        if (case.id, sid) not in self.sections:
            names = [s.id for s in case.sources]
            self.p.add(f"from names the source {sid!r}, which is not under sources{nearest(sid, names)}", fact.loc)
            return None
        section = section or "page"
        sections = self.sections[(case.id, sid)]
        if sections is None:
            return None
        if section != "page" and section not in sections:
            self.p.add(f"source {sid!r} has no section {section!r}{nearest(section, sections)}; list it under "
                       f"sources.{sid}.sections", fact.loc)
            return None
        if (case.id, fact.text) not in self.graphs:
            self.evidence_graph(case, sid, section, fact)
        return self.graphs.get((case.id, fact.text))

    def evidence_graph(self, case: CaseDoc, sid: str, section: str, fact: Fact) -> None:
        g = NamedNode(f"{GRAPH}{case.id}/{sid}/{section}")
        sect = self.concept("section", Fact(fact.key, section, "str", fact.loc))
        if sect is None:
            return
        self.graphs[(case.id, fact.text)] = g
        cg, src = NamedNode(f"{GRAPH}{case.id}"), NamedNode(f"{ID}source/{case.id}/{sid}")
        add = self.quads.append
        add(Quad(g, _TYPE, NamedNode(str(CS.EvidenceGraph)), cg))
        add(Quad(g, NamedNode(str(CS.section)), sect, cg))
        add(Quad(g, NamedNode(str(PROV.hadPrimarySource)), src, cg))
        add(Quad(g, NamedNode(str(PROV.wasDerivedFrom)), src, cg))
        add(Quad(g, NamedNode(str(DCTERMS.isPartOf)), NamedNode(f"{ID}case/{case.id}"), cg))
        encoded = case.get("encoded")
        if encoded is not None:  # when these facts were taken from the source
            value = literal(CASE_KEYS["encoded"], encoded, self.limits.max_literal)
            if isinstance(value, Literal):
                add(Quad(g, NamedNode(str(DCTERMS.created)), value, cg))

    # values ---------------------------------------------------------------------------------------
    def values(self, spec: KeySpec, facts: list[Fact], what: str, case: CaseDoc, node: NamedNode | None,
               graph: NamedNode | None) -> list:
        """Check the values of one key; add quads for them when ``node`` and ``graph`` are given."""
        facts = [f for f in facts if f.tag != "empty"]
        if not spec.many and (len(facts) > 1 or any(f.listed for f in facts)):
            self.p.add(f"{spec.name} takes one value, not a list", facts[0].loc)
            return []
        stated = [f for f in facts if f.text == NOT_STATED and f.tag in ("str", "cell")]
        if stated and len(facts) > 1:
            self.p.add(f"{spec.name}: {NOT_STATED} cannot stand beside values; keep one or the other", stated[0].loc)
            return []
        out = []
        for fact in facts:
            if fact.source is not None and what != "thing":
                self.p.add(f"{spec.name} of a {what} is written plainly, without value: and from:", fact.loc)
                continue
            g = self.graph_for(case, fact.source) if fact.source is not None else graph
            if fact.tag == "null":
                self.p.add(f"{spec.name} has no value; write one, or {NOT_STATED} if the source does not give it",
                           fact.loc)
                continue
            if stated and spec.path is not None and what == "thing":
                if node is not None and g is not None:
                    self.quads.append(Quad(node, NamedNode(str(CS.notStated)), NamedNode(str(spec.path)), g))
                continue
            value = self.value(spec, fact, case)
            if value is not None and node is not None and g is not None and spec.path is not None:
                self.quads.append(Quad(node, NamedNode(str(spec.path)), value, g))
            out.append(value)
        return out

    def value(self, spec: KeySpec, fact: Fact, case: CaseDoc):
        if spec.kind == "concept":
            return self.concept(str(spec.target), fact)
        if spec.kind == "ref":
            return self.ref(case, fact, spec.target)
        if spec.kind == "slug":
            return None
        value = literal(spec, fact, self.limits.max_literal)
        if isinstance(value, str):
            self.p.add(value, fact.loc, LimitError if "limit of" in value else CaseFileError)
            return None
        return value

    def keys(self, facts, allowed: dict[str, KeySpec], extra: tuple[str, ...], what: str) -> dict[str, list[Fact]]:
        """The facts grouped by key; an unknown key is reported with the nearest known one, which is then
        not reported again as missing (``_meant``)."""
        grouped: dict[str, list[Fact]] = {"_meant": []}
        for fact in facts:
            if fact.key not in allowed and fact.key not in extra:
                names = [*extra, *allowed]
                hint = nearest(fact.key, names)
                self.p.add(f"unknown key {fact.key!r} for {what}{hint}; allowed: {', '.join(names)}", fact.loc)
                grouped["_meant"].append(hint.split("'")[1] if hint else "")
                continue
            grouped.setdefault(fact.key, []).append(fact)
        return grouped

    def required(self, specs: dict[str, KeySpec], grouped: dict, loc: Loc, prefix: str, what: str) -> None:
        for spec in specs.values():
            if spec.name in grouped["_meant"]:  # already reported as a misspelt key
                continue
            if spec.min_count and not any(f.tag != "empty" for f in grouped.get(spec.name, [])):
                hint = f" ({spec.description})" if spec.description else ""
                self.p.add(f"{spec.name} is required for {what}{hint}; write {spec.name}: {NOT_STATED} if the "
                           "source does not give it", Loc(loc.path, loc.line, f"{prefix}.{spec.name}" if prefix
                                                          else spec.name))

    # records --------------------------------------------------------------------------------------
    def case_record(self, case: CaseDoc) -> None:
        cg, node = NamedNode(f"{GRAPH}{case.id}"), NamedNode(f"{ID}case/{case.id}")
        keys = self.keys(case.facts, CASE_KEYS, (), "case")
        self.required({k: s for k, s in CASE_KEYS.items() if k != "id"}, keys, case.loc, "case", "a case")
        sources = []
        for src in case.sources:
            if not SLUG.match(src.id):  # reported when the case was registered
                continue
            sk = self.keys(src.facts, SOURCE_KEYS, (), "a source")
            self.required(SOURCE_KEYS, sk, src.loc, src.loc.field, "a source")
            if not any(f.tag != "empty" for key in ("url", "mirror") for f in sk.get(key, [])) \
                    and not ({"url", "mirror"} & set(sk["_meant"])):
                self.p.add("a source needs url (its publisher's address of the document), or mirror (the address "
                           "of a copy) where the publisher's is not known", Loc(src.loc.path, src.loc.line,
                                                                                  f"{src.loc.field}.url"))
            before = len(self.p)
            self.values(SOURCE_KEYS["sections"], sk.get("sections", []), "source", case, None, None)
            self.sections[(case.id, src.id)] = (None if len(self.p) > before else  # reported: no echo below
                                                [f.text for f in sk.get("sections", []) if f.tag != "empty"])
            sources.append((src, sk))
        self.quads.append(Quad(node, _TYPE, NamedNode(str(CS.CaseStudy)), cg))
        for key in ("title", "genre", "describes", "encoded"):
            self.values(CASE_KEYS[key], keys.get(key, []), "case", case, node, cg)
        primary = [s for s, sk in sources if any(f.text.lower() == "true" for f in sk.get("primary", []))]
        for key in ("notes", "from"):
            self.values(CASE_KEYS[key], keys.get(key, []), "case", case, None, None)
        for src, sk in sources:
            s = NamedNode(f"{ID}source/{case.id}/{src.id}")
            self.quads.append(Quad(s, _TYPE, NamedNode(str(CS.Source)), cg))
            for key in ("url", "mirror", "title", "publisher", "primary", "notes"):
                self.values(SOURCE_KEYS[key], sk.get(key, []), "source", case, s, cg)
            if src in primary or (not primary and src is case.sources[0]):
                self.quads.append(Quad(node, NamedNode(str(PROV.hadPrimarySource)), s, cg))

    def thing(self, case: CaseDoc, thing: ThingRec) -> None:
        spec = self.types.get((case.id, thing.id))
        if spec is None:
            return
        node = NamedNode(thing_iri(case.id, thing.id, case.format))
        facts = [*thing.facts, *self.extra.get((case.id, thing.id), [])]
        grouped = self.keys(facts, spec.keys, _THING_KEYS, f"a {spec.name}")
        self.required(spec.keys, grouped, thing.loc, thing.loc.field, f"a {spec.name}")
        origin = grouped.get("from")
        if not origin:
            self.p.add("every thing needs from: source#section, saying where its facts come from",
                       Loc(thing.loc.path, thing.loc.line, _field(thing, "from")))
            return
        if len(origin) > 1 or origin[0].listed:
            self.p.add("from takes one source#section; give a value its own source with {value: ..., from: ...}",
                       origin[0].loc)
            return
        g = self.graph_for(case, origin[0])
        if g is None:
            return
        self.quads.append(Quad(node, _TYPE, NamedNode(str(spec.cls)), g))
        for key, kspec in spec.keys.items():
            if key in grouped:
                self.values(kspec, grouped[key], "thing", case, node, g)


def read_case_data(case_files: Iterable, table_files: Iterable = (), limits: Limits = Limits(),
                   owners: dict | None = None) -> list[Quad]:
    """Read case files and tables (each once) and build their quads; every problem in every file is
    reported together (:class:`~csgraph.casemodel.CaseFileProblems` when there are several).

    ``owners``, when given, is filled with the case file (its path) that each named graph comes from.

    >>> from csgraph.resources import data_dir
    >>> len(read_case_data(sorted(data_dir().glob("*.yaml")))) > 500
    True
    """
    from .casetables import read_table

    problems = Problems()
    cases = [c for f in case_files if (c := read_case_file(f, limits=limits, problems=problems)) is not None]
    rows: list[ThingRec] = []
    links: list[Link] = []
    for f in table_files:
        things, more = read_table(f, limits, problems)
        rows.extend(things)
        links.extend(more)
    quads = _Builder(schema(), limits, problems).build(cases, rows, links)
    problems.raise_if_any()
    if owners is not None:
        paths = {c.id: c.path for c in cases}
        owners.update((q.graph_name, paths[q.graph_name.value[len(str(GRAPH)):].split("/", 1)[0]])
                      for q in quads)
    return quads
