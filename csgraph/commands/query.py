"""``csgraph query NAME [--param KEY=VALUE]...``: run a named query on files or an endpoint."""

from __future__ import annotations

import argparse

from .common import add_results_args, add_source_args, add_timeout_arg

__all__ = ["configure", "run"]


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("name", metavar="NAME", help="the named query (see `csgraph queries`)")
    p.add_argument("--param", action="append", default=[], metavar="KEY=VALUE",
                   help="a parameter value; repeat for several")
    add_results_args(p)
    add_source_args(p)
    add_timeout_arg(p)


def run(args: argparse.Namespace) -> int:
    from csgraph.catalogue import get_query, query
    from csgraph.errors import QueryParameterError

    from .common import apply_timeout, open_data, write_results

    params = {}
    for item in args.param:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise QueryParameterError(f"--param {item!r}: write it as key=value")
        params[key.strip()] = value
    get_query(args.name)  # fail fast on an unknown name, before loading anything
    write_results(query(apply_timeout(open_data(args), args), args.name, **params), args)
    return 0
