"""Helpers shared by the command modules (imported only when a command runs)."""

from __future__ import annotations

import argparse


def add_source_args(p: argparse.ArgumentParser, *, endpoint: bool = True) -> None:
    p.add_argument("paths", nargs="*", metavar="PATH",
                   help="case files, tables, RDF files or folders (default: the bundled data)")
    if endpoint:
        p.add_argument("--endpoint", metavar="URL",
                       help="query this SPARQL 1.1 endpoint instead of loading files")
        add_load_args(p)


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
                        "default; only inside a secure research environment (logs a warning)")
    p.add_argument("--max-file-mb", type=float, metavar="MB",
                   help="the largest file to load, in megabytes (default: 1024 for RDF, 8 for "
                        "case files and tables)")


def load_options(args: argparse.Namespace) -> dict:
    """Keyword arguments of csgraph.load from the command line's load options."""
    options: dict = {"allow_personal_data": getattr(args, "allow_personal_data", False)}
    mb = getattr(args, "max_file_mb", None)
    if mb is not None:
        from csgraph.casefile import Limits
        from csgraph.errors import CSGraphError

        if not mb > 0:
            raise CSGraphError(f"--max-file-mb {mb:g}: give a size above 0")
        size = int(mb * (1 << 20))
        options["limits"] = Limits(max_bytes=size, max_case_bytes=size)
    return options


def open_kg(args: argparse.Namespace):
    """A knowledge graph from --endpoint, or from the paths (the bundled data when none)."""
    endpoint = getattr(args, "endpoint", None)
    if endpoint:
        from csgraph.errors import CSGraphError
        from csgraph.remote import connect

        if args.paths:
            raise CSGraphError("give either --endpoint or PATHs, not both")
        return connect(endpoint)
    from csgraph.loader import load

    return load(*args.paths, **load_options(args)) if args.paths else load(bundled=True)


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
