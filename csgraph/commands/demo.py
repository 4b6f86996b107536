"""``csgraph demo``: load the bundled case data, validate it, answer the headline questions, and write
the partnership network page."""

from __future__ import annotations

import argparse

__all__ = ["configure", "run"]


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("-o", "--output", default="csgraph-output", metavar="DIR",
                   help="folder for the network page (default: ./csgraph-output)")


# The headline questions, by the named query that answers each; the question and the columns shown
# come from the competency-question table, or for a query it does not hold, from the query's summary.
_HEADLINES = ("cs-priorities", "partners-of-services", "accreditations", "pilots", "recurring-challenges")


def _headline(kg, name: str):
    """(question, results) of one headline query, its rows distinct and sorted."""
    from csgraph.catalogue import competency_questions, get_query, query
    from csgraph.results import Results

    cq = next((c for c in competency_questions() if c.query == name and not c.params), None)
    res = query(kg, name)
    shown = cq.columns if cq else [v for v in res.variables if f"{v}Label" not in res.variables]
    cols = [c for c in shown if c in res.variables]
    rows = sorted({tuple(r[c] for c in cols) for r in res}, key=lambda t: tuple(map(str, t)))
    return (cq.question if cq else get_query(name).summary), Results(cols, rows)


def run(args: argparse.Namespace) -> int:
    import time
    from pathlib import Path

    from csgraph.loader import load
    from csgraph.tracing import trace
    from csgraph.validation import validate

    t0 = time.perf_counter()
    kg = load(bundled=True)
    print(f"Loaded the bundled case studies: {len(kg.sources)} case files, {len(kg)} quads, "
          f"{len(kg.graphs())} named graphs.")
    report = validate(kg)
    print(f"Validation: {report.to_text()}")
    for qname in _HEADLINES:
        question, results = _headline(kg, qname)
        print(f"\n{question}   (csgraph query {qname})")
        print(results.to_text())
    print("\nFrom strategy to practice   (csgraph trace \"Early Help\")")
    print(trace(kg, "Early Help").to_text())

    from csgraph.network import partnership_network
    from csgraph.viz import render_html, source_documents

    out = Path(args.output)
    out.mkdir(parents=True, exist_ok=True)
    graph = partnership_network(kg)
    page = out / "partnership-network.html"
    render_html(graph, page, title="Contextual Safeguarding partnerships (bundled case studies)",
                sources=source_documents(kg))
    print(f"\nWrote the partnership network ({graph.number_of_nodes()} organisations and settings, "
          f"{graph.number_of_edges()} links) to {page}")
    print(f"Done in {time.perf_counter() - t0:.1f} s.")
    return 0 if report.conforms else 1
