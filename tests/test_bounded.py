"""Bounded work: local queries stop at their timeout and on Ctrl-C, on the API and the command line."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

import csgraph
from csgraph.errors import QueryTimeout

# every triple three times over: about 10^11 rows on the bundled data, streamed as they are found
CROSS = "SELECT ?a WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def test_a_local_query_stops_at_its_timeout(bundled_kg):
    with pytest.raises(QueryTimeout, match="no answer within 0.3 s"):
        bundled_kg.select(CROSS, timeout=0.3)
    with pytest.raises(QueryTimeout):
        bundled_kg.select_text(CROSS, timeout=0.3)
    assert len(bundled_kg.select("SELECT ?s WHERE { ?s a cs:Pilot }", timeout=30)) > 0


def test_the_graphs_default_timeout_applies_to_every_query(fresh_kg):
    fresh_kg.timeout = 0.3
    with pytest.raises(QueryTimeout):
        csgraph.sparql(fresh_kg, CROSS)
    with pytest.raises(ValueError):
        fresh_kg.timeout = 0


def test_the_cli_timeout_is_one_line_and_exit_2():
    r = subprocess.run([sys.executable, "-m", "csgraph", "sparql", "-", "--timeout", "0.5"], input=CROSS,
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and "no answer within 0.5 s" in r.stderr
    for command in (["query", "pilots"], ["trace", "Early Help"]):
        r = subprocess.run([sys.executable, "-m", "csgraph", *command, "--timeout", "60"],
                           capture_output=True, text=True, timeout=300)
        assert r.returncode == 0, r.stderr


def _threads(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("Threads:"):
            return int(line.split()[1])
    return 0


def test_ctrl_c_stops_a_running_query():
    proc = subprocess.Popen([sys.executable, "-m", "csgraph", "sparql", "-"], stdin=subprocess.PIPE,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        proc.stdin.write(CROSS)
        proc.stdin.close()
        threads = _threads(proc.pid)
        while proc.poll() is None and _threads(proc.pid) <= threads:
            pass  # wait until the query's worker thread runs
        assert proc.poll() is None
        os.kill(proc.pid, signal.SIGINT)
        assert proc.wait(timeout=120) == 130
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
