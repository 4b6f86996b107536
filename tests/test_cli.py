"""The csgraph command: exit codes, output forms, and errors without tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from csgraph.cli import main

DATA = "data"


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "csgraph", *args], capture_output=True, text=True,
                          cwd=cwd, timeout=300)


def test_help_lists_commands():
    r = run("--help")
    assert r.returncode == 0
    for cmd in ("demo", "load", "validate", "export", "new-case", "queries", "query", "sparql", "trace",
                "viz", "push", "serve", "synth"):
        assert cmd in r.stdout, cmd


@pytest.mark.parametrize("cmd", ["load", "validate", "export", "new-case", "queries", "query", "sparql",
                                 "trace", "demo"])
def test_each_command_has_help(cmd, capsys):
    with pytest.raises(SystemExit) as exc:
        main([cmd, "--help"])
    assert exc.value.code == 0
    assert "usage: csgraph" in capsys.readouterr().out


def test_validate_exit_codes(tmp_path, capsys):
    assert main(["validate", DATA]) == 0
    bad = tmp_path / "bad.trig"
    bad.write_text(open("ontology/examples/invalid/pilot-without-status.trig").read())
    assert main(["validate", str(bad)]) == 1
    assert "does not conform" in capsys.readouterr().out
    broken = tmp_path / "broken.ttl"
    broken.write_text("@prefix ex: <http://e/> .\n" + "ex:a ex:b ex:c .\n" * 5 + 'ex:a ex:b "x .\n')
    r = run("validate", str(broken))
    assert r.returncode == 2 and "broken.ttl:7" in r.stderr and "Traceback" not in r.stderr


def test_unknown_field_exit_2(tmp_path):
    f = tmp_path / "case.yaml"
    f.write_text(open("data/lewisham.yaml").read().replace("    count: 11", "    cuont: 11"))
    r = run("validate", str(f))
    assert r.returncode == 2
    assert "case.yaml" in r.stderr and "cuont" in r.stderr and "did you mean 'count'" in r.stderr


def test_load_summary(capsys):
    assert main(["load", DATA]) == 0
    out = capsys.readouterr().out
    assert "Systems and structure in Lewisham" in out and "Pilot" in out


@pytest.mark.parametrize("fmt", ["ttl", "nt", "nq", "trig", "jsonld"])
def test_export_round_trips(tmp_path, fmt):
    import csgraph

    out = tmp_path / f"all.{fmt}"
    assert main(["export", DATA, "--format", fmt, "-o", str(out)]) == 0
    kg = csgraph.load(out)
    assert csgraph.query(kg, "pilots")


def test_export_keeps_named_graphs(tmp_path):
    import rdflib

    out = tmp_path / "all.nq"
    main(["export", DATA, "--format", "nq", "-o", str(out)])
    ds = rdflib.Dataset()
    ds.parse(out, format="nquads")
    assert len([g for g in ds.graphs() if len(g)]) >= 5


def test_queries_json_and_query_formats(capsys):
    assert main(["queries", "--format", "json"]) == 0
    cat = json.loads(capsys.readouterr().out)["queries"]
    assert len(cat) >= 25 and all("summary" in q and "params" in q for q in cat)
    assert main(["query", "pilots", "--format", "csv", DATA]) == 0
    assert capsys.readouterr().out.startswith("pilot,")
    assert main(["query", "challenges", "--param", "area=https://w3id.org/csgraph/id/lewisham",
                 "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)["results"]["bindings"]
    assert {r["challengeTypeLabel"]["value"] for r in rows} == {
        "funding and sustainability", "Covid-19 restrictions", "gaining buy-in"}


def test_query_errors(capsys):
    assert main(["query", "nope"]) == 2
    assert main(["query", "challenges", "--param", "area"]) == 2
    assert main(["query", "find"]) == 2
    err = capsys.readouterr().err
    assert "key=value" in err and "needs the parameter 'text'" in err


def test_sparql_from_stdin():
    r = subprocess.run([sys.executable, "-m", "csgraph", "sparql", "-", "--format", "json"],
                       input="SELECT ?l WHERE { ?x a cs:Accreditor ; rdfs:label ?l }",
                       capture_output=True, text=True)
    assert r.returncode == 0
    assert "Restorative Justice Council" in r.stdout
    r = subprocess.run([sys.executable, "-m", "csgraph", "sparql", "-"],
                       input="SELECT * WHERE { ?s ?p ?o } ; DROP ALL", capture_output=True, text=True)
    assert r.returncode == 2 and "read-only" in r.stderr


def test_trace_cli(capsys):
    assert main(["trace", "Early Help", DATA]) == 0
    out = capsys.readouterr().out
    assert "Restorative Now" in out and "11" in out
    assert main(["trace", "Restorative Now", "--reverse", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["reverse"] is True
    assert main(["trace", "plan"]) == 2
    assert "match" in capsys.readouterr().err
