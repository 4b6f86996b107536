"""Bench worker: csgraph's remote client against real servers holding the synthetic data.

Starts Virtuoso on 127.0.0.1 (the tests' own configuration, with a larger page cache), pushes the
data with ``csgraph.push`` (timed), then for every parameter-free named query measures csgraph's
client (its default dataset and answer format) beside SPARQLWrapper asking for JSON on the server's
default dataset, and checks that the rows equal the embedded store's. Then the same push and row
parity (not timed) on a default-configured ``oxigraph serve``. Returns a dict for run.py.

Run as a script, it prints the engines table: every parameter-free named query at one size on csgraph's
embedded store, on raw pyoxigraph (the same text), in its earlier formulation (``tests/queries_before``)
and through csgraph's client on a real Virtuoso holding the same quads, with the rows of each::

    python bench/remote_virtuoso.py --size 1m --repeat 3
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


# --- every named query on three engines, side by side (run as a script) ------------------------------

def _bulk_load(server, folder: Path, nquads: Path) -> float:
    """Load an N-Quads file into Virtuoso with its bulk loader (isql-vt ``ld_dir``, ``rdf_loader_run``):
    minutes faster than the graph store protocol at a million quads. Seconds taken."""
    import re
    import subprocess

    isql = shutil.which("isql-vt") or shutil.which("isql")
    port = re.search(r"\[Parameters\]\s*ServerPort = ([^\s]+)", (folder / "virtuoso.ini").read_text()).group(1)
    script = (f"ld_dir('{nquads.parent}', '{nquads.name}', 'urn:csgraph:unused');\n"
              "rdf_loader_run();\ncheckpoint;\n"
              "select ll_state, ll_error from DB.DBA.load_list;\n")
    started = time.perf_counter()
    done = subprocess.run([isql, port, "dba", server.credentials[1]], input=script, capture_output=True,
                          text=True, timeout=3600, check=False)
    if done.returncode != 0 or "Error" in done.stdout:
        raise RuntimeError(f"Virtuoso's bulk load failed: {(done.stdout + done.stderr)[-1000:]}")
    return time.perf_counter() - started


def engines(path: Path, repeat: int, paired, log=print) -> list[dict]:
    """Every parameter-free named query on the embedded store through csgraph, the same text on raw
    pyoxigraph, the earlier formulation (tests/queries_before) on raw pyoxigraph where there is one, and
    csgraph's client on a real Virtuoso holding the same quads; with each one's row count."""
    sys.path.insert(0, str(ROOT / "tests"))
    import pyoxigraph as ox
    from servers import start_virtuoso

    from csgraph.catalogue import queries, query
    from csgraph.endpoint import connect
    from csgraph.kg import PREFIX_HEADER
    from csgraph.loader import load

    kg = load(path)
    store = kg.store
    log(f"loaded {len(kg)} quads")

    def raw(text: str):
        return lambda: [tuple(s) for s in store.query(PREFIX_HEADER + text, use_default_graph_as_union=True)]

    named = [q for q in queries() if not any(p.required and p.default is None for p in q.params)]
    out = []
    for q in named:
        cs_s, raw_s = paired(lambda name=q.name: query(kg, name), raw(q.text), repeat)
        earlier = ROOT / "tests" / "queries_before" / f"{q.name}.rq"
        before_s = before_rows = None
        if earlier.exists():
            text = earlier.read_text()
            before_s, _ = paired(raw(text), lambda: None, repeat)
            before_rows = len(raw(text)())
        out.append({"name": q.name, "cs": cs_s, "raw": raw_s, "rows": len(query(kg, q.name)),
                    "before": before_s, "before_rows": before_rows})
        log(f"{q.name}: csgraph {cs_s:.3f} s, pyoxigraph {raw_s:.3f} s")
    folder = Path(tempfile.mkdtemp(prefix="csgraph-bench-engines-"))
    try:
        dump = folder / "data.nq"
        store.dump(output=str(dump), format=ox.RdfFormat.N_QUADS)
        with start_virtuoso(shutil.which("virtuoso-t"), folder, buffers=170_000) as server:
            log(f"virtuoso bulk load: {_bulk_load(server, folder, dump):.0f} s")
            remote = connect(server.query_url, timeout=600)
            for row in out:
                v_s, _ = paired(lambda name=row["name"]: query(remote, name), lambda: None, repeat)
                answer = query(remote, row["name"])
                row.update(virtuoso=v_s, virtuoso_rows=len(answer),
                           same=_bag(answer) == _bag(query(kg, row["name"])))
                log(f"{row['name']}: virtuoso {v_s:.3f} s, {len(answer)} rows")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return out


def _engines_table(rows: list[dict]) -> str:
    head = (f"{'query':<34} {'rows':>8} {'csgraph':>9} {'pyoxigraph':>10} {'earlier':>9} {'virtuoso':>9} "
            f"{'best':>9}  {'ratio':>5}  note")
    lines = [head, "-" * len(head)]
    for r in sorted(rows, key=lambda r: -r["cs"]):
        beside = [t for t in (r["raw"], r["before"], r.get("virtuoso")) if t is not None]
        best = min(beside)
        note = []
        if r["before"] is not None and r["before_rows"] != r["rows"]:
            note.append(f"earlier text gives {r['before_rows']} rows")
        if "virtuoso" in r and not r["same"]:
            note.append(f"virtuoso rows DIFFER ({r['virtuoso_rows']})")
        if r["cs"] > 1.5 * best and r["cs"] - best > 0.01:  # a few ms either way is noise
            note.append("over 1.5x the best")
        if r["cs"] > 1.0:
            note.append("over 1 s")
        fmt = lambda t: f"{t:>8.3f}s" if t is not None else f"{'-':>9}"  # noqa: E731
        lines.append(f"{r['name']:<34} {r['rows']:>8} {fmt(r['cs'])} {fmt(r['raw']):>10} {fmt(r['before'])} "
                     f"{fmt(r.get('virtuoso'))} {fmt(best)}  {r['cs'] / best:>4.2f}x  {'; '.join(note)}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """``python bench/remote_virtuoso.py --size 1m --repeat 3``: the engines table of every named query."""
    import argparse

    p = argparse.ArgumentParser(description="Every named query on csgraph's embedded store, raw pyoxigraph, "
                                            "its earlier text and a real Virtuoso, side by side")
    p.add_argument("--size", default="1m", help="quads of synthetic national data, such as 100k or 1m")
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--json", metavar="FILE", help="also write the figures as JSON here")
    args = p.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "bench"))
    import json
    import os

    from run import paired, parse_size

    import csgraph

    folder = Path(tempfile.mkdtemp(prefix="csgraph-bench-engines-data-"))
    try:
        path = folder / f"national-{args.size}.nq"
        csgraph.synth(max(1, round(parse_size(args.size) / 785)), seed=args.seed, path=path)
        log = lambda msg: print(msg, file=sys.stderr, flush=True)  # noqa: E731
        rows = engines(path, args.repeat, paired, log)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(f"size {args.size}, medians of {args.repeat}; load average {os.getloadavg()[0]:.2f} at the end")
    print(_engines_table(rows))
    if args.json:
        Path(args.json).write_text(json.dumps({"size": args.size, "repeat": args.repeat, "rows": rows}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
