"""Helpers shared by the command modules (imported only when a command runs)."""

from __future__ import annotations

import argparse


def add_source_args(p: argparse.ArgumentParser, *, endpoint: bool = True) -> None:
    p.add_argument("paths", nargs="*", metavar="PATH",
                   help="case files, tables, RDF files or folders (default: the bundled data)")
    if endpoint:
        p.add_argument("--endpoint", metavar="URL",
                       help="query this SPARQL 1.1 endpoint instead of loading files")
        add_personal_data_arg(p)


def add_personal_data_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--allow-personal-data", action="store_true",
                   help="load data about people (names, ages, addresses) that csgraph refuses by "
                        "default; only inside a secure research environment (logs a warning)")


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

    allow = getattr(args, "allow_personal_data", False)
    return load(*args.paths, allow_personal_data=allow) if args.paths else load(bundled=True)


def write_results(results, fmt: str) -> None:
    import sys

    if fmt == "json":
        sys.stdout.write(results.to_json() + "\n")
    elif fmt == "csv":
        sys.stdout.write(results.to_csv())
    else:
        sys.stdout.write(results.to_text() + "\n")
