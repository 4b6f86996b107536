"""The catalogue of named SPARQL queries: one ``.rq`` file each in ``csgraph/queries/``.

Each file starts with a header of ``#+`` comment lines holding YAML, so the file stays valid SPARQL::

    #+ summary: Partners that work with each service, and in what role
    #+ cq: [CQ4]
    #+ tags: [partners, cross-case]
    #+ params:
    #+   authority: {type: iri, description: limit to one authority}

The header is parsed strictly: an unknown key, a bad type or a missing summary is a
:class:`~csgraph.errors.QueryError`. Parameters are bound as RDF terms, never pasted into the text.

>>> import csgraph
>>> rows = csgraph.query(kg, "pilots")
>>> sorted({int(r["count"]) for r in rows if r["count"] is not None})[:1]
[11]
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .derived import derived
from .errors import QueryError, QueryParameterError
from .kg import KnowledgeGraph
from .namespace import is_absolute_iri
from .querycheck import trust
from .resources import queries_dir
from .results import Results

if TYPE_CHECKING:  # pragma: no cover
    from rdflib.term import Literal, URIRef

__all__ = [
    "PARAM_TYPES",
    "CompetencyQuestion",
    "NamedQuery",
    "Param",
    "competency_questions",
    "get_query",
    "parse_header",
    "queries",
    "query",
    "sparql",
]

_HEADER_KEYS = ("summary", "description", "params", "tags", "cq")
_PARAM_KEYS = ("type", "description", "default", "required")
PARAM_TYPES = ("iri", "string", "integer", "boolean", "date", "year")


@dataclass(frozen=True)
class Param:
    """A query parameter: its variable name, type, default and whether it must be given."""

    name: str
    type: str
    description: str = ""
    default: Any = None
    required: bool = False

    def to_term(self, value: Any) -> URIRef | Literal:
        """The value as an RDF term of this parameter's type; raises on a bad value."""
        return to_term(self.name, self.type, value)


@dataclass(frozen=True)
class NamedQuery:
    """A named query: its text and parsed header."""

    name: str
    summary: str
    text: str
    description: str = ""
    params: tuple[Param, ...] = ()
    tags: tuple[str, ...] = ()
    cq: tuple[str, ...] = ()
    path: str = ""

    def as_dict(self) -> dict[str, Any]:
        """The header as plain data (for ``csgraph queries --format json``)."""
        return {"name": self.name, "summary": self.summary, "description": self.description,
                "tags": list(self.tags), "cq": list(self.cq),
                "params": {p.name: {"type": p.type, "description": p.description,
                                    "default": p.default, "required": p.required}
                           for p in self.params}}


def _nearest(word: str, choices: Any) -> str:
    # the case-file keys module (and rdflib) is imported only when a name is wrong
    from .casekeys import nearest

    return nearest(word, choices)


def to_term(name: str, ptype: str, value: Any) -> URIRef | Literal:
    """Convert a parameter value (often text from the command line) to a validated RDF term."""
    from rdflib import XSD, Literal, URIRef

    bad = QueryParameterError
    if isinstance(value, (URIRef, Literal)):
        value = str(value)
    if ptype == "iri":
        text = str(value)
        if not is_absolute_iri(text):
            raise bad(f"parameter {name!r}: {text!r} is not an absolute IRI (no spaces, <, >, \" "
                      "or braces)")
        return URIRef(text)
    if ptype == "string":
        if not isinstance(value, str):
            raise bad(f"parameter {name!r} must be text")
        if "\x00" in value:
            raise bad(f"parameter {name!r} contains a NUL character")
        return Literal(value)
    if ptype == "integer":
        try:
            if isinstance(value, bool):
                raise ValueError
            return Literal(int(str(value).strip()), datatype=XSD.integer)
        except ValueError:
            raise bad(f"parameter {name!r} must be a whole number, not {value!r}") from None
    if ptype == "boolean":
        text = str(value).strip().lower()
        if text not in ("true", "false", "1", "0", "yes", "no"):
            raise bad(f"parameter {name!r} must be true or false, not {value!r}")
        return Literal(text in ("true", "1", "yes"), datatype=XSD.boolean)
    if ptype == "date":
        try:
            return Literal(dt.date.fromisoformat(str(value)), datatype=XSD.date)
        except ValueError:
            raise bad(f"parameter {name!r} must be a date such as 2020-11-09, not {value!r}") from None
    if ptype == "year":
        text = str(value).strip()
        if not re.fullmatch(r"\d{4}", text):
            raise bad(f"parameter {name!r} must be a year such as 2021, not {value!r}")
        return Literal(text, datatype=XSD.gYear)
    raise bad(f"parameter {name!r} has unknown type {ptype!r}")


