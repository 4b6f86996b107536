"""Validate a knowledge graph: the SHACL shapes (through pyshacl) and the ``*_violation.rq`` checks.

>>> import csgraph
>>> report = csgraph.validate(csgraph.load(bundled=True))
>>> report.conforms
True
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from pathlib import Path

from .kg import KnowledgeGraph
from .namespace import CONCEPT, ID, short
from .querycheck import trust
from .resources import ontology_dir, shapes_file

__all__ = ["Problem", "ValidationReport", "validate", "violation_queries"]

def _short(iri: str | None) -> str:
    """A thing by its id, a concept as ``concept:scheme/name``, other IRIs by :func:`short`."""
    if not iri:
        return ""
    text = str(iri)
    for ns, prefix in ((str(ID), ""), (str(CONCEPT), "concept:")):
        if text.startswith(ns):
            return prefix + text[len(ns):]
    return short(text)


def _local(iri: str) -> str:
    """A shape's name: the part of its IRI after '#' or the last '/'."""
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


@dataclass(frozen=True)
class Problem:
    """One problem: the focus node, the property path, a readable message, and which check found it."""

    focus: str
    path: str
    message: str
    check: str
    severity: str = "violation"

    def __str__(self) -> str:
        where = _short(self.focus) + (f" {_short(self.path)}" if self.path else "")
        return f"{where}: {self.message} [{self.check}]"


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of :func:`validate`: ``conforms`` and the list of problems."""

    conforms: bool
    problems: tuple[Problem, ...] = field(default_factory=tuple)
    checks: tuple[str, ...] = field(default_factory=tuple)

    def __bool__(self) -> bool:
        return self.conforms

    def to_text(self) -> str:
        """A readable summary, one line per problem."""
        if self.conforms:
            return f"conforms: {len(self.checks)} checks passed (SHACL shapes and quality queries)"
        lines = [f"does not conform: {len(self.problems)} problem(s)"]
        lines += [f"  - {p}" for p in self.problems]
        return "\n".join(lines)

    def to_table(self) -> list[dict[str, str]]:
        """The problems as rows with focus, path, message and check."""
        return [{"focus": _short(p.focus), "path": _short(p.path), "message": p.message,
                 "check": p.check} for p in self.problems]

    def _repr_html_(self) -> str:
        if self.conforms:
            return f"<p>{html.escape(self.to_text())}</p>"
        rows = "".join("<tr>" + "".join(f"<td>{html.escape(v)}</td>" for v in r.values()) + "</tr>"
                       for r in self.to_table())
        return ("<table><thead><tr><th>focus</th><th>path</th><th>message</th><th>check</th></tr>"
                f"</thead><tbody>{rows}</tbody></table>")


def violation_queries() -> list[Path]:
    """The quality checks: ``ontology/quality/*_violation.rq``; each must return no rows.

    >>> sorted(q.name for q in violation_queries())[0]
    'dangling_reference_violation.rq'
    """
    return sorted((ontology_dir() / "quality").glob("*_violation.rq"))


def validate(kg: KnowledgeGraph, *, shacl: bool = True, queries: bool = True,
             engine: str = "sparql") -> ValidationReport:
    """Run the SHACL shapes and the violation queries over everything loaded in ``kg``.

    ``engine="sparql"`` (the default) runs each shape constraint as a SPARQL query on the store
    (:mod:`csgraph.shacl`), which scales with the store; ``engine="pyshacl"`` copies the data into
    rdflib and runs pyshacl. Both report the same problems; shapes that use SHACL features the
    SPARQL engine does not compile are run by pyshacl whichever is asked for.

    Examples
    --------
    >>> import csgraph
    >>> example = csgraph.resources.ontology_dir() / "examples" / "invalid" / "pilot-without-status.trig"
    >>> report = validate(csgraph.load(example))
    >>> report.conforms, report.problems[0].check
    (False, 'shacl:PilotShape')
    """
    problems: list[Problem] = []
    checks: list[str] = []
    if shacl:
        checks.append("shacl")
        if engine not in ("sparql", "pyshacl"):
            raise ValueError(f"engine must be 'sparql' or 'pyshacl', not {engine!r}")
        problems.extend(_shacl_sparql(kg) if engine == "sparql" else _shacl(kg))
    if queries:
        from .privacy import personal_data_problems

        checks.append("personal_data")
        for focus, message in personal_data_problems(kg):
            problems.append(Problem(focus, "", message, "personal_data"))
        for q in violation_queries():
            name = q.name.removesuffix(".rq")
            checks.append(name)
            for row in kg.select(trust(q.read_text()), name=name):
                problems.append(Problem(str(row["focus"]), "", str(row["message"]), name))
    return ValidationReport(not problems, tuple(problems), tuple(checks))


def _shacl_sparql(kg: KnowledgeGraph) -> list[Problem]:
    from .shacl import compile_shapes, run_checks

    shapes = compile_shapes(shapes_file())
    if not shapes.supported:
        return _shacl(kg)
    out = [Problem(v.focus, v.check.path, v.check.message or "does not meet its shape",
                   f"shacl:{_local(v.check.shape)}", v.check.severity)
           for v in run_checks(kg, shapes)]
    return sorted(out, key=lambda p: (p.focus, p.path, p.message))


def _shacl(kg: KnowledgeGraph) -> list[Problem]:
    import pyshacl
    from rdflib import Graph
    from rdflib.namespace import RDF, SH

    from .kg import to_rdflib

    data = Graph()
    if kg.store is not None:
        add = data.add
        for q in kg.store:
            add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)))
    else:  # remote: fetch the triples of every named graph
        for row in kg.select("SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o }"):
            data.add((row[0], row[1], row[2]))
    shapes = Graph().parse(shapes_file(), format="turtle")
    conforms, results, _ = pyshacl.validate(data, shacl_graph=shapes, inference="none",
                                            advanced=False, allow_warnings=True)
    if conforms:
        return []
    out: list[Problem] = []
    # the report's own results; a failed sh:node also carries the nested shape's result as sh:detail,
    # which is part of the same problem, not another one
    for report in results.subjects(RDF.type, SH.ValidationReport):
        for r in results.objects(report, SH.result):
            out.append(_problem(r, results, shapes))
    return sorted(out, key=lambda p: (p.focus, p.path, p.message))


def _problem(r, results, shapes) -> Problem:
    from rdflib.namespace import SH

    focus = results.value(r, SH.focusNode)
    path = results.value(r, SH.resultPath)
    msg = results.value(r, SH.resultMessage)
    shape = results.value(r, SH.sourceShape)
    sev = results.value(r, SH.resultSeverity)
    node_shape = next(iter(shapes.subjects(SH.property, shape)), shape)
    return Problem(str(focus), str(path or ""), str(msg or "does not meet its shape"),
                   f"shacl:{_local(str(node_shape))}",
                   str(sev).rsplit("#", 1)[-1].lower() if sev else "violation")
