"""The layering contract of pyproject.toml holds (import-linter), and it covers every module."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def lint_imports() -> str:
    exe = shutil.which("lint-imports") or str(Path(sys.executable).parent / "lint-imports")
    if not Path(exe).exists():
        pytest.fail("lint-imports is missing; install import-linter (pip install -e '.[test]')", pytrace=False)
    run = subprocess.run([exe, "--config", str(ROOT / "pyproject.toml")], capture_output=True, text=True,
                         cwd=ROOT, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    return run.stdout


def test_the_layering_and_acyclic_contracts_are_kept():
    out = lint_imports()
    assert re.search(r"Contracts: (\d+) kept, 0 broken", out)


def test_every_module_of_the_package_has_a_layer():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    layers = next(c for c in config["contracts"] if c["type"] == "layers")
    named = {name.strip("() ") for layer in layers["layers"] for name in re.split(r"[:|]", layer)}
    package = ROOT / "csgraph"
    top = {p.stem if p.is_file() else p.name for p in package.iterdir()
           if (p.suffix == ".py" and p.name != "__init__.py") or (p / "__init__.py").exists()}
    assert top - named == set(), "add these modules to a layer in pyproject.toml"