def parse_header(text: str, source: str = "<query>") -> dict[str, Any]:
    """The YAML of the leading ``#+`` lines, checked strictly.

    >>> parse_header("#+ summary: Pilots\\n#+ tags: [pilots]\\nSELECT * WHERE { ?s ?p ?o }")
    {'summary': 'Pilots', 'tags': ['pilots']}
    """
    import yaml

    lines = []
    for line in text.splitlines():
        if line.startswith("#+"):
            lines.append(line[3:] if line.startswith("#+ ") else line[2:])
        elif line.strip() and not line.startswith("#"):
            break
    if not lines:
        raise QueryError(f"{source}: no '#+' header; start the file with '#+ summary: ...'")
    try:
        header = yaml.load("\n".join(lines), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}
    except yaml.YAMLError as exc:
        raise QueryError(f"{source}: the header is not valid YAML: {exc}") from None
    if not isinstance(header, dict):
        raise QueryError(f"{source}: the header must be key: value lines")
    for key in header:
        if key not in _HEADER_KEYS:
            raise QueryError(f"{source}: unknown header key {key!r}{_nearest(key, _HEADER_KEYS)}; "
                             f"allowed: {', '.join(_HEADER_KEYS)}")
    if not isinstance(header.get("summary"), str) or not header["summary"].strip():
        raise QueryError(f"{source}: the header needs a summary")
    for key in ("tags", "cq"):
        if not isinstance(header.get(key, []), list):
            raise QueryError(f"{source}: {key} must be a list such as [a, b]")
    params = header.get("params") or {}
    if not isinstance(params, dict):
        raise QueryError(f"{source}: params must be a mapping of name: {{type: ...}}")
    for pname, spec in params.items():
        if not isinstance(spec, dict):
            raise QueryError(f"{source}: parameter {pname!r} must be a mapping with a type")
        for key in spec:
            if key not in _PARAM_KEYS:
                raise QueryError(f"{source}: parameter {pname!r} has unknown key {key!r}"
                                 f"{_nearest(key, _PARAM_KEYS)}")
        if spec.get("type") not in PARAM_TYPES:
            raise QueryError(f"{source}: parameter {pname!r} has type {spec.get('type')!r}; "
                             f"choose one of {', '.join(PARAM_TYPES)}")
        if spec.get("default") is not None:
            to_term(pname, spec["type"], spec["default"])
    return header


@cache
def _named(path: Path) -> NamedQuery:
    text = trust(path.read_text(encoding="utf-8"))
    # the command line keeps parsed headers on disk: a query then runs without importing PyYAML
    h = derived("query-header", text.encode(), lambda: parse_header(text, path.name))
    params = tuple(Param(name=n, type=s["type"], description=str(s.get("description", "")),
                         default=s.get("default"), required=bool(s.get("required", False)))
                   for n, s in (h.get("params") or {}).items())
    return NamedQuery(name=path.stem, summary=h["summary"].strip(), text=text,
                      description=str(h.get("description", "")).strip(), params=params,
                      tags=tuple(map(str, h.get("tags", []))), cq=tuple(map(str, h.get("cq", []))),
                      path=str(path))


@lru_cache(maxsize=1)
def _catalogue() -> dict[str, NamedQuery]:
    return {p.stem: _named(p) for p in sorted(queries_dir().glob("*.rq"))}


