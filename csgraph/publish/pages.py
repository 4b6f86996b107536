"""The HTML pages of a release: one per thing (its facts, each with the source and section it comes
from, and the links to it), the home page, the downloads page and the traces of strategies.

Everything from the data is escaped; links go only to pages inside the release, or to a source's own
``http(s)`` address.
"""

from __future__ import annotations

import pyoxigraph as ox
from rdflib.namespace import RDF, XSD

from ..namespace import CS, ID, ONTOLOGY_GRAPH, PREFIXES
from .htmlkit import esc, html_page
from .index import Index
from .layout import alternate_path, link_from, own_page, page_path

__all__ = ["home_page", "iri_link", "thing_page", "trace_page", "trace_path"]

_XSD = str(XSD)


def trace_path(strategy: str) -> str | None:
    """Where the trace of a strategy goes: ``trace/`` and the strategy's path under ``id/``.

    >>> trace_path("https://w3id.org/csgraph/id/early-help-plan")
    'trace/early-help-plan.html'
    """
    path = own_page(strategy)
    return "trace/" + path[len("id/"):] if path and strategy.startswith(str(ID)) else None


def _external(url: str, text: str) -> str:
    if url.startswith(("https://", "http://")):
        return f'<a href="{esc(url)}" rel="noopener noreferrer">{esc(text)}</a>'
    return esc(text)


def _compact(iri: str) -> str:
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return iri


def iri_link(idx: Index, iri: str, here: str, *, text: str | None = None) -> str:
    """A link from the page ``here`` to the page of ``iri``, or the IRI as text if it has none."""
    target = page_path(iri) if (iri in idx.facts or iri in idx.kinds) else None
    shown = esc(text if text is not None else idx.label(iri))
    if target is None:
        return f'<span class="iri">{esc(_compact(iri))}</span>' if text is None else shown
    return f'<a href="{esc(link_from(here, target))}">{shown}</a>'


def _value(idx: Index, term: ox.Term, here: str) -> str:
    if isinstance(term, ox.NamedNode):
        return iri_link(idx, term.value, here)
    if isinstance(term, ox.Literal):
        extra = ""
        if term.language:
            extra = f" <small class=\"muted\">@{esc(term.language)}</small>"
        elif term.datatype.value not in (_XSD + "string", _XSD + "langString"):
            extra = f" <small class=\"muted\">{esc(term.datatype.value.replace(_XSD, 'xsd:'))}</small>"
        return esc(term.value) + extra
    return f"<span class=\"iri\">{esc(str(term))}</span>"


def _source(idx: Index, graph: str, here: str) -> str:
    prov = idx.provenance.get(graph)
    if prov is None or not prov.source:
        if graph == str(ONTOLOGY_GRAPH):
            return f'<a href="{esc(link_from(here, "ontology.html"))}">the ontology</a>'
        return iri_link(idx, graph, here) if graph else ""
    title = ", ".join(x for x in (prov.source_title or prov.url or idx.label(prov.source), prov.publisher) if x)
    if prov.mirror:
        title += " (a copy)"
    where = _external(prov.url, title) if prov.url else esc(title)
    return f"{where}, section {iri_link(idx, graph, here, text=prov.section)}"


def thing_page(idx: Index, iri: str) -> tuple[str, str]:
    """(path, page) for the thing ``iri``: its facts with their sources, and the links to it."""
    here = own_page(iri)
    assert here is not None
    kinds = ", ".join(iri_link(idx, k, here) for k in idx.kinds.get(iri, ()))
    # the Turtle and JSON-LD files sit beside the page
    ttl, jsonld = (str(alternate_path(iri, s)).rsplit("/", 1)[-1] for s in ("ttl", "jsonld"))
    head = (f'<link rel="alternate" type="text/turtle" href="{esc(ttl)}">\n'
            f'<link rel="alternate" type="application/ld+json" href="{esc(jsonld)}">\n')
    body = [f'<p class="iri">{esc(iri)}</p>', f"<p>{kinds}</p>" if kinds else "",
            f'<p>Machine-readable: <a href="{esc(ttl)}">Turtle</a>, <a href="{esc(jsonld)}">JSON-LD</a>.</p>']
    traced = trace_path(iri) if str(CS.Strategy) in idx.kinds.get(iri, ()) else None
    if traced:
        body.append(f'<p><a href="{esc(link_from(here, traced))}">From this strategy to practice</a></p>')
    rows = sorted(idx.facts.get(iri, ()), key=lambda f: (f[0] != str(RDF.type), idx.label(f[0]), str(f[1])))
    body.append("<h2>Facts</h2><table><thead><tr><th>property</th><th>value</th><th>source and section</th>"
                "</tr></thead><tbody>")
    body += [f"<tr><td>{iri_link(idx, p, here)}</td><td>{_value(idx, o, here)}</td>"
             f"<td>{_source(idx, g, here)}</td></tr>" for p, o, g in rows]
    body.append("</tbody></table>")
    incoming = sorted(idx.incoming.get(iri, ()), key=lambda f: (idx.label(f[1]), idx.label(f[0])))
    if incoming:
        body.append("<h2>Linked from</h2><table><thead><tr><th>thing</th><th>property</th>"
                    "<th>source and section</th></tr></thead><tbody>")
        body += [f"<tr><td>{iri_link(idx, s, here)}</td><td>{iri_link(idx, p, here)}</td>"
                 f"<td>{_source(idx, g, here)}</td></tr>" for s, p, g in incoming]
        body.append("</tbody></table>")
    return here, html_page(idx.label(iri), "\n".join(body), depth=here.count("/"), head=head)


