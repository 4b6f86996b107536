"""``csgraph serve [PATH...] [--port N]``: serve the files (the bundled data when no PATH is given)
read-only on 127.0.0.1 until Ctrl-C, SIGTERM or SIGHUP, each of which stops the Oxigraph server and
removes its copy of the data."""

from __future__ import annotations

import argparse
import signal
import sys

from .common import add_source_args, load_options

__all__ = ["configure", "run"]


def configure(p: argparse.ArgumentParser) -> None:
    add_source_args(p, endpoint=False)
    p.add_argument("--port", type=int, default=7878, help="port to listen on (default 7878; "
                   "0 picks a free one)")
    p.add_argument("--bind", default="127.0.0.1", metavar="HOST",
                   help="address to listen on (default 127.0.0.1)")
    p.add_argument("--public", action="store_true",
                   help="allow an address other machines can reach")
    p.add_argument("--allow-host", action="append", default=[], metavar="NAME",
                   help="also answer requests addressed to this host name (repeatable); "
                        "others are refused")
    p.add_argument("--union-default-graph", action="store_true",
                   help="let clients other than csgraph see all graphs without naming them")
    p.add_argument("--cors", metavar="ORIGIN",
                   help="let web pages from this origin (like https://yasgui.example; * for "
                        "any) query the server")
    p.add_argument("--timeout", type=float, default=60.0, metavar="SECONDS",
                   help="the longest a query may run (default 60)")
    p.add_argument("--max-connections", type=int, default=512, metavar="N",
                   help="connections open at once (default 512; a client has 10 s to send its request)")


class _Stopped(Exception):
    """SIGTERM or SIGHUP arrived: leave the serving block so the server is stopped and cleaned up."""


def _on_signal(signum: int, frame: object) -> None:
    raise _Stopped(signum)


def run(args: argparse.Namespace) -> int:
    from csgraph.opener import open_kg
    from csgraph.server import serve

    kg = open_kg(args.paths, cache=not args.no_cache, **load_options(args))
    previous = {s: signal.signal(s, _on_signal) for s in (signal.SIGTERM, signal.SIGHUP)}
    try:
        with serve(kg, port=args.port, bind=args.bind, allow_public=args.public,
                   union_default_graph=args.union_default_graph, cors=args.cors,
                   query_timeout=args.timeout, max_connections=args.max_connections,
                   allowed_hosts=args.allow_host) as server:
            try:  # a client may stop the server as soon as the first line names its address
                print(f"Serving {server.graphs} graphs ({server.quads} quads) read-only at "
                      f"{server.query_url}", flush=True)
                print(f"Query it with --endpoint {server.query_url} (csgraph query, csgraph sparql) or "
                      "csgraph.connect(); Ctrl-C stops it.", flush=True)
                code = server.wait()
            except (KeyboardInterrupt, _Stopped):
                return 0
    except _Stopped:  # while loading or starting: serve() has cleaned up
        return 0
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
    print(f"csgraph serve: error: the server stopped (exit code {code})", file=sys.stderr)
    return 2
