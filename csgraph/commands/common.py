"""Arguments and steps shared by the command modules: opening the data, printing results."""

from __future__ import annotations

import argparse

__all__ = ["add_cache_arg", "add_files_args", "add_load_args", "add_results_args", "add_source_args",
           "add_timeout_arg", "apply_timeout", "load_options", "open_data", "write_results"]


def add_source_args(p: argparse.ArgumentParser, *, endpoint: bool = True) -> None:
    p.add_argument("paths", nargs="*", metavar="PATH",
                   help="case files, tables, RDF files or folders (default: the bundled data)")
    if endpoint:
        p.add_argument("--endpoint", metavar="URL",
                       help="query this SPARQL 1.1 endpoint instead of loading files")
    add_load_args(p)
    add_cache_arg(p)


def add_files_args(p: argparse.ArgumentParser) -> None:
    """The ``PATH``s of a command that reads files only, with the cache and load options."""
    p.add_argument("paths", nargs="*", metavar="PATH",
                   help="case files, tables, RDF files or folders (default: the bundled data)")
    add_cache_arg(p)
    add_load_args(p)


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


def open_data(args: argparse.Namespace):
    """The knowledge graph a command works on (:func:`csgraph.opener.open_kg`): ``--endpoint``,
    else the ``PATH``s, else the bundled data; loaded files come from the store cache unless
    --no-cache was given."""
    from csgraph.opener import open_kg

    return open_kg(args.paths, getattr(args, "endpoint", None), cache=not getattr(args, "no_cache", False),
                   **load_options(args))


def add_results_args(p: argparse.ArgumentParser) -> None:
    """Options of commands that print query results: the format, and small counts suppressed."""
    p.add_argument("--format", default="table", choices=["table", "csv", "json"])
    p.add_argument("--suppress", action="append", default=[], metavar="COLUMN",
                   help="publish COLUMN with counts from 1 to 4 shown as <5 (counts about young "
                        "people); repeat for several columns")


def write_results(results, args: argparse.Namespace) -> None:
    """The results on standard output in the ``--format`` asked for, with the ``--suppress`` columns'
    small counts shown as <5."""
    import sys

    if args.suppress:
        from csgraph.errors import CSGraphError
        from csgraph.privacy import suppress_small_counts

        unknown = [c for c in args.suppress if c not in results.variables]
        if unknown:
            raise CSGraphError(f"--suppress {unknown[0]!r}: the results have no such column; they have "
                               f"{', '.join(results.variables)}")
        results = suppress_small_counts(results, args.suppress)
    fmt = args.format
    if fmt == "json":  # written a batch of rows at a time, never built whole
        results.write_json(sys.stdout)
        sys.stdout.write("\n")
    elif fmt == "csv":
        results.write_csv(sys.stdout)
    else:
        results.write_text(sys.stdout)
        sys.stdout.write("\n")
