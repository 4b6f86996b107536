"""Helpers shared by the command modules (imported only when a command runs)."""

from __future__ import annotations

import argparse

__all__ = ["add_cache_arg", "add_load_args", "add_source_args", "add_timeout_arg", "apply_timeout",
           "load_options", "load_paths", "open_kg", "write_results"]


def add_source_args(p: argparse.ArgumentParser, *, endpoint: bool = True) -> None:
    p.add_argument("paths", nargs="*", metavar="PATH",
                   help="case files, tables, RDF files or folders (default: the bundled data)")
    if endpoint:
        p.add_argument("--endpoint", metavar="URL",
                       help="query this SPARQL 1.1 endpoint instead of loading files")
        add_load_args(p)
    add_cache_arg(p)


def add_cache_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--no-cache", action="store_true",
                   help="load the files afresh instead of reusing the store cached for them")


def add_timeout_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--timeout", type=float, metavar="SECONDS",
                   help="stop a query that takes longer than this (default: no limit on loaded "
                        "files, 30 s on an endpoint)")


def apply_timeout(kg, args: argparse.Namespace):
    """The knowledge graph with the --timeout of the command line, if one was given."""
    if getattr(args, "timeout", None) is not None:
        if not args.timeout > 0:
            from csgraph.errors import CSGraphError

            raise CSGraphError(f"--timeout {args.timeout:g}: give a number of seconds above 0")
        kg.timeout = args.timeout
    return kg


def add_load_args(p: argparse.ArgumentParser) -> None:
    """Options of loading files: personal data, and the file size limit."""
    p.add_argument("--allow-personal-data", action="store_true",
                   help="load data about people (names, ages, addresses) that csgraph refuses by "
                        "default; only inside a secure research environment (logs a warning; "
                        "such a load is never cached)")
    p.add_argument("--max-file-mb", type=float, metavar="MB",
                   help="the largest file to load, in megabytes (default: 1024 for RDF, 8 for "
                        "case files and tables)")


def load_options(args: argparse.Namespace) -> dict:
    """Keyword arguments of csgraph.load from the command line's load options."""
    options: dict = {}
    if getattr(args, "allow_personal_data", False):
        options["allow_personal_data"] = True
    mb = getattr(args, "max_file_mb", None)
    if mb is not None:
        from csgraph.casefile import Limits
        from csgraph.errors import CSGraphError

        if not mb > 0:
            raise CSGraphError(f"--max-file-mb {mb:g}: give a size above 0")
        size = int(mb * (1 << 20))
        options["limits"] = Limits(max_bytes=size, max_case_bytes=size)
    return options


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
    options = load_options(args)
    # personal data, when allowed, stays in memory: it is never written to the cache
    if getattr(args, "no_cache", False) or options.get("allow_personal_data"):
        from csgraph.loader import load

        return load(*paths, bundled=bundled, **options)
    from csgraph.cache import cached_load

    return cached_load(*paths, bundled=bundled, limits=options.get("limits"))


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

    if fmt == "json":  # written a batch of rows at a time, never built whole
        results.write_json(sys.stdout)
        sys.stdout.write("\n")
    elif fmt == "csv":
        results.write_csv(sys.stdout)
    else:
        results.write_text(sys.stdout)
        sys.stdout.write("\n")
