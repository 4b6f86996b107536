"""``csgraph trace LABEL_OR_IRI [--reverse]``."""

from __future__ import annotations

import argparse

from .common import add_source_args, add_timeout_arg

__all__ = ["configure", "run"]


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("target", metavar="LABEL_OR_IRI",
                   help="a strategy (or, with --reverse, any thing) by IRI or part of its name")
    p.add_argument("--reverse", action="store_true",
                   help="trace a setting, partner or practice back to its strategies")
    p.add_argument("--gaps", action="store_true", help="also list the gaps in the data")
    p.add_argument("--format", default="text", choices=["text", "json"])
    add_source_args(p)
    add_timeout_arg(p)


def run(args: argparse.Namespace) -> int:
    from csgraph.results import json_safe, printable
    from csgraph.tracing import gaps, trace, trace_back

    from .common import apply_timeout, open_data

    kg = apply_timeout(open_data(args), args)
    result = trace_back(kg, args.target) if args.reverse else trace(kg, args.target)
    if args.format == "json":  # labels come from data: no control character reaches the terminal
        print(json_safe(result.to_json()))
    else:
        print(printable(result.to_text()))
    if args.gaps:
        for gap, rows in gaps(kg).items():
            print(f"\nGaps - {gap.replace('-', ' ')}:")
            print(rows.to_text())
    return 0
