#!/usr/bin/env python3
"""Network pages at scale: layout time, page size and time to ready in headless Chromium, beside pyvis.

For each size the partnership network of a synthetic national data set (``csgraph synth``, about 120 nodes
per authority) is laid out (``csgraph.viz.layout_positions``), written as a page (``render_html``) and opened
in headless Chromium, offline, at 1400x900, until the page says it is ready (``data-state="ready"``); the
median of ``--repeat`` openings is reported. pyvis gets the same graph (``from_nx``, scripts inlined) and is
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


def time_to_ready(page: Path, check: str, cap: float) -> float | None:
    driver = browser()
    try:
        driver.set_page_load_timeout(cap + 5)
        start = time.monotonic()
        try:
            driver.get(page.as_uri())
        except Exception:  # noqa: BLE001 - a page still loading at the cap is simply not ready
            return None
        driver.set_script_timeout(5)
        while time.monotonic() - start < cap:
            try:
                if driver.execute_script(check):
                    return time.monotonic() - start
            except Exception:  # noqa: BLE001 - a page busy laying out does not answer; ask again
                pass
            time.sleep(0.05)
        return None
    finally:
        driver.quit()


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
    ready = [time_to_ready(page, _READY, 120) for _ in range(repeat)]
    out = {"nodes": G.number_of_nodes(), "links": G.number_of_edges(), "layout_s": layout_s, "write_s": write_s,
           "page_mb": page.stat().st_size / 2 ** 20,
           "ready_s": statistics.median(r for r in ready if r is not None) if all(ready) else None,
           "renderer": "webgl" if "data-renderer=\"webgl\"" in page.read_text(encoding="utf-8")[:4000] else "vis"}
    if with_pyvis:
        ppage = folder / f"pyvis-{nodes}.html"
        out["pyvis_write_s"] = pyvis_page(G, ppage)
        out["pyvis_mb"] = ppage.stat().st_size / 2 ** 20
        out["pyvis_ready_s"] = time_to_ready(ppage, _PYVIS_READY, cap)
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
    if args.json:
        Path(args.json).write_text(json.dumps({"figures": rows}, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