def _list(idx: Index, iris: list[str], here: str) -> str:
    items = "".join(f"<li>{iri_link(idx, i, here)}</li>" for i in iris)
    return f'<ul class="cols">{items}</ul>' if items else "<p class=\"muted\">None.</p>"


def home_page(idx: Index, *, title: str, summary: str, citation: str, strategies: list[str]) -> str:
    """The release's home page: case studies, authorities, traces, and where to go next."""
    here = "index.html"
    cases = idx.of_kind(str(CS.CaseStudy))
    case_items = []
    for case in cases:
        about = [o.value for p, o, _ in idx.facts[case] if p == str(CS.describes)]
        extra = f" (about {iri_link(idx, about[0], here)})" if about else ""
        case_items.append(f"<li>{iri_link(idx, case, here)}{extra}</li>")
    traces = "".join(f'<li><a href="{esc(trace_path(s))}">{esc(idx.label(s))}</a></li>'
                     for s in strategies if trace_path(s))
    body = [f"<p>{esc(summary)}</p>",
            '<p>Explore: <a href="query.html">query the data in your browser</a> · '
            '<a href="network.html">the partnership network</a> · <a href="ontology.html">the ontology</a> · '
            '<a href="downloads.html">downloads and descriptions</a>.</p>',
            f"<h2>Case studies</h2><ul>{''.join(case_items) or '<li>None.</li>'}</ul>",
            "<h2>Local authorities</h2>" + _list(idx, idx.of_kind(str(CS.LocalAuthority)), here),
            "<h2>Partnerships</h2>" + _list(idx, idx.of_kind(str(CS.Partnership)), here),
            "<h2>Strategies, traced to practice</h2>" + (f"<ul>{traces}</ul>" if traces else
                                                          '<p class="muted">None.</p>'),
            f"<h2>How to cite</h2><p>{esc(citation)}</p>"]
    return html_page(title, "\n".join(body))


def _step(step, idx: Index, here: str) -> str:
    evidence = "; ".join(_external(e.url, f"{e.document}, {e.section}" + (" (a copy)" if e.mirror else ""))
                         for e in step.evidence)
    attrs = "; ".join(f"{esc(k)}: {esc(v)}" for k, v in step.attributes)
    line = (f"{esc(step.relation)}: " if step.relation else "") + iri_link(idx, step.iri, here,
                                                                          text=step.label)
    line += f" <small class=\"muted\">({esc(step.kind)}{'; ' + attrs if attrs else ''})</small>"
    if step.repeated:
        line += " <small class=\"muted\">(see above)</small>"
    if evidence:
        line += f"<br><small>{evidence}</small>"
    children = "".join(_step(c, idx, here) for c in step.children)
    return f"<li>{line}{f'<ul>{children}</ul>' if children else ''}</li>"


def trace_page(idx: Index, strategy: str, trace) -> tuple[str, str]:
    """(path, page) of a strategy's trace to practice (:func:`csgraph.trace`)."""
    here = trace_path(strategy)
    assert here is not None
    body = (f"<p>How {iri_link(idx, strategy, here)} reaches practice, with the source and section of "
            "every link.</p>" f'<div class="trace"><ul>{_step(trace.root, idx, here)}</ul></div>')
    return here, html_page(f"Trace: {idx.label(strategy)}", body, depth=here.count("/"))
