"""Helpers shared by the command modules (imported only when a command runs)."""

from __future__ import annotations

import argparse

__all__ = ["add_cache_arg", "add_source_args", "load_paths", "open_kg", "write_results"]


def add_source_args(p: argparse.ArgumentParser, *, endpoint: bool = True) -> None:
    p.add_argument("paths", nargs="*", metavar="PATH",
                   help="case files, tables, RDF files or folders (default: the bundled data)")
    if endpoint:
        p.add_argument("--endpoint", metavar="URL",
                       help="query this SPARQL 1.1 endpoint instead of loading files")
    add_cache_arg(p)


def add_cache_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--no-cache", action="store_true",
                   help="load the files afresh instead of reusing the store cached for them")


def load_paths(args: argparse.Namespace):
    """The files of ``args.paths`` (the bundled data when none), through the store cache unless
    --no-cache was given; "nothing found" when the paths hold no case data."""
    paths, bundled = args.paths, not args.paths
    if paths:
        from csgraph.errors import NotFoundError
        from csgraph.loader import expand_paths

        if not expand_paths(paths):
            raise NotFoundError(f"{', '.join(map(str, paths))}: nothing found: no case files (.yaml), "
                                "tables (.csv) or RDF files; give the files or a folder that holds them")
    if getattr(args, "no_cache", False):
        from csgraph.loader import load

        return load(*paths, bundled=bundled)
    from csgraph.cache import cached_load

    return cached_load(*paths, bundled=bundled)


def open_kg(args: argparse.Namespace):
    """The one way a command opens its data: ``--endpoint``, else the ``PATH``s, else the bundled data."""
    endpoint = getattr(args, "endpoint", None)
    if endpoint:
        from csgraph.endpoint import connect
        from csgraph.errors import CSGraphError

        if args.paths:
            raise CSGraphError("give either --endpoint or PATHs, not both")
        return connect(endpoint)
    return load_paths(args)


def write_results(results, fmt: str) -> None:
    import sys

    if fmt == "json":
        sys.stdout.write(results.to_json() + "\n")
    elif fmt == "csv":
        sys.stdout.write(results.to_csv())
    else:
        sys.stdout.write(results.to_text() + "\n")
