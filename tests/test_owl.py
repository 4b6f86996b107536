"""The ontology, alone and with the bundled data, is OWL 2 DL and consistent.

Two real tools judge it: the OWL API's own OWL 2 DL profile checker (Debian's libowlapi-java, run by
``tests/owl/DLProfileCheck.java``) and HermiT, through owlready2, with no flags. ``owl:imports`` are
dropped first: the export already holds every module, and the checks run offline.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import csgraph
from conftest import _missing

HERE = Path(__file__).resolve().parent
OWLAPI = Path("/usr/share/java/owlapi-distribution.jar")
IMPORTS = "<http://www.w3.org/2002/07/owl#imports>"

pytestmark = pytest.mark.slow


def _java() -> str:
    if not shutil.which("java"):
        _missing("Java is not installed (apt-get install default-jre-headless, as root)")
    if not OWLAPI.exists():
        _missing("the OWL API is not installed (apt-get install libowlapi-java, as root)")
    return shutil.which("java")


def _ntriples(kg, path: Path) -> Path:
    """The graph as N-Triples without graph names and without owl:imports."""
    nq = path.with_suffix(".nq")
    csgraph.export(kg, nq, format="nq")
    with open(nq, encoding="utf-8") as src, open(path, "w", encoding="utf-8") as out:
        for line in src:
            if IMPORTS in line:
                continue
            body = line.rstrip().removesuffix(".").rstrip()
            if body.endswith(">") and body.count("<") >= 3:
                body = body.rpartition(" <")[0]
            out.write(body + " .\n")
    return path


@pytest.fixture(scope="module", params=["ontology", "ontology-and-data"])
def owl_file(request, tmp_path_factory):
    kg = csgraph.load() if request.param == "ontology" else csgraph.load(bundled=True)
    return _ntriples(kg, tmp_path_factory.mktemp("owl") / f"{request.param}.nt")


def test_owl2_dl_profile(owl_file):
    java = _java()
    r = subprocess.run([java, "-cp", "/usr/share/java/*", str(HERE / "owl" / "DLProfileCheck.java"),
                        str(owl_file)], capture_output=True, text=True, timeout=600, check=False)
    lines = r.stdout.strip().splitlines()
    assert lines and lines[-1] == "violations: 0", "\n".join(lines[:20]) or r.stderr[-2000:]
    assert r.returncode == 0


def test_hermit_finds_it_consistent(owl_file):
    _java()
    code = (
        "import sys, owlready2 as o\n"
        "o.JAVA_EXE = 'java'\n"
        f"onto = o.get_ontology({owl_file.as_uri()!r}).load(format='ntriples')\n"
        "with onto:\n"
        "    o.sync_reasoner_hermit(infer_property_values=False, debug=0)\n"
        "print('unsatisfiable:', len(list(o.default_world.inconsistent_classes())))\n"
    )
    env = {**os.environ, "HOME": str(owl_file.parent)}
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=900,
                       check=False, env=env, cwd=owl_file.parent)
    assert r.returncode == 0, (r.stdout + r.stderr)[-1500:]
    assert r.stdout.strip().splitlines()[-1] == "unsatisfiable: 0"