def queries() -> list[NamedQuery]:
    """Every named query, sorted by name.

    Examples
    --------
    >>> names = [q.name for q in queries()]
    >>> "pilots" in names and "cs-priorities" in names
    True
    """
    return list(_catalogue().values())


def get_query(name: str) -> NamedQuery:
    """The named query ``name``; a clear error (with the nearest name) if there is none.

    Examples
    --------
    >>> get_query("pilots").cq
    ('CQ13',)
    """
    path = queries_dir() / f"{name}.rq"
    if "/" in name or not path.is_file():  # only the one file is read, unless the name is unknown
        cat = _catalogue()
        raise QueryError(f"no named query {name!r}{_nearest(name, cat)}; `csgraph queries` lists them")
    return _named(path)


@dataclass(frozen=True)
class CompetencyQuestion:
    """A row of ``ontology/competency-questions.yaml``: a question, the named query that answers it,
    its parameters, and the columns its expected answer names."""

    id: str
    question: str
    query: str
    params: tuple[tuple[str, str], ...] = ()
    columns: tuple[str, ...] = ()


@lru_cache(maxsize=1)
def competency_questions() -> tuple[CompetencyQuestion, ...]:
    """The competency questions, in the table's order.

    >>> next(c for c in competency_questions() if c.id == "CQ13").query
    'pilots'
    """
    import yaml

    from .resources import ontology_dir

    out = []
    for row in yaml.safe_load((ontology_dir() / "competency-questions.yaml").read_text(encoding="utf-8")):
        columns = dict.fromkeys(k for inc in row.get("include") or () for k in inc)
        if row.get("column"):
            columns.setdefault(row["column"]["name"])
        out.append(CompetencyQuestion(str(row["id"]), str(row["question"]), str(row["query"]),
                                      tuple((k, str(v)) for k, v in (row.get("params") or {}).items()),
                                      tuple(columns)))
    return tuple(out)


def bind(q: NamedQuery, params: dict[str, Any]) -> dict[str, URIRef | Literal]:
    """Check ``params`` against the query's header and return the bindings as RDF terms."""
    known = {p.name: p for p in q.params}
    for key in params:
        if key not in known:
            raise QueryParameterError(f"query {q.name!r} has no parameter {key!r}{_nearest(key, known)}"
                                      + (f"; its parameters: {', '.join(known)}" if known else
                                         "; it takes no parameters"))
    out = {}
    for p in q.params:
        value = params.get(p.name, p.default)
        if value is None:
            if p.required:
                raise QueryParameterError(f"query {q.name!r} needs the parameter {p.name!r} "
                                          f"({p.type}): {p.description}")
            continue
        out[p.name] = p.to_term(value)
    return out


def query(kg: KnowledgeGraph, name: str, **params: Any) -> Results:
    """Run the named query ``name`` with ``params`` bound as RDF terms.

    Examples
    --------
    >>> rows = query(kg, "challenges", area="https://w3id.org/csgraph/id/lewisham")
    >>> sorted({str(r["challengeTypeLabel"]) for r in rows})
    ['Covid-19 restrictions', 'funding and sustainability', 'gaining buy-in']
    >>> len(query(kg, "find", text='x" || true || "'))   # a hostile value is just a literal
    0
    """
    q = get_query(name)
    return kg.select(q.text, bind(q, params), name=name)


def sparql(kg: KnowledgeGraph, text: str, *, allow_external: bool = False, **bindings: Any) -> Results:
    """Run ad-hoc SPARQL text through the same path as named queries.

    Keyword arguments are bound to variables of the same name (rdflib terms, or plain text as a
    literal).

    Examples
    --------
    >>> res = sparql(kg, "SELECT ?name WHERE { ?x a cs:Accreditor ; rdfs:label ?name }")
    >>> [str(r.name) for r in res]
    ['Restorative Justice Council']
    """
    if bindings:
        from rdflib.term import Literal, URIRef
    terms = {k: v if isinstance(v, (URIRef, Literal)) else Literal(v) for k, v in bindings.items()}
    return kg.select(text, terms, allow_external=allow_external)
