"""Reading case files: csgraph's reader and builder beside the YAML parser alone, and a hostile file.

    python bench/casefiles.py [--repeat 5]

Figures (medians): the case-file schema built from the shapes (first use in a process, then again);
the bundled case files read and built into quads, beside libyaml parsing the same files into Python
values (the least any reader must do); an 8 MB YAML flow list refused at the item bound, with the
process's peak memory.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

__all__ = ["main"]


def _median(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def _hostile(folder: Path) -> tuple[float, float]:
    """Seconds and peak MB of a fresh process refusing an 8 MB flow list."""
    path = folder / "flow.yaml"
    path.write_text("format: csgraph-case/2\ncase: {id: x, title: X, genre: practice}\nsources: {}\nthings:\n"
                    "  a: {type: Aim, label: A, from: p, alt-labels: [" + "ab, " * 2_000_000 + "ab]}\n")
    code = ("import resource, time, csgraph\nt = time.perf_counter()\ntry:\n    csgraph.load(%r)\n"
            "except csgraph.LoadError:\n    pass\nprint(time.perf_counter() - t, "
            "resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)" % str(path))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    seconds, mb = out.split()
    return float(seconds), float(mb)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--repeat", type=int, default=5)
    args = p.parse_args(argv)
    import yaml

    from csgraph.casebuild import read_case_data
    from csgraph.casekeys import schema
    from csgraph.resources import data_dir

    t = time.perf_counter()
    schema()
    first = time.perf_counter() - t
    again = _median(schema, args.repeat)
    files = sorted(data_dir().glob("*.yaml"))
    ours = _median(lambda: read_case_data(files), args.repeat)
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    raw = _median(lambda: [yaml.load(f.read_text(), Loader=loader) for f in files], args.repeat)
    with tempfile.TemporaryDirectory() as folder:
        hostile_s, hostile_mb = _hostile(Path(folder))
    print(f"schema from the shapes: first use {first * 1000:.1f} ms, again {again * 1000:.2f} ms")
    print(f"{len(files)} bundled case files read and built: {ours * 1000:.1f} ms "
          f"(libyaml parse alone {raw * 1000:.1f} ms, {ours / raw:.2f}x)")
    print(f"8 MB YAML flow list refused: {hostile_s:.2f} s, peak {hostile_mb:.0f} MB "
          f"(this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
