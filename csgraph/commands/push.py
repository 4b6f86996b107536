"""``csgraph push [PATH...] --endpoint URL``: upload the named graphs of the files (the bundled data
when no PATH is given) to a SPARQL server."""

from __future__ import annotations

import argparse

from .common import add_source_args, load_options

__all__ = ["configure", "run"]


def configure(p: argparse.ArgumentParser) -> None:
    add_source_args(p, endpoint=False)
    p.add_argument("--endpoint", metavar="URL", required=True,
                   help="the server: its base URL (http://127.0.0.1:7878) or its query, "
                        "update or graph store URL")
    p.add_argument("--graph-store", metavar="URL",
                   help="the SPARQL graph store URL, if it cannot be worked out")
    p.add_argument("--method", choices=("auto", "graph-store", "update"), default="auto",
                   help="how to write: the graph store protocol, SPARQL Update, or the first "
                        "that works (default)")
    p.add_argument("--add", action="store_true",
                   help="add to graphs already on the server instead of replacing them (and "
                        "keep the server's graphs the data no longer has)")
    p.epilog = ("Credentials come from CSGRAPH_ENDPOINT_USER and CSGRAPH_ENDPOINT_PASSWORD "
                "and go only over https or to this machine. Virtuoso: set them to dba (or a "
                "user with SPARQL_UPDATE) and give http://HOST:8890.")


def run(args: argparse.Namespace) -> int:
    from csgraph.opener import open_kg
    from csgraph.upload import push

    kg = open_kg(args.paths, cache=not args.no_cache, **load_options(args))
    print(push(kg, args.endpoint, graph_store_url=args.graph_store, replace=not args.add, method=args.method))
    return 0
