"""Bench worker: csgraph's remote client against real servers holding the synthetic data.

Starts Virtuoso on 127.0.0.1 (the tests' own configuration, with a larger page cache), pushes the
data with ``csgraph.push`` (timed), then for every parameter-free named query measures csgraph's
client (its default dataset and answer format) beside SPARQLWrapper asking for JSON on the server's
default dataset, and checks that the rows equal the embedded store's. Then the same push and row
parity (not timed) on a default-configured ``oxigraph serve``. Returns a dict for run.py.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

__all__ = ["w_remote_virtuoso"]


def _bag(results) -> Counter:
    return Counter(tuple(row) for row in results)


def _parity(kg, remote) -> tuple[int, int, bool]:
    """(named queries whose rows equal the embedded store's, named queries, trace equal)."""
    from csgraph.catalogue import queries, query
    from csgraph.tracing import trace

    names = [q.name for q in queries() if not q.params]
    same = sum(_bag(query(remote, n)) == _bag(query(kg, n)) for n in names)
    label = str(kg.select("SELECT ?l WHERE { ?s a cs:Strategy ; rdfs:label ?l } ORDER BY ?l LIMIT 1")[0][0])
    return same, len(names), trace(remote, label).to_text() == trace(kg, label).to_text()


def _oxigraph(kg) -> dict:
    from servers import start_oxigraph

    from csgraph.endpoint import connect
    from csgraph.server import oxigraph_executable
    from csgraph.upload import push

    with start_oxigraph(oxigraph_executable()) as server:
        started = time.perf_counter()
        push(kg, server.base_url, timeout=600)
        push_s = time.perf_counter() - started
        remote = connect(server.query_url, timeout=600)
        same, total, trace_same = _parity(kg, remote)
        return {"push": push_s, "same": same, "total": total, "trace_same": trace_same,
                "dataset": remote.endpoint.dataset}


def w_remote_virtuoso(path: str, repeat: int, paired) -> dict:
    exe = shutil.which("virtuoso-t")
    if not exe:
        return {"skipped": "virtuoso-t is not installed (apt-get install virtuoso-opensource)"}
    sys.path.insert(0, str(ROOT / "tests"))
    from servers import start_virtuoso
    from SPARQLWrapper import JSON, POST, SPARQLWrapper

    from csgraph.catalogue import get_query, queries, query
    from csgraph.endpoint import connect
    from csgraph.kg import PREFIX_HEADER
    from csgraph.loader import load
    from csgraph.tracing import trace
    from csgraph.upload import push

    kg = load(path)
    folder = Path(tempfile.mkdtemp(prefix="csgraph-bench-virtuoso-"))
    try:
        with start_virtuoso(exe, folder, buffers=170_000) as server:
            with server.writing():
                started = time.perf_counter()
                summary = push(kg, server.base_url, timeout=600)
                push_s = time.perf_counter() - started
            remote = connect(server.query_url, timeout=600)
            out = {"push": {"seconds": push_s, "graphs": len(summary.graphs), "quads": summary.quads},
                   "queries": {}}
            for named in queries():
                if named.params:
                    continue
                text = PREFIX_HEADER + get_query(named.name).text

                def raw(text=text):
                    w = SPARQLWrapper(server.query_url)
                    w.setMethod(POST)
                    w.setReturnFormat(JSON)
                    w.setQuery(text)
                    w.setTimeout(600)
                    return w.query().convert()

                answer = query(remote, named.name)
                same = _bag(answer) == _bag(query(kg, named.name))
                cs_s, raw_s = paired(lambda name=named.name: query(remote, name), raw, repeat)
                out["queries"][named.name] = {"cs": cs_s, "raw": raw_s, "rows": len(answer), "same": same}
            label = str(kg.select("SELECT ?l WHERE { ?s a cs:Strategy ; rdfs:label ?l } ORDER BY ?l LIMIT 1")[0][0])
            out["trace_same"] = trace(remote, label).to_text() == trace(kg, label).to_text()
            out["dataset"], out["server"] = remote.endpoint.dataset, remote.endpoint.server
        out["oxigraph"] = _oxigraph(kg)
        return out
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def rows_for(result: dict, size: str, row, skipped) -> list[dict]:
    """The bench rows of one size from the worker's answer."""
    if "error" in result or "skipped" in result:
        return [skipped("virtuoso", size, result.get("error") or result.get("skipped"))]
    p = result["push"]
    rows = [row("push to virtuoso", size, p["seconds"],
                note=f"{p['graphs']} graphs, {p['quads']} quads, graph store protocol with Digest")]
    identical = sum(q["same"] for q in result["queries"].values())
    for name, q in result["queries"].items():
        rows.append(row(f"virtuoso {name}", size, q["cs"], q["raw"],
                        baseline="SPARQLWrapper JSON, server default dataset",
                        note=f"{q['rows']} rows; rows {'identical to' if q['same'] else 'DIFFER from'} "
                             "the embedded store's", rows=q["rows"]))
    rows.append(row("virtuoso parity", size,
                    note=f"{identical} of {len(result['queries'])} named queries and "
                         f"{'the' if result['trace_same'] else 'NOT the'} trace give the embedded rows; "
                         f"dataset: {result['dataset']}"))
    o = result["oxigraph"]
    rows.append(row("push to oxigraph", size, o["push"], note=f"{p['graphs']} graphs, graph store protocol"))
    rows.append(row("oxigraph parity", size,
                    note=f"{o['same']} of {o['total']} named queries and "
                         f"{'the' if o['trace_same'] else 'NOT the'} trace give the embedded rows; "
                         f"dataset: {o['dataset']}"))
    return rows
