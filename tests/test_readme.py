"""Every code block and every table row of the README, run as a user would run it: the installed
``csgraph`` command in an empty folder, the Python blocks in a fresh interpreter."""

from __future__ import annotations

import re
import shutil
import signal
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
DATA = str(ROOT / "data")


def blocks(language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```", README, re.MULTILINE | re.DOTALL)


def section(title: str) -> str:
    m = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", README, re.MULTILINE | re.DOTALL)
    assert m, f"the README has no section {title!r}"
    return m.group(1)


def table_rows(text: str) -> list[list[str]]:
    rows = [[c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", line.strip()[1:-1])]
            for line in text.splitlines() if line.startswith("|")]
    return rows[2:]   # without the header and the |---| line


def csgraph_exe() -> str:
    exe = Path(sys.executable).parent / "csgraph"   # the one installed beside this interpreter
    exe = str(exe) if exe.exists() else shutil.which("csgraph") or ""
    if not exe:
        pytest.fail("the csgraph command is not installed (pip install -e .)", pytrace=False)
    return exe


def run(args, cwd, **kw):
    r = subprocess.run([csgraph_exe(), *args], cwd=cwd, capture_output=True, text=True, timeout=600, **kw)
    assert r.returncode == 0, (args, r.stdout[-1000:], r.stderr[-1000:])
    return r


def python(code: str, cwd: Path) -> subprocess.CompletedProcess:
    r = subprocess.run([sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr[-2000:]
    return r


# --- code blocks ---------------------------------------------------------------------------------

@pytest.mark.slow
def test_quick_start_runs_the_demo_in_an_empty_folder(tmp_path):
    install, tests = blocks("bash")[0].strip().splitlines()
    assert install == "python3 -m pip install -q -e . && python3 -m csgraph demo"
    # the install is what this environment did; the demo then runs as written
    r = subprocess.run([sys.executable, "-m", "csgraph", "demo"], cwd=tmp_path, capture_output=True,
                       text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "csgraph-output" / "partnership-network.html").exists()
    # the test command is the one .ci/run runs
    assert tests == "bash tests/system-packages.sh && python3 -m pip install -q -e '.[test]' && python3 -m pytest"
    assert f"\n{tests}\n" in (ROOT / ".ci" / "run").read_text()


def test_python_api_block_runs_where_csgraph_is_installed(tmp_path):
    api = next(b for b in blocks("python") if "import csgraph" in b)
    python(api, tmp_path)
    assert (tmp_path / "partners.html").exists()


@pytest.mark.slow
@pytest.mark.server
def test_remote_blocks_run_against_a_real_server(tmp_path, oxigraph_pushed, fresh_oxigraph):
    code = next(b for b in blocks("python") if "https://sparql.example.org/query" in b)
    python("import csgraph\n" + code.replace("https://sparql.example.org/query", oxigraph_pushed.query_url),
           tmp_path)
    query, push, serve = blocks("bash")[1].strip().splitlines()
    args = query.split("#")[0].split()[1:]
    assert args[-1] == "http://127.0.0.1:7878/query"
    out = run([*args[:-1], oxigraph_pushed.query_url], tmp_path).stdout
    assert "schools pilot" in out and "(0 rows)" not in out
    args = push.split("#")[0].split()[1:]
    assert args[-1] == "http://127.0.0.1:7878"
    run([*[DATA if a == "data" else a for a in args[:-1]], fresh_oxigraph.base_url], tmp_path)
    args = serve.split("#")[0].split()[1:]
    assert args == ["serve", "data", "--port", "7878"]
    assert_serves([DATA if a == "data" else a for a in args[:-1]] + ["0"], tmp_path)


def assert_serves(args, cwd):
    proc = subprocess.Popen([csgraph_exe(), *args], cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    try:
        first = proc.stdout.readline()   # printed once the server answers
        url = re.search(r"(http://127\.0\.0\.1:\d+/query)", first)
        assert url, first + proc.stderr.read() if proc.poll() is not None else first
        out = run(["query", "pilots", "--endpoint", url.group(1)], cwd).stdout
        assert "schools pilot" in out and "(0 rows)" not in out
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=60)


def test_case_file_block_validates(tmp_path):
    (tmp_path / "hackney.yaml").write_text(blocks("yaml")[0])
    assert "conforms" in run(["validate", "hackney.yaml"], tmp_path).stdout


def test_diagram_names_terms_of_the_ontology():
    from rdflib.namespace import ORG

    from csgraph.namespace import CS

    diagram = blocks("mermaid")[0]
    edges = re.findall(r"(\w+)(?:\[[^\]]*\])? -- ([\w /]+?) --> (\w+)", diagram)
    assert len(edges) >= 15
    for _, labels, _ in edges:
        for name in labels.split(" / "):
            assert hasattr(CS, name) or hasattr(ORG, name), name


# --- tables --------------------------------------------------------------------------------------

def command_examples(tmp_path) -> dict[str, list[str]]:
    """A concrete invocation of each command of the README's table (its placeholders filled in)."""
    (tmp_path / "mine.rq").write_text("SELECT ?l WHERE { ?x a cs:Accreditor ; rdfs:label ?l }\n")
    return {
        "demo": ["demo"],
        "load": ["load", DATA],
        "validate": ["validate", DATA],
        "export": ["export", DATA, "--format", "trig", "-o", "all.trig"],
        "new-case": ["new-case", "hackney"],
        "queries": ["queries", "--format", "json"],
        "query": ["query", "challenges", "--param", "area=https://w3id.org/csgraph/id/lewisham",
                  "--format", "csv", DATA],
        "sparql": ["sparql", "mine.rq", "--format", "json", DATA],
        "trace": ["trace", "Early Help", "--gaps"],
        "viz": ["viz", DATA, "-o", "net.html", "--authority", "Lewisham", "--kind", "partnership"],
        "cache": ["cache", "list"],
        "synth": ["synth", "--authorities", "2", "--seed", "1", "-o", "national.nq"],
        "publish": ["publish", DATA, "-o", "release"],
    }


@pytest.mark.slow
@pytest.mark.server
def test_every_command_of_the_table_runs(tmp_path, fresh_oxigraph):
    examples = command_examples(tmp_path)
    rows = table_rows(section("The command line"))
    assert len(rows) >= 13
    for cell, _ in rows:
        name = cell.strip("`").split()[1]
        if name == "push":
            run(["push", DATA, "--endpoint", fresh_oxigraph.base_url], tmp_path)
        elif name == "serve":
            assert_serves(["serve", DATA, "--port", "0"], tmp_path)
        else:
            assert name in examples, f"no example for the README's row {cell}"
            run(examples[name], tmp_path)
    assert (tmp_path / "net.html").exists() and (tmp_path / "national.nq").exists()
    assert (tmp_path / "release" / "index.html").exists()


def test_every_notebook_of_the_table_exists():
    for name, *_ in table_rows(section("Notebooks")):
        assert (ROOT / "notebooks" / f"{name.strip('`')}.ipynb").exists(), name   # test_notebooks runs each


def test_layout_table_names_every_module_and_only_known_ones():
    def stem(name: str) -> str:   # `network.py` and `network/` are the same module to a reader
        return name.removesuffix("/").removesuffix(".py")

    rows = table_rows(section("How the code is laid out"))
    named = {stem(m) for _, cell, _ in rows for m in re.findall(r"`([\w/.*]+)`", cell)}
    package = ROOT / "csgraph"
    present = {stem(p.name) for p in package.iterdir()
               if (p.suffix == ".py" and p.name != "__init__.py") or (p / "__init__.py").exists()}
    assert present - named == set(), "modules missing from the README's layout"
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    layered = {n.strip("() ") for c in config["contracts"] if c["type"] == "layers" for layer in c["layers"]
               for n in re.split(r"[:|]", layer)}
    for m in named - present - {"queries/*.rq"}:
        assert m in layered, f"the README names {m}, which is neither in csgraph/ nor in the layers"


def test_loading_data_outside_a_checkout_says_how_to_reach_the_bundled_data(tmp_path):
    r = subprocess.run([sys.executable, "-c", "import csgraph; csgraph.load('data')"], cwd=tmp_path,
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 1 and "csgraph.load(bundled=True)" in r.stderr.splitlines()[-1]
