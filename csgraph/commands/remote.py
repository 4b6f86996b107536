"""``csgraph push`` and ``csgraph serve``, and :func:`open_kg` for commands that take ``--endpoint``.

``csgraph push PATH... --endpoint URL`` uploads the named graphs of the files (the bundled data when no
PATH is given) to a SPARQL server. ``csgraph serve [PATH...] [--port N]`` serves them read-only with
the Oxigraph server on 127.0.0.1 until Ctrl-C.

Commands that query (``query``, ``sparql``) take ``--endpoint URL`` and open their data with
:func:`open_kg`: the endpoint when one is given, else the files.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from ..kg import KnowledgeGraph

__all__ = ["configure", "open_kg", "run"]


def open_kg(paths: Sequence[str | os.PathLike], endpoint: str | None) -> KnowledgeGraph:
    """The endpoint's knowledge graph if ``endpoint`` is given, else the files loaded (bundled data
    when there are none). Giving both is an error."""
    from ..remote import open_kg as _open_kg

    return _open_kg(paths, endpoint)


def configure(name: str, parser: argparse.ArgumentParser) -> None:
    from ._common import add_source_args

    add_source_args(parser, endpoint=False)
    if name == "push":
        parser.add_argument("--endpoint", metavar="URL", required=True,
                            help="the server: its base URL (http://127.0.0.1:7878) or its query, "
                                 "update or graph store URL")
        parser.add_argument("--graph-store", metavar="URL",
                            help="the SPARQL graph store URL, if it cannot be worked out")
        parser.add_argument("--method", choices=("auto", "graph-store", "update"), default="auto",
                            help="how to write: the graph store protocol, SPARQL Update, or the first "
                                 "that works (default)")
        parser.add_argument("--add", action="store_true",
                            help="add to graphs already on the server instead of replacing them")
        parser.epilog = ("Credentials come from CSGRAPH_ENDPOINT_USER and CSGRAPH_ENDPOINT_PASSWORD "
                         "and go only over https or to this machine. Virtuoso: set them to dba (or a "
                         "user with SPARQL_UPDATE) and give http://HOST:8890.")
    else:
        parser.add_argument("--port", type=int, default=7878, help="port to listen on (default 7878; "
                            "0 picks a free one)")
        parser.add_argument("--bind", default="127.0.0.1", metavar="HOST",
                            help="address to listen on (default 127.0.0.1)")
        parser.add_argument("--public", action="store_true",
                            help="allow an address other machines can reach")
        parser.add_argument("--union-default-graph", action="store_true",
                            help="let clients other than csgraph see all graphs without naming them")


def run(name: str, args: argparse.Namespace) -> int:
    if name == "push":
        return _push(args)
    return _serve(args)


def _load(paths: Sequence[str]) -> KnowledgeGraph:
    from ..loader import load

    return load(*paths) if paths else load(bundled=True)


def _push(args: argparse.Namespace) -> int:
    from ..remote import push

    summary = push(_load(args.paths), args.endpoint, graph_store_url=args.graph_store,
                   replace=not args.add, method=args.method)
    print(summary)
    return 0


def _serve(args: argparse.Namespace) -> int:
    from ..remote import serve

    with serve(_load(args.paths), port=args.port, bind=args.bind,
               allow_public=args.public, union_default_graph=args.union_default_graph) as server:
        print(f"Serving {server.graphs} graphs ({server.quads} quads) read-only at "
              f"{server.query_url}", flush=True)
        print(f"Query it with --endpoint {server.query_url} (csgraph query, csgraph sparql) or "
              "csgraph.connect(); Ctrl-C stops it.", flush=True)
        try:
            code = server.wait()
        except KeyboardInterrupt:
            return 0
    print(f"csgraph serve: error: the server stopped (exit code {code})", file=sys.stderr)
    return 2
