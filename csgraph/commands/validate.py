"""``csgraph validate [PATH...]``: check files against the shapes and quality rules.

Exit codes: 0 the data conforms, 1 it does not, 2 error.
"""

from __future__ import annotations

import argparse

from .common import add_files_args, open_data

__all__ = ["configure", "run"]


def configure(p: argparse.ArgumentParser) -> None:
    add_files_args(p)
    p.add_argument("--format", default="text", choices=["text", "json"])


def run(args: argparse.Namespace) -> int:
    from csgraph.validation import validate

    if args.format == "json":
        from csgraph.casemodel import problems_json
        from csgraph.errors import LoadError

        try:
            kg = open_data(args)
        except LoadError as exc:  # every problem found in the files, as records
            print(problems_json(exc))
            return exc.exit_code
    else:
        kg = open_data(args)
    report = validate(kg)
    if args.format == "json":
        import json

        print(json.dumps({"conforms": report.conforms, "problems": report.to_table()}, indent=2))
    else:
        from csgraph.results import printable

        print(printable(report.to_text()))
    return 0 if report.conforms else 1
