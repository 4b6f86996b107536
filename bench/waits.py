"""The waits a person feels, measured side by side: rewritten named queries against their earlier
formulations, validation against loading (and against pyshacl), and the command line against a bare
interpreter, cold and with the store cache warm.

One command::

    python bench/waits.py --sizes 100k,1m --repeat 3

It generates synthetic national data (``csgraph.synth``) at each size, and prints one table. Every
figure is the median of ``--repeat`` runs; pyshacl runs at 100k quads and below only (it takes minutes
beyond). This is a benchmark, not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BEFORE = ROOT / "tests" / "queries_before"
QUADS_PER_AUTHORITY = 793
PYSHACL_MAX = 100_000


def _size(text: str) -> int:
    text = text.lower()
    scale = {"k": 1_000, "m": 1_000_000}.get(text[-1], 1)
    return int(float(text.rstrip("km")) * scale)


def _median(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _rows(kg, text: str) -> int:
    return len(kg.select_text(text))


def queries(kg, repeat: int) -> list[tuple[str, float, float | None, str]]:
    """Every parameter-free named query; for a rewritten one, its earlier text beside it."""
    from csgraph.catalogue import queries as catalogue

    out = []
    for q in catalogue():
        if any(p.required and p.default is None for p in q.params):
            continue
        now = _median(lambda q=q: _rows(kg, q.text), repeat)
        old = BEFORE / f"{q.name}.rq"
        before = _median(lambda old=old: _rows(kg, old.read_text()), repeat) if old.exists() else None
        out.append((q.name, now, before, f"{_rows(kg, q.text)} rows"))
    return out


def validation(path: Path, quads: int, repeat: int) -> list[tuple[str, float, float | None, str]]:
    import csgraph

    load_s = _median(lambda: csgraph.load(path), repeat)
    kg = csgraph.load(path)
    sparql_s = _median(lambda: csgraph.validate(kg), repeat)
    rows = [("load", load_s, None, f"{len(kg)} quads"),
            ("validate (shapes as SPARQL + quality queries)", sparql_s, None,
             f"{sparql_s / load_s:.1f}x load")]
    if quads <= PYSHACL_MAX:
        shapes = _median(lambda: csgraph.validate(kg, queries=False), repeat)
        py = _median(lambda: csgraph.validate(kg, queries=False, engine="pyshacl"), 1)
        rows.append(("shapes: SPARQL engine vs pyshacl", shapes, py, f"{py / shapes:.0f}x faster"))
    return rows


def command_line(repeat: int) -> list[tuple[str, float, float | None, str]]:
    """``csgraph query pilots`` on the bundled data against ``python -c pass``, alternating, in processes
    that run compiled modules (as an installed package has them; PYTHONDONTWRITEBYTECODE would have
    every csgraph module compiled again in each process). Wall time, and CPU time beside it: on a
    shared machine the CPU ratio moves less with the other work."""
    import resource

    env = {**os.environ, "CSGRAPH_CACHE_DIR": tempfile.mkdtemp(prefix="csgraph-bench-cache-"),
           "PYTHONPYCACHEPREFIX": tempfile.mkdtemp(prefix="csgraph-bench-pyc-")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    commands = {"bare": ["-c", "pass"], "cold": ["-m", "csgraph", "query", "pilots", "--no-cache"],
                "warm": ["-m", "csgraph", "query", "pilots"]}
    wall: dict[str, list[float]] = {k: [] for k in commands}
    cpu: dict[str, list[float]] = {k: [] for k in commands}

    def run(args: list[str]) -> tuple[float, float]:
        before, started = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
        subprocess.run([sys.executable, *args], check=True, capture_output=True, env=env)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        return (time.perf_counter() - started,
                after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)

    first, _ = run(commands["warm"])  # compiles, derives the schema and fills the store cache
    for _ in range(max(repeat, 5)):
        for key, args in commands.items():
            w, c = run(args)
            wall[key].append(w)
            cpu[key].append(c)
    w = {k: statistics.median(v) for k, v in wall.items()}
    c = {k: statistics.median(v) for k, v in cpu.items()}
    note = lambda k: (f"{w[k] / w['bare']:.1f}x a bare interpreter; CPU {c[k]:.3f}s against "  # noqa: E731
                      f"{c['bare']:.3f}s: {c[k] / c['bare']:.1f}x")
    return [("csgraph query pilots, no cache", w["cold"], w["bare"], note("cold")),
            ("csgraph query pilots, cache warm", w["warm"], w["bare"], note("warm")),
            ("csgraph query pilots, first run", first, w["bare"],
             f"{first / w['bare']:.1f}x: modules compiled, schema derived, store cached")]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", default="100k,1m")
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--seed", type=int, default=3)
    args = p.parse_args(argv)
    import csgraph

    print(f"{'figure':<52} {'size':>6} {'csgraph':>10} {'beside':>10}  note "
          f"(load average {os.getloadavg()[0]:.1f})")
    for name, cold, bare, note in command_line(args.repeat):
        print(f"{name:<52} {'-':>6} {cold:>9.3f}s {bare:>9.3f}s  {note}")
    folder = Path(tempfile.mkdtemp(prefix="csgraph-bench-waits-"))
    for label in args.sizes.split(","):
        quads = _size(label)
        path = folder / f"{label}.nq"
        csgraph.synth(max(1, round(quads / QUADS_PER_AUTHORITY)), seed=args.seed, path=path)
        kg = csgraph.load(path)
        for name, now, before, note in [*validation(path, quads, args.repeat), *queries(kg, args.repeat)]:
            beside = f"{before:>9.3f}s" if before is not None else f"{'':>10}"
            print(f"{name:<52} {label:>6} {now:>9.3f}s {beside}  {note}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
