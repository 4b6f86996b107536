"""``csgraph schema``: write the JSON Schema of case files, for editors."""

from __future__ import annotations

import argparse

__all__ = ["configure", "run"]


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("-o", "--output", help="file to write (default: standard output); the case-file template "
                   "refers to csgraph-case.schema.json beside it")


def run(args: argparse.Namespace) -> int:
    import json
    import sys

    from csgraph.caseschema import case_schema, write_case_schema

    if args.output:
        write_case_schema(args.output)
        print(f"wrote {args.output}")
    else:
        sys.stdout.write(json.dumps(case_schema(), indent=1, ensure_ascii=False) + "\n")
    return 0
