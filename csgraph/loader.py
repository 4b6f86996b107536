"""Load case files, case tables and RDF into a knowledge graph, atomically.

>>> kg = load()          # the ontology and vocabularies only
>>> len(kg) > 1000
True
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pyoxigraph as ox
from rdflib.namespace import DCTERMS, OWL, PROV, RDF

from .casefile import Limits
from .errors import CSGraphError, LimitError, LoadError, ParseError, UnsafeInputError
from .inputs import CASE_SUFFIXES, FORMATS, TABLE_SUFFIXES, expand_paths
from .kg import KnowledgeGraph
from .namespace import CS, GRAPH, ID, ONTOLOGY_GRAPH, ONTOLOGY_IRI
from .resources import data_dir, ontology_files

__all__ = ["CASE_SUFFIXES", "FORMATS", "add", "expand_paths", "load"]

# formats whose syntax nests (N-Triples and N-Quads do not, so big dumps skip the scan)
_NESTED_FORMATS = {ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG, ox.RdfFormat.JSON_LD, ox.RdfFormat.RDF_XML}
_QUAD_FORMATS = {ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG}
log = logging.getLogger(__name__)
_LINE_FORMATS = {ox.RdfFormat.N_TRIPLES, ox.RdfFormat.N_QUADS}
def _remedy() -> str:
    from .errors import hint

    flag = hint(python="allow_personal_data=True", cli="--allow-personal-data")
    return (f"remove it (docs/personal-data.md lists what is refused and why), or load with {flag} "
            "only inside a secure research environment")
_RDF_TYPE = ox.NamedNode(str(RDF.type))
_OWL_ONTOLOGY = ox.NamedNode(str(OWL.Ontology))
_ONTOLOGY = ox.NamedNode(str(ONTOLOGY_GRAPH))
_DESCRIBED = (f"SELECT DISTINCT ?g WHERE {{ GRAPH ?x {{ ?g a <{CS.EvidenceGraph}> ; "
              f"<{DCTERMS.isPartOf}> ?c ; <{PROV.hadPrimarySource}> ?s }} }}")
_RECORDS = f"SELECT DISTINCT ?g ?c WHERE {{ GRAPH ?g {{ ?c a <{CS.CaseStudy}> }} }}"


def load(*paths: str | os.PathLike, store: KnowledgeGraph | ox.Store | str | os.PathLike | None = None,
         limits: Limits = Limits(), bundled: bool = False,
         allow_personal_data: bool = False) -> KnowledgeGraph:
    """Load files and folders into a knowledge graph and return it.

    With no ``store`` a new in-memory store is made; a path opens (or creates) an on-disk store; an
    existing :class:`KnowledgeGraph` or Oxigraph store is added to. The ontology and vocabularies are
    always present. ``bundled=True`` adds the case data shipped with csgraph.

    Loading is atomic: if any file fails, nothing is added and a :class:`~csgraph.errors.LoadError`
    names the file, line or field.

    Personal data about people (the rules of :data:`csgraph.personal.RULES`, listed in
    ``docs/personal-data.md``) is refused with :class:`~csgraph.errors.UnsafeInputError`;
    ``allow_personal_data=True`` loads it anyway, for a secure research environment, and logs a
    warning each time.

    Examples
    --------
    >>> kg = load(bundled=True)
    >>> len(kg.sources) >= 5
    True
    >>> "https://w3id.org/csgraph/graph/lewisham/case-study/put-in-place" in kg.graphs()
    True
    """
    if isinstance(store, KnowledgeGraph):
        kg = store
    elif isinstance(store, ox.Store):
        kg = KnowledgeGraph(store)
    elif store is not None:
        kg = KnowledgeGraph(ox.Store(str(store)))
    else:
        kg = KnowledgeGraph(ox.Store())
        return _load_into(kg, paths, limits, bundled, fresh=True, personal=allow_personal_data)
    return _load_into(kg, paths, limits, bundled, fresh=False, personal=allow_personal_data)


def add(kg: KnowledgeGraph, *paths: str | os.PathLike, limits: Limits = Limits(),
        allow_personal_data: bool = False) -> KnowledgeGraph:
    """Add files to an existing knowledge graph, atomically (see :func:`load`).

    Examples
    --------
    >>> import pathlib, tempfile
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "extra.nt"
    >>> _ = f.write_text('<https://w3id.org/csgraph/id/x> <http://www.w3.org/2000/01/rdf-schema#label> "X" .')
    >>> kg = load()
    >>> before = len(kg)
    >>> len(add(kg, f)) - before
    1
    """
    return _load_into(kg, paths, limits, False, fresh=False, personal=allow_personal_data)


def _load_into(kg: KnowledgeGraph, paths, limits: Limits, bundled: bool, fresh: bool,
               personal: bool = False) -> KnowledgeGraph:
    if kg.store is None:
        raise CSGraphError("cannot load files into a remote endpoint; use csgraph.push")
    files = expand_paths([*([data_dir()] if bundled else []), *paths])
    target = kg.store
    # A fresh store is thrown away on failure, so it can be loaded directly; an existing one is
    # staged in memory first and extended in one transaction, so a failure leaves it untouched.
    stage = target if fresh else ox.Store()
    _ensure_ontology(stage if fresh else target, stage)
    owners: dict = {}
    for f in files:
        _check_size(f, limits)
    case_files = [f for f in files if f.suffix.lower() in CASE_SUFFIXES]
    table_files = [f for f in files if f.suffix.lower() in TABLE_SUFFIXES]
    if case_files or table_files:
        from .casebuild import read_case_data

        stage.extend(read_case_data(case_files, table_files, limits, owners=owners))
    taken = set() if fresh else {g for g in target.named_graphs() if g.value.startswith(str(GRAPH))}
    rdf = [f for f in files if f.suffix.lower() in FORMATS]
    lines = [f for f in rdf if FORMATS[f.suffix.lower()] in _LINE_FORMATS]
    for f in rdf:
        if f not in lines:
            _load_rdf(stage, f, limits, owners, taken)
    if personal:
        log.warning("personal data is allowed in this load (allow_personal_data=True) of %s; keep "
                    "the store and its exports inside the secure environment",
                    ", ".join(str(f) for f in files) or "the ontology")
    else:  # everything staged so far; N-Triples and N-Quads files are read as they load
        _refuse_personal_data(stage, owners)
    for f in lines:
        _load_lines(stage, f, limits, owners, taken, scan=not personal)
    if lines and not personal:
        _refuse_personal_data(stage, owners, text=False)
    if not fresh:
        target.extend(list(stage))
    kg.sources.extend(str(f) for f in files)
    return kg


def _ensure_ontology(target: ox.Store, stage: ox.Store) -> None:
    if any(True for _ in target.quads_for_pattern(ox.NamedNode(str(ONTOLOGY_IRI)), _RDF_TYPE,
                                                   _OWL_ONTOLOGY, ox.NamedNode(str(ONTOLOGY_GRAPH)))):
        return
    for f in ontology_files():
        stage.load(path=str(f), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(str(ONTOLOGY_GRAPH)))


def _check_size(path: Path, limits: Limits) -> None:
    suffix = path.suffix.lower()
    size = path.stat().st_size
    case = suffix in (*CASE_SUFFIXES, *TABLE_SUFFIXES)
    cap = limits.max_case_bytes if case else limits.max_bytes
    if size > cap:
        raise LimitError(f"the file is {size} bytes, over the limit of {cap} bytes; if you trust it, "
                         f"raise the limit: --max-file-mb on the command line, or "
                         f"Limits({'max_case_bytes' if case else 'max_bytes'}=...) in Python",
                         path=str(path))


def _load_rdf(stage: ox.Store, path: Path, limits: Limits, owners: dict, taken: set) -> None:
    fmt = FORMATS[path.suffix.lower()]
    graphs = set(stage.named_graphs())
    if fmt in _QUAD_FORMATS:
        before = {g: _count(stage, g) for g in graphs if g.value.startswith(str(GRAPH))}
        _parse_into(stage, path, fmt, limits)
        _check_graph_owners(stage, path, before, owners, taken)
    else:
        _parse_into(stage, path, fmt, limits)
    for g in stage.named_graphs():
        if g not in graphs:
            owners[g] = str(path)
    owners.setdefault(ox.DefaultGraph(), str(path))


def _load_lines(stage: ox.Store, path: Path, limits: Limits, owners: dict, taken: set, *,
                scan: bool) -> None:
    """Load an N-Triples or N-Quads file while another process reads its literals for personal
    data (Oxigraph holds the interpreter while it loads, so a thread would not run alongside)."""
    if not scan:
        _load_rdf(stage, path, limits, owners, taken)
        return
    from .personal import RULES, first_in_line_file

    answer = _in_child(first_in_line_file, path)
    try:
        _load_rdf(stage, path, limits, owners, taken)
    finally:
        hit = answer()
    if hit:
        text, names = hit
        why = next(r.why for r in RULES if r.name == names[0])
        raise UnsafeInputError(f"personal data is refused: {names[0]}: '{text[:60]}': {why}; "
                               f"{_remedy()}", path=str(path), line=_line_of(path, text[:40]))


def _in_child(fn, *args):
    """Start ``fn(*args)`` in a forked process; return a function that waits for its JSON-able
    answer. Where there is no fork, or the child gives no answer, ``fn`` runs here instead."""
    if not hasattr(os, "fork"):
        return lambda: fn(*args)
    import json

    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: answer, and leave without running the parent's clean-up
        try:
            os.close(read_end)
            with os.fdopen(write_end, "wb") as out:
                out.write(json.dumps(fn(*args)).encode("utf-8"))
        finally:
            os._exit(0)
    os.close(write_end)

    def answer():
        with os.fdopen(read_end, "rb") as fh:
            data = fh.read()
        os.waitpid(pid, 0)
        try:
            return json.loads(data)
        except ValueError:  # the child failed: do the work here
            return fn(*args)
    return answer


def _refuse_personal_data(stage: ox.Store, owners: dict, *, text: bool = True) -> None:
    """Raise :class:`UnsafeInputError` naming the first personal data found in the staged files."""
    from .personal import find_personal_data
    from .privacy import store_select

    found = find_personal_data(store_select(stage), limit=1, text=text)
    if not found:
        return
    f = found[0]
    path = owners.get(ox.NamedNode(f.graph) if f.graph else ox.DefaultGraph())
    line = _line_of(Path(path), f.text[:40] or f.predicate) if path and (f.text or f.predicate) else None
    raise UnsafeInputError(f"personal data is refused: {f.message()}; {_remedy()}", path=path, line=line)


def _parse_into(stage: ox.Store, path: Path, fmt: ox.RdfFormat, limits: Limits) -> None:
    if fmt in _NESTED_FORMATS:
        from .filecheck import check_depth, check_rdfxml

        data = path.read_bytes()
        if fmt == ox.RdfFormat.RDF_XML:
            check_rdfxml(path, data)
        else:
            check_depth(path, data, limits.max_depth, json=fmt == ox.RdfFormat.JSON_LD,
                        max_literal=limits.max_literal)
    graph = None if fmt in _QUAD_FORMATS else ox.NamedNode(f"{GRAPH}file/{_slug(path.stem)}")
    try:
        stage.load(path=str(path), format=fmt, to_graph=graph)
    except SyntaxError as exc:
        msg = str(exc)
        if "LoadDocumentCallback" in msg or "remote context" in msg.lower():
            raise UnsafeInputError("the JSON-LD asks for a remote or file @context, which csgraph "
                                   "never fetches; inline the context", path=str(path)) from None
        raise ParseError(_clean(msg), path=str(path), line=exc.lineno,
                         column=exc.offset) from None
    except (OSError, ValueError) as exc:
        raise LoadError(f"could not read the file: {exc}", path=str(path)) from None


def _count(store: ox.Store, graph: ox.NamedNode) -> int:
    return sum(1 for _ in store.quads_for_pattern(None, None, None, graph))


def _check_graph_owners(stage: ox.Store, path: Path, before: dict, owners: dict, taken: set) -> None:
    """Refuse a quad file that writes into a graph under the evidence namespace it does not own.

    A graph under ``GRAPH`` belongs to the case file that produces it, or to the RDF files that
    write it and describe it (``G a cs:EvidenceGraph ; dct:isPartOf CASE ; prov:hadPrimarySource
    SOURCE``, or ``G`` is the record graph ``GRAPH + id`` holding ``ID case/<id> a cs:CaseStudy``).
    The loader's per-file graphs belong to csgraph; the ontology graph may be extended.
    """
    own = {g for g, in _rows(stage, _DESCRIBED)}
    own.update(g for g, c in _rows(stage, _RECORDS)
               if c.startswith(f"{ID}case/") and g == f"{GRAPH}{c[len(str(ID)) + 5:]}")
    for g in stage.named_graphs():
        name = g.value
        if not name.startswith(str(GRAPH)) or g == _ONTOLOGY:  # ontology extensions are allowed
            continue
        owner = str(owners.get(g) or "")
        if g in before and owner.lower().endswith(CASE_SUFFIXES):
            if _count(stage, g) == before[g]:
                continue  # the same facts again (an unchanged export): nothing forged
            why = f"which {owner} produces"
        elif g in before and _count(stage, g) == before[g]:
            continue
        elif g in taken:
            why = "which is already in the store"
        elif name.startswith(f"{GRAPH}file/") or name not in own:
            why = ("without describing it as a cs:EvidenceGraph with its case (dct:isPartOf) and "
                   "source (prov:hadPrimarySource)")
        else:
            continue
        raise UnsafeInputError(f"the file writes into the evidence graph <{name}> {why}; evidence "
                               "graphs come from case files, or from an RDF file that describes the "
                               "graphs it writes; nothing was loaded", path=str(path),
                               line=_line_of(path, f"<{name}>"))


def _rows(store: ox.Store, query: str) -> list[tuple]:
    return [tuple(t.value for t in sol) for sol in store.query(query)]


def _line_of(path: Path, text: str) -> int | None:
    data = path.read_bytes()
    pos = data.find(text.encode("utf-8"))
    return data.count(b"\n", 0, pos) + 1 if pos >= 0 else None


def _clean(msg: str) -> str:
    return msg.replace("Parser error ", "syntax error ")


def _slug(text: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "-" for c in text.lower()) or "file"
