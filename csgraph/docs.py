"""Ontology documentation: one self-contained HTML page generated from ``ontology/``.

Classes, properties and concept schemes with their labels, definitions, superclasses, domains and
ranges, linked to each other; each relation between things is worded both ways and given its
direction from strategy to practice (from :mod:`csgraph.relations`). Run
``csgraph docs -o docs/build/ontology.html``; the page is generated, not committed.
"""

from __future__ import annotations

import html
import os
from pathlib import Path

from .namespace import CS, ONTOLOGY_IRI, short
from .relations import BY_PREDICATE

__all__ = ["ontology_html", "write_docs"]

_CSS = """body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
h1{font-size:1.6rem}h2{margin-top:2rem;border-bottom:1px solid #ccc}h3{margin:1.2rem 0 .2rem;font-size:1.05rem}
code{background:#f4f4f4;padding:0 .2rem}dl{margin:.2rem 0 0 1rem}dt{font-weight:600;float:left;
width:9rem;clear:left}dd{margin-left:9.5rem}.term{border-left:3px solid #8ab;padding-left:.6rem}
nav a{margin-right:.6rem}"""


def _graph():
    from rdflib import Graph

    from .resources import ontology_files

    g = Graph()
    for f in ontology_files():
        g.parse(f, format="turtle")
    return g


def ontology_html() -> str:
    """The documentation page as text.

    >>> page = ontology_html()
    >>> page.startswith("<!DOCTYPE html>") and 'id="Pilot"' in page
    True
    """
    from rdflib import OWL, RDF, RDFS, SKOS
    from rdflib.namespace import DCTERMS

    g = _graph()
    esc = html.escape
    ns = str(CS._NS)
    onto = ONTOLOGY_IRI
    name = short

    def link(iri) -> str:
        n = name(iri)
        if n.startswith("cs:"):
            return f'<a href="#{esc(n[3:])}"><code>{esc(n)}</code></a>'
        return f"<code>{esc(n)}</code>"

    def term(s, kind: str) -> str:
        rows = [("IRI", f"<code>{esc(str(s))}</code>"),
                ("definition", esc(str(g.value(s, SKOS.definition) or "")))]
        for p, label in ((RDFS.subClassOf, "subclass of"), (RDFS.domain, "domain"), (RDFS.range, "range")):
            vals = sorted(g.objects(s, p), key=str)
            if vals:
                rows.append((label, ", ".join(link(v) for v in vals)))
        for p, label in ((CS.evidencesDomain, "evidence for domain"), (CS.evidencesLevel, "evidence of level")):
            vals = sorted(g.objects(s, p), key=str)
            if vals:
                rows.append((label, ", ".join(esc(str(g.value(v, SKOS.prefLabel))) for v in vals)))
        rel = BY_PREDICATE.get(s)
        if rel is not None:
            towards = {"forward": "from subject to object", "backward": "from object to subject",
                       None: "not on the way from strategy to practice"}[rel.direction]
            rows.append(("read as", f"X {esc(rel.forward)} Y; Y {esc(rel.backward)} X"))
            rows.append(("strategy to practice", towards))
        anchor = str(s)[len(ns):]
        body = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows)
        return (f'<div class="term" id="{esc(anchor)}"><h3>{esc(str(g.value(s, RDFS.label)))} '
                f"<small>({kind})</small></h3><dl>{body}</dl></div>")

    parts = [f"<h1>{esc(str(g.value(onto, DCTERMS.title)))}</h1>",
             f"<p>{esc(str(g.value(onto, DCTERMS.description)))}</p>",
             f"<p>Namespace <code>{esc(ns)}</code>; version {esc(str(g.value(onto, OWL.versionInfo)))}; "
             f"licence <code>{esc(str(g.value(onto, DCTERMS.license)))}</code>.</p>",
             '<nav><a href="#classes">Classes</a><a href="#properties">Properties</a>'
             '<a href="#schemes">Concept schemes</a></nav>', '<h2 id="classes">Classes</h2>']
    def ours(kind):
        return sorted((s for s in g.subjects(RDF.type, kind) if str(s).startswith(ns)),
                      key=lambda s: str(g.value(s, RDFS.label)).lower())
    parts += [term(s, "class") for s in ours(OWL.Class)]
    parts.append('<h2 id="properties">Properties</h2>')
    for kind, label in ((OWL.ObjectProperty, "object property"), (OWL.DatatypeProperty, "datatype property"),
                        (OWL.AnnotationProperty, "annotation property")):
        parts += [term(s, label) for s in ours(kind)]
    parts.append('<h2 id="schemes">Concept schemes</h2>')
    for scheme in sorted(g.subjects(RDF.type, SKOS.ConceptScheme), key=str):
        concepts = sorted(g.subjects(SKOS.inScheme, scheme), key=lambda c: str(g.value(c, SKOS.notation)))
        items = "".join(f"<dt><code>{esc(str(g.value(c, SKOS.notation)))}</code></dt>"
                        f"<dd><b>{esc(str(g.value(c, SKOS.prefLabel)))}</b>: "
                        f"{esc(str(g.value(c, SKOS.definition)))}</dd>" for c in concepts)
        parts.append(f"<h3>{esc(str(g.value(scheme, SKOS.prefLabel)))} <small><code>{esc(str(scheme))}"
                     f"</code></small></h3><p>{esc(str(g.value(scheme, SKOS.definition)))}</p><dl>{items}</dl>")
    return ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
            f"<title>csgraph ontology</title><style>{_CSS}</style></head><body>{''.join(parts)}</body></html>")


def write_docs(path: str | os.PathLike = "docs/build/ontology.html") -> Path:
    """Write the documentation page; returns its path."""
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(ontology_html(), encoding="utf-8")
    return out
