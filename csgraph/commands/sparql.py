"""``csgraph sparql FILE``: run a read-only SPARQL query from a file or standard input."""

from __future__ import annotations

import argparse

from .common import add_results_args, add_source_args, add_timeout_arg

__all__ = ["configure", "run"]


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", metavar="FILE", help="a file of SPARQL, or - for standard input")
    p.add_argument("--allow-external", action="store_true",
                   help="allow FROM and SERVICE clauses")
    add_results_args(p)
    add_source_args(p)
    add_timeout_arg(p)


def run(args: argparse.Namespace) -> int:
    import sys
    from pathlib import Path

    from csgraph.errors import CSGraphError

    from .common import apply_timeout, open_data, write_results

    if args.file == "-":
        text = sys.stdin.read()
    else:
        try:
            text = Path(args.file).read_text(encoding="utf-8")
        except OSError as exc:
            raise CSGraphError(f"{args.file}: cannot read the query file ({exc.strerror})") from None
    source = "<stdin>" if args.file == "-" else args.file  # errors name the file, line, column
    kg = apply_timeout(open_data(args), args)
    write_results(kg.select(text, allow_external=args.allow_external, name=source), args)
    return 0
