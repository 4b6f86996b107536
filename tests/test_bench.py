"""The benchmark stays runnable: its smallest size, once, prints the table and writes valid JSON.

Speed is measured by the benchmark itself (bench/run.py), never asserted here.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_bench_runs_at_the_smallest_size(tmp_path):
    out = tmp_path / "bench.json"
    r = subprocess.run([sys.executable, str(ROOT / "bench" / "run.py"), "--sizes", "10k", "--repeat", "1",
                        "--html-nodes", "300", "--timeout", "600", "--quiet", "--json", str(out)],
                       capture_output=True, text=True, timeout=1800, cwd=tmp_path)
    assert r.returncode == 0, r.stderr[-2000:]
    assert "figure" in r.stdout and "query authorities" in r.stdout and "load" in r.stdout
    data = json.loads(out.read_text())
    assert data["sizes"] == [10_000] and data["machine"]["cores"]
    figures = {f["figure"]: f for f in data["figures"]}
    for name in ("load", "query authorities", "read authorities as terms", "read settings as text",
                 "trace", "partnership network", "remote authorities", "import csgraph", "csgraph --help"):
        assert name in figures, name
        assert figures[name]["csgraph_s"] is not None, name
    for name, figure in figures.items():  # every side-by-side figure has both sides and a ratio
        if figure["baseline_s"] is not None:
            assert figure["csgraph_s"] > 0 and figure["baseline_s"] > 0 and figure["ratio"] > 0, name
    assert "remote authorities, read as terms" not in figures  # 13 rows at 10k: too few to price
    assert figures["load"]["csgraph_mb"] > 0 and figures["load"]["baseline_mb"] > 0
    assert not (tmp_path / "lib").exists()  # pyvis wrote its lib/ folder in a temporary place


@pytest.mark.slow
def test_waits_bench_runs_at_a_small_size(tmp_path):
    """bench/waits.py prints every figure it names: the command line, load and validate, the engines
    side by side and every parameter-free named query, with the earlier texts beside rewritten ones."""
    r = subprocess.run([sys.executable, str(ROOT / "bench" / "waits.py"), "--sizes", "3k", "--repeat", "1"],
                       capture_output=True, text=True, timeout=900, cwd=tmp_path)
    assert r.returncode == 0, r.stderr[-2000:]
    lines = r.stdout.splitlines()
    names = {line.split("  ")[0].strip() for line in lines[1:]}
    assert {"csgraph query pilots, no cache", "csgraph query pilots, cache warm", "load",
            "shapes: SPARQL engine vs pyshacl", "sources", "evidence"} <= names
    before = {p.stem for p in (ROOT / "tests" / "queries_before").glob("*.rq")}
    rewritten = [line for line in lines if line.split()[0] in before]
    assert len(rewritten) == len(before)
    assert all(re.search(r"\d\.\d{3}s\s+\d+\.\d{3}s", line) for line in rewritten)  # now and before


@pytest.mark.slow
@pytest.mark.server
def test_engines_table_runs_at_a_small_size(tmp_path):
    """bench/remote_virtuoso.py prints every parameter-free named query on the three engines, with the
    rows each gave; at this size Virtuoso's rows equal the embedded store's."""
    r = subprocess.run([sys.executable, str(ROOT / "bench" / "remote_virtuoso.py"), "--size", "3k", "--repeat",
                        "1"], capture_output=True, text=True, timeout=900, cwd=tmp_path)
    assert r.returncode == 0, r.stderr[-2000:]
    from csgraph.catalogue import queries

    names = {q.name for q in queries() if not any(p.required and p.default is None for p in q.params)}
    lines = r.stdout.splitlines()
    assert {line.split()[0] for line in lines[3:]} == names
    assert "DIFFER" not in r.stdout
    assert all(re.search(r"\d+\s+\d+\.\d{3}s\s+\d+\.\d{3}s", line) for line in lines[3:])


@pytest.mark.slow
@pytest.mark.browser
def test_viz_bench_runs_at_a_small_size(tmp_path, chromium):
    """bench/viz.py times a page in Chromium and says where the time went, step by step, from the page's marks."""
    out = tmp_path / "viz.json"
    r = subprocess.run([sys.executable, str(ROOT / "bench" / "viz.py"), "--sizes", "300", "--repeat", "1",
                        "--no-pyvis", "--json", str(out)], capture_output=True, text=True, timeout=900, cwd=tmp_path)
    assert r.returncode == 0, r.stderr[-2000:]
    assert "| nodes (links) | renderer | layout |" in r.stdout and "Where the time goes" in r.stdout
    (row,) = json.loads(out.read_text())["figures"]
    assert row["ready_s"] > 0 and row["layout_s"] > 0 and row["renderer"] == "vis"
    assert list(row["steps_ms"]) == ["scripts", "parsed", "indexed", "graph", "drawn", "controls", "ready", "shown"]
    assert all(v >= 0 for v in row["steps_ms"].values())
