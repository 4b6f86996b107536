"""``csgraph push`` and ``csgraph serve``, and :func:`open_kg` for commands that take ``--endpoint``.

``csgraph push PATH... --endpoint URL`` uploads the named graphs of the files (the bundled data when no
PATH is given) to a SPARQL server. ``csgraph serve [PATH...] [--port N]`` serves them read-only on
127.0.0.1 until Ctrl-C, SIGTERM or SIGHUP, each of which stops the Oxigraph server and removes its
copy of the data.

Commands that query (``query``, ``sparql``) take ``--endpoint URL`` and open their data with
:func:`open_kg`: the endpoint when one is given, else the files.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from ..kg import KnowledgeGraph

__all__ = ["configure", "open_kg", "run"]


def open_kg(paths: Sequence[str | os.PathLike], endpoint: str | None) -> KnowledgeGraph:
    """The endpoint's knowledge graph if ``endpoint`` is given, else the files loaded (bundled data
    when there are none). Giving both is an error."""
    from ..endpoint import open_kg as _open_kg

    return _open_kg(paths, endpoint)


def configure(name: str, parser: argparse.ArgumentParser) -> None:
    from ._common import add_source_args

    add_source_args(parser, endpoint=False)
    if name == "push":
        _configure_push(parser)
        return
    parser.add_argument("--port", type=int, default=7878, help="port to listen on (default 7878; "
                        "0 picks a free one)")
    parser.add_argument("--bind", default="127.0.0.1", metavar="HOST",
                        help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--public", action="store_true",
                        help="allow an address other machines can reach")
    parser.add_argument("--allow-host", action="append", default=[], metavar="NAME",
                        help="also answer requests addressed to this host name (repeatable); "
                             "others are refused")
    parser.add_argument("--union-default-graph", action="store_true",
                        help="let clients other than csgraph see all graphs without naming them")
    parser.add_argument("--cors", metavar="ORIGIN",
                        help="let web pages from this origin (like https://yasgui.example; * for "
                             "any) query the server")
    parser.add_argument("--timeout", type=float, default=60.0, metavar="SECONDS",
                        help="the longest a query may run (default 60)")
    parser.add_argument("--max-connections", type=int, default=512, metavar="N",
                        help="connections open at once (default 512; a client has 10 s to send its request)")


def _configure_push(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--endpoint", metavar="URL", required=True,
                        help="the server: its base URL (http://127.0.0.1:7878) or its query, "
                             "update or graph store URL")
    parser.add_argument("--graph-store", metavar="URL",
                        help="the SPARQL graph store URL, if it cannot be worked out")
    parser.add_argument("--method", choices=("auto", "graph-store", "update"), default="auto",
                        help="how to write: the graph store protocol, SPARQL Update, or the first "
                             "that works (default)")
    parser.add_argument("--add", action="store_true",
                        help="add to graphs already on the server instead of replacing them (and "
                             "keep the server's graphs the data no longer has)")
    parser.epilog = ("Credentials come from CSGRAPH_ENDPOINT_USER and CSGRAPH_ENDPOINT_PASSWORD "
                     "and go only over https or to this machine. Virtuoso: set them to dba (or a "
                     "user with SPARQL_UPDATE) and give http://HOST:8890.")


def run(name: str, args: argparse.Namespace) -> int:
    from ..errors import cli_hints

    with cli_hints():
        if name == "push":
            return _push(args)
        return _serve(args)


def _load(paths: Sequence[str]) -> KnowledgeGraph:
    from ..loader import load

    return load(*paths) if paths else load(bundled=True)


def _push(args: argparse.Namespace) -> int:
    from ..upload import push

    summary = push(_load(args.paths), args.endpoint, graph_store_url=args.graph_store,
                   replace=not args.add, method=args.method)
    print(summary)
    return 0


class _Stopped(Exception):
    """SIGTERM or SIGHUP arrived: leave the serving block so the server is stopped and cleaned up."""


def _on_signal(signum: int, frame: object) -> None:
    raise _Stopped(signum)


def _serve(args: argparse.Namespace) -> int:
    from ..server import serve

    previous = {s: signal.signal(s, _on_signal) for s in (signal.SIGTERM, signal.SIGHUP)}
    try:
        with serve(_load(args.paths), port=args.port, bind=args.bind, allow_public=args.public,
                   union_default_graph=args.union_default_graph, cors=args.cors,
                   query_timeout=args.timeout, max_connections=args.max_connections,
                   allowed_hosts=args.allow_host) as server:
            print(f"Serving {server.graphs} graphs ({server.quads} quads) read-only at "
                  f"{server.query_url}", flush=True)
            print(f"Query it with --endpoint {server.query_url} (csgraph query, csgraph sparql) or "
                  "csgraph.connect(); Ctrl-C stops it.", flush=True)
            try:
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
