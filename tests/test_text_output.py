"""Text from data reaches a terminal without its control characters, and the size-limit hint names a
setting the command line can change."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from csgraph.namespace import CS
from csgraph.resources import data_dir

ESCAPES = "\\u001B]0;owned\\u0007\\u001B[2J\\u009B31m\\u202E"
RAW = ("\x1b", "\x07", "\x9b", "\u202e")


def _csgraph(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "csgraph", *args], input=stdin, capture_output=True,
                          text=True)


@pytest.fixture
def hostile(tmp_path):
    f = tmp_path / "hostile.ttl"
    f.write_text("@prefix csid: <https://w3id.org/csgraph/id/> .\n"
                 f"@prefix cs: <{CS._NS}> .\n"
                 "csid:early-help-plan cs:hasPriority csid:hostile-priority .\n"
                 "csid:hostile-priority a cs:Priority ; "
                 f'<http://www.w3.org/2000/01/rdf-schema#label> "Early Help hostile {ESCAPES} priority" .\n')
    return f


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_query_outputs_neutralise_control_characters(hostile, fmt):
    r = _csgraph("sparql", "-", "--format", fmt, str(hostile),
                 stdin="SELECT ?l WHERE { ?s rdfs:label ?l FILTER(CONTAINS(?l, 'Early Help')) }")
    assert r.returncode == 0, r.stderr
    assert "Early Help" in r.stdout and not any(c in r.stdout for c in RAW)
    if fmt == "json":  # still the same label once decoded
        labels = [b["l"]["value"] for b in json.loads(r.stdout)["results"]["bindings"]]
        assert any("\x1b]0;owned" in label for label in labels)


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_trace_outputs_neutralise_control_characters(hostile, fmt):
    r = _csgraph("trace", "https://w3id.org/csgraph/id/early-help-plan", "--format", fmt,
                 str(data_dir()), str(hostile))
    assert r.returncode == 0, r.stderr
    assert "Early Help hostile" in r.stdout and not any(c in r.stdout for c in RAW)


def test_the_size_hint_names_a_flag_that_works(tmp_path):
    f = tmp_path / "small.nt"
    f.write_text('<https://w3id.org/csgraph/id/a> <http://www.w3.org/2000/01/rdf-schema#label> "A" .\n' * 100)
    r = _csgraph("load", str(f), "--max-file-mb", "0.001")
    assert r.returncode == 2 and "--max-file-mb" in r.stderr and r.stderr.count("\n") == 1
    assert _csgraph("load", str(f), "--max-file-mb", "1").returncode == 0
