#!/usr/bin/env python3
"""Network pages at scale: layout time, page size and time to ready in headless Chromium, beside pyvis.

For each size the partnership network of a synthetic national data set (``csgraph synth``, about 120 nodes
per authority) is laid out (``csgraph.viz.layout_positions``), written as a page (``render_html``) and opened
in headless Chromium, offline, at 1400x900, until the page says it is ready (``data-state="ready"``); the
median of ``--repeat`` openings is reported, with the time spent in each step of opening as the page marks it
(:data:`STEPS`). pyvis gets the same graph (``from_nx``, scripts inlined) and is
timed until its physics says it has stabilised, for at most ``--pyvis-cap`` seconds.

    python bench/viz.py --sizes 1k,10k,100k --repeat 3 --json viz.json
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

_READY = "return document.body && document.body.getAttribute('data-state') === 'ready'"
_PYVIS_READY = ("return typeof network !== 'undefined' && network.physics !== undefined && "
                "(network.physics.stabilized === true || network.physics.physicsEnabled === false)")


def parse_size(text: str) -> int:
    text = text.strip().lower()
    return int(float(text[:-1]) * 1000) if text.endswith("k") else int(text)


def national(nodes: int, folder: Path):
    """The partnership network of a synthetic national data set of about ``nodes`` nodes."""
    from csgraph.loader import load
    from csgraph.network import partnership_network
    from csgraph.synthetic import synth

    path = folder / f"national-{nodes}.nq"
    synth(max(2, round(nodes / 120)), seed=3, path=path)
    return partnership_network(load(path))


def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    for flag in ("--headless=new", "--no-sandbox", "--proxy-server=127.0.0.1:9", "--window-size=1400,900",
                 "--disable-background-networking"):
        options.add_argument(flag)
    return webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)


# Steps of opening a page, as the page marks them (performance.mark "csgraph:NAME"), each from the previous one:
# scripts = HTML read and the drawing libraries run; parsed = the data read (one JSON.parse); indexed = neighbour
# lists; graph = the renderer's own data (graphology graph, or vis DataSets); drawn = the renderer set up and its
# first drawing made in JavaScript; controls = legend, menus and search; ready = data-state="ready"; shown = the
# first frame handed to the screen (in software WebGL, as here, this is where the GPU work is done).
STEPS = ("scripts", "parsed", "indexed", "graph", "drawn", "controls", "ready", "shown")
_MARKS = ("return Object.fromEntries(performance.getEntriesByType('mark')"
          ".filter(m => m.name.startsWith('csgraph:')).map(m => [m.name.slice(8), m.startTime]))")


def time_to_ready(page: Path, check: str, cap: float) -> tuple[float | None, dict[str, float]]:
    """Seconds from asking the browser to open ``page`` until ``check`` holds, and the page's own marks (ms
    from the start of navigation), or (None, {}) when not ready within ``cap`` seconds."""
    driver = browser()
    try:
        driver.set_page_load_timeout(cap + 5)
        start = time.monotonic()
        try:
            driver.get(page.as_uri())
        except Exception:  # noqa: BLE001 - a page still loading at the cap is simply not ready
            return None, {}
        driver.set_script_timeout(5)
        while time.monotonic() - start < cap:
            try:
                if driver.execute_script(check):
                    ready = time.monotonic() - start
                    break
            except Exception:  # noqa: BLE001 - a page busy laying out does not answer; ask again
                pass
            time.sleep(0.05)
        else:
            return None, {}
        marks: dict[str, float] = {}
        while check == _READY and "shown" not in marks and time.monotonic() - start < cap:
            marks = driver.execute_script(_MARKS)
        return ready, marks
    finally:
        driver.quit()


def steps(marks: dict[str, float]) -> dict[str, float]:
    """Milliseconds spent in each step (from the previous mark present; the first from navigation)."""
    out, before = {}, 0.0
    for name in STEPS:
        if name in marks:
            out[name] = marks[name] - before
            before = marks[name]
    return out


def pyvis_page(G, path: Path) -> float:
    from pyvis.network import Network

    plain = G.copy()
    for _, _, data in plain.edges(data=True):  # pyvis takes edge attributes as keywords; "source" collides
        if "source" in data:
            data["sources"] = data.pop("source")
    here = os.getcwd()
    os.chdir(path.parent)  # pyvis may write a lib/ folder into the working directory
    try:
        start = time.perf_counter()
        net = Network(directed=True, cdn_resources="in_line")
        net.from_nx(plain)
        net.write_html(str(path))
        return time.perf_counter() - start
    finally:
        os.chdir(here)


def bench(nodes: int, repeat: int, cap: float, folder: Path, with_pyvis: bool) -> dict:
    from csgraph.viz import layout_positions, render_html

    G = national(nodes, folder)
    layout_positions(G)  # the first run also imports igraph; the second is timed
    start = time.perf_counter()
    layout_positions(G)
    layout_s = time.perf_counter() - start
    page = folder / f"csgraph-{nodes}.html"
    start = time.perf_counter()
    render_html(G, page)
    write_s = time.perf_counter() - start
    openings = [time_to_ready(page, _READY, 120) for _ in range(repeat)]
    ready = [r for r, _ in openings]
    spent = [steps(marks) for _, marks in openings if marks]
    out = {"nodes": G.number_of_nodes(), "links": G.number_of_edges(), "layout_s": layout_s, "write_s": write_s,
           "page_mb": page.stat().st_size / 2 ** 20,
           "ready_s": statistics.median(r for r in ready if r is not None) if all(ready) else None,
           "steps_ms": {k: statistics.median(s[k] for s in spent if k in s) for k in STEPS
                        if any(k in s for s in spent)},
           "load": os.getloadavg()[0],
           "renderer": "webgl" if "data-renderer=\"webgl\"" in page.read_text(encoding="utf-8")[:4000] else "vis"}
    if with_pyvis:
        ppage = folder / f"pyvis-{nodes}.html"
        out["pyvis_write_s"] = pyvis_page(G, ppage)
        out["pyvis_mb"] = ppage.stat().st_size / 2 ** 20
        out["pyvis_ready_s"] = time_to_ready(ppage, _PYVIS_READY, cap)[0]
    return out


def fmt(x, unit: str = " s") -> str:
    return "-" if x is None else f"{x:.2f}{unit}"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", default="1k,10k,100k", help="node counts, such as 1k,10k,100k")
    p.add_argument("--repeat", type=int, default=3, help="openings of each csgraph page; the median is reported")
    p.add_argument("--pyvis-cap", type=float, default=60, help="seconds to wait for a pyvis page to stabilise")
    p.add_argument("--no-pyvis", action="store_true", help="time csgraph's pages only")
    p.add_argument("--json", metavar="FILE", help="also write the figures as JSON here")
    args = p.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="csgraph-bench-viz-"))
    rows = []
    try:
        for size in (parse_size(s) for s in args.sizes.split(",")):
            rows.append(bench(size, args.repeat, args.pyvis_cap, folder, not args.no_pyvis))
            print(json.dumps(rows[-1]), file=sys.stderr, flush=True)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print("| nodes (links) | renderer | layout | page written | page size | csgraph ready | pyvis page written "
          "| pyvis size | pyvis ready |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        capped = f"not after {args.pyvis_cap:.0f} s" if "pyvis_write_s" in r and r["pyvis_ready_s"] is None else None
        print(f"| {r['nodes']:,} ({r['links']:,}) | {r['renderer']} | {fmt(r['layout_s'])} | {fmt(r['write_s'])} "
              f"| {fmt(r['page_mb'], ' MB')} | {fmt(r['ready_s'])} | {fmt(r.get('pyvis_write_s'))} "
              f"| {fmt(r.get('pyvis_mb'), ' MB')} | {capped or fmt(r.get('pyvis_ready_s'))} |")
    print()
    print("Where the time goes (ms, median of the openings; each step from the one before):")
    print("| nodes | load | " + " | ".join(STEPS) + " |")
    print("|---|---|" + "---|" * len(STEPS))
    for r in rows:
        print(f"| {r['nodes']:,} | {r['load']:.1f} | "
              + " | ".join(f"{r['steps_ms'][k]:.0f}" if k in r["steps_ms"] else "-" for k in STEPS) + " |")
    if args.json:
        Path(args.json).write_text(json.dumps({"figures": rows}, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
