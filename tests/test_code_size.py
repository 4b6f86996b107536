"""No module of the package over 500 lines and no function over 80: a longer one holds several jobs
that want names of their own."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "csgraph"
MAX_MODULE_LINES = 500
MAX_FUNCTION_LINES = 80


def modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "vendor" not in p.parts)


def long_functions(path: Path) -> list[str]:
    """``module:line name (N lines)`` of each function or method in ``path`` longer than the limit,
    counted from its ``def`` line to its last line, docstring included."""
    tree = ast.parse(path.read_bytes(), filename=str(path))
    return [f"{path.name}:{node.lineno} {node.name} "
            f"({node.end_lineno - node.lineno + 1} lines)"
            for node in ast.walk(tree)
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
            and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES]


def test_the_package_has_modules_to_measure():
    assert len(modules()) > 50


def test_no_module_is_over_500_lines():
    long = [f"{p.relative_to(PACKAGE.parent)} ({n} lines)" for p in modules()
            if (n := len(p.read_bytes().splitlines())) > MAX_MODULE_LINES]
    assert long == [], "split these modules by job"


def test_no_function_is_over_80_lines():
    long = [f"{p.parent.name}/{f}" for p in modules() for f in long_functions(p)]
    assert long == [], "split these functions"


def test_a_long_function_is_found(tmp_path):
    body = "\n".join(f"    x{i} = {i}" for i in range(MAX_FUNCTION_LINES))
    (tmp_path / "long.py").write_text(f"def long():\n{body}\n\n\ndef short():\n    return 1\n")
    assert long_functions(tmp_path / "long.py") == ["long.py:1 long (81 lines)"]
