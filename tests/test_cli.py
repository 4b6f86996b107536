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
    from csgraph.namespace import CS
    from csgraph.vocabulary import label

    assert main(["load", DATA]) == 0
    out = capsys.readouterr().out
    assert "Systems and structure in Lewisham" in out and f"  {label(CS.Pilot)}\n" in out


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


# --- the command line as a contract: every mistake is one line and exit 2 -------------------------

def one_line_error(r, *needles):
    assert r.returncode == 2, (r.returncode, r.stdout, r.stderr)
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    assert "Traceback" not in r.stderr and "usage:" not in r.stderr
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])
    return lines[0]


def test_misspelt_command_gets_did_you_mean():
    one_line_error(run("qeury", "pilots"), "'qeury'", "did you mean 'query'")


def test_misspelt_option_after_a_command_names_the_command():
    line = one_line_error(run("query", "pilots", "--fromat", "csv"), "did you mean '--format'")
    assert line.startswith("csgraph query: error:")


@pytest.mark.parametrize("cmd, required", [("trace", "LABEL_OR_IRI"), ("sparql", "FILE")])
def test_optional_paths_are_not_reported_as_required(cmd, required):
    line = one_line_error(run(cmd), required)
    assert "PATH" not in line and line.startswith(f"csgraph {cmd}: error:")


def test_bad_choice_is_one_line_with_the_nearest_choice():
    one_line_error(run("export", "--format", "tt"), "--format", "'tt'", "did you mean 'ttl'")


def test_version_is_the_package_version():
    from importlib.metadata import version

    r = run("--version")
    assert r.returncode == 0 and r.stdout.strip() == f"csgraph {version('csgraph')}"
    assert version("csgraph") == csgraph_version()


def csgraph_version():
    import csgraph

    return csgraph.__version__


def test_unwritable_output_is_one_line(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    one_line_error(run("export", DATA, "-o", str(blocker / "x.nq")), str(blocker / "x.nq"))


@pytest.mark.parametrize("cmd", [["load"], ["validate"], ["query", "pilots"], ["export"]])
@pytest.mark.parametrize("content", [None, "notes.txt"])
def test_folder_without_case_data_is_nothing_found(tmp_path, cmd, content):
    if content:
        (tmp_path / content).write_text("not data\n")
    one_line_error(run(*cmd, str(tmp_path)), "nothing found", str(tmp_path))


def test_load_the_ontology_folder(tmp_path):
    """Walking the folder passes over the competency-question table; everything but the invalid
    examples loads, and the invalid case-file examples are refused by name, each on its own line."""
    import shutil
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    shutil.copytree(root / "ontology", tmp_path / "ontology", ignore=shutil.ignore_patterns("invalid"))
    r = run("load", str(tmp_path / "ontology"))
    assert r.returncode == 0, r.stderr
    whole = run("load", "ontology")
    if whole.returncode != 0:
        assert whole.returncode == 2 and "Traceback" not in whole.stderr
        named = [line for line in whole.stderr.splitlines() if ".yaml:" in line]
        assert named and all("examples/invalid/" in line for line in named), whole.stderr


def test_sparql_syntax_error_names_file_line_and_column(tmp_path):
    f = tmp_path / "mine.rq"
    import re

    import pyoxigraph as ox

    text = "SELECT ?x WHERE {\n  ?x ?p \n}}\n"
    f.write_text(text)
    with pytest.raises(SyntaxError) as raw:   # where Oxigraph places the error in this text alone
        ox.Store().query(text)
    line, column = re.search(r"(\d+):(\d+)", str(raw.value)).groups()
    assert int(line) == 3
    one_line_error(run("sparql", str(f)), f"{f}:{line}:{column}: SPARQL syntax")


def test_failing_service_call_is_one_line(tmp_path, closed_port):
    f = tmp_path / "service.rq"
    f.write_text(f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{closed_port}/sparql> {{ ?s ?p ?o }} }}\n")
    one_line_error(run("sparql", str(f), "--allow-external"), "csgraph sparql: error:")


def test_refusals_name_the_command_line_flag(tmp_path):
    f = tmp_path / "service.rq"
    f.write_text("SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }\n")
    line = one_line_error(run("sparql", str(f)), "--allow-external")
    assert "allow_external" not in line


def test_new_case_template_loads_and_conforms(tmp_path):
    r = run("new-case", "hackney", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    text = (tmp_path / "hackney.yaml").read_text()
    assert "id: hackney" in text and "Hackney case study" in text and "${" not in text
    assert run("validate", "hackney.yaml", cwd=tmp_path).returncode == 0
    one_line_error(run("new-case", "hackney", cwd=tmp_path), "exists", "--force")
    one_line_error(run("new-case", "Hackney Council", cwd=tmp_path), "lower-case")


@pytest.mark.parametrize("cmd", [["push", "--endpoint", "http://127.0.0.1:9/sparql"], ["serve", "--port", "9"]])
def test_push_and_serve_honour_the_load_options(cmd):
    # the file limit refuses the bundled data before any server is asked: the option is not ignored
    r = run(cmd[0], DATA, *cmd[1:], "--no-cache", "--max-file-mb", "0.001")
    assert r.returncode == 2 and "--max-file-mb" in r.stderr and r.stderr.count("\n") == 1
    assert "unrecognised" not in r.stderr and "over the limit" in r.stderr
    assert "Traceback" not in r.stderr and "Serving" not in r.stdout
