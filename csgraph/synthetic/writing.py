"""Writing the synthetic data as N-Quads: terms, the line collector, and a case study's sources and
evidence graphs laid out as case files lay them out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from rdflib.namespace import DCTERMS, ORG, PROV, RDF, RDFS, SDO, SKOS, XSD

from ..namespace import CS, GRAPH, ID, concept
from .plan import Authority

__all__ = ["Case", "Writer"]

_RDF_TYPE = RDF.type.n3()
_LABEL = RDFS.label.n3()
_ALT = SKOS.altLabel.n3()
_DESC = DCTERMS.description.n3()
_DCT_TITLE = DCTERMS.title.n3()
_DCT_PUBLISHER = DCTERMS.publisher.n3()
_DCT_CREATED = DCTERMS.created.n3()
_DCT_PART_OF = DCTERMS.isPartOf.n3()
_PRIMARY = PROV.hadPrimarySource.n3()
_DERIVED = PROV.wasDerivedFrom.n3()
_HAS_MEMBER = ORG.hasMember.n3()
_UNIT_OF = ORG.unitOf.n3()
_POST_IN = ORG.postIn.n3()
_SUB_ORG = ORG.subOrganizationOf.n3()
_ORIGINAL = ORG.originalOrganization.n3()
_RESULTING = ORG.resultingOrganization.n3()
_AWARD = SDO.award.n3()
_INTEGER, _GYEAR, _DATE, _ANY_URI = (XSD.integer.n3(), XSD.gYear.n3(), XSD.date.n3(), XSD.anyURI.n3())
_TERMS: dict[str, str] = {}


def _p(name: str) -> str:
    """A property or class of the ontology, written as N-Quads (a misspelt name fails)."""
    found = _TERMS.get(name)
    if found is None:
        found = _TERMS[name] = CS[name].n3()
    return found


_cls = _p


def _esc(text: str) -> str:
    if "\\" in text or '"' in text or "\n" in text or "\r" in text:
        text = (text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
                .replace("\r", "\\r"))
    return f'"{text}"'


def _int(n: int) -> str:
    return f'"{n}"^^{_INTEGER}'


def _year(y: int) -> str:
    return f'"{y}"^^{_GYEAR}'


def _date(d: dt.date) -> str:
    return f'"{d.isoformat()}"^^{_DATE}'


def _url(u: str) -> str:
    return f'"{u}"^^{_ANY_URI}'


_CONCEPTS: dict[tuple[str, str], str] = {}


def _c(scheme: str, notation: str) -> str:
    key = (scheme, notation)
    iri = _CONCEPTS.get(key)
    if iri is None:
        iri = _CONCEPTS[key] = concept(scheme, notation).n3()
    return iri


def _id(tid: str) -> str:
    return f"<{ID}{tid}>"


class Writer:
    """Collects quad lines and flushes them to the output."""

    __slots__ = ("count", "lines", "sink")

    def __init__(self, sink: Callable[[str], object]) -> None:
        self.lines: list[str] = []
        self.count = 0
        self.sink = sink

    def flush(self) -> None:
        if self.lines:
            self.sink("".join(self.lines))
            self.count += len(self.lines)
            self.lines.clear()


_SOURCES = {
    "case-study": ("Case study: Contextual Safeguarding in {place}", "casestudies.csgraph.example/{slug}",
                   "Contextual Safeguarding programme (synthetic)"),
    "la-codes": ("Local authority names and codes (synthetic register)",
                 "register.csgraph.example/authorities/{gss}", None),
    "arrangements": ("{place} safeguarding children partnership arrangements",
                     "{slug}.council.example/safeguarding/partnership-arrangements", None),
    "schools": ("Schools in {place} (synthetic register)", "schools.csgraph.example/authority/{gss}", None),
    "evaluation": ("Evaluation of Contextual Safeguarding work in {place}",
                   "{slug}.council.example/reports/cs-evaluation", None),
}


class Case:
    """One synthetic case study: its sources, evidence graphs and things."""

    def __init__(self, a: Authority, w: Writer, described: set[str]) -> None:
        self.a, self.w = a, w
        self.case = a.tid
        self.case_graph = f"<{GRAPH}{self.case}>"
        self.case_node = f"<{ID}case/{self.case}>"
        self.graphs: dict[tuple[str, str], str] = {}
        self.sources: list[str] = []
        # shared organisations are described once, by the first case that names them: a thing
        # described in k graphs is k rows of each of its facts in the union default graph, and
        # queries that join several of its facts would grow as a power of k
        self.described = described

    def g(self, source: str, section: str = "page") -> str:
        key = (source, section)
        graph = self.graphs.get(key)
        if graph is None:
            graph = self.graphs[key] = f"<{GRAPH}{self.case}/{source}/{section}>"
            if source not in self.sources:
                self.sources.append(source)
            src = f"<{ID}source/{self.case}/{source}>"
            cg = self.case_graph
            add = self.w.lines.append
            add(f"{graph} {_RDF_TYPE} {_cls('EvidenceGraph')} {cg} .\n")
            add(f"{graph} {_p('section')} {_c('section', section)} {cg} .\n")
            add(f"{graph} {_PRIMARY} {src} {cg} .\n")
            add(f"{graph} {_DERIVED} {src} {cg} .\n")
            add(f"{graph} {_DCT_PART_OF} {self.case_node} {cg} .\n")
        return graph

    def record(self, title: str, genre: str, encoded: dt.date) -> None:
        a, cg, node = self.a, self.case_graph, self.case_node
        add = self.w.lines.append
        add(f"{node} {_RDF_TYPE} {_cls('CaseStudy')} {cg} .\n")
        add(f"{node} {_DCT_TITLE} {_esc(title)} {cg} .\n")
        add(f"{node} {_p('genre')} {_c('genre', genre)} {cg} .\n")
        add(f"{node} {_p('describes')} {_id(a.tid)} {cg} .\n")
        add(f"{node} {_DCT_CREATED} {_date(encoded)} {cg} .\n")
        slug = a.place.lower().replace(" ", "-")
        for sid in self.sources:
            title_t, url_t, publisher = _SOURCES[sid]
            s = f"<{ID}source/{self.case}/{sid}>"
            add(f"{s} {_RDF_TYPE} {_cls('Source')} {cg} .\n")
            add(f"{s} {_p('url')} {_url('https://' + url_t.format(slug=slug, gss=a.gss.lower()))} {cg} .\n")
            add(f"{s} {_DCT_TITLE} {_esc(title_t.format(place=a.place))} {cg} .\n")
            if publisher:
                add(f"{s} {_DCT_PUBLISHER} {_esc(publisher)} {cg} .\n")
            if sid == "case-study":
                add(f"{node} {_PRIMARY} {s} {cg} .\n")
