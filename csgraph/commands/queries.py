"""``csgraph queries``, ``csgraph query NAME`` and ``csgraph sparql FILE``."""

from __future__ import annotations

import argparse

from ._common import add_source_args, add_timeout_arg


def configure(name: str, p: argparse.ArgumentParser) -> None:
    if name == "queries":
        p.add_argument("--format", default="table", choices=["table", "json"])
        return
    if name == "query":
        p.add_argument("name", metavar="NAME", help="the named query (see `csgraph queries`)")
        p.add_argument("--param", action="append", default=[], metavar="KEY=VALUE",
                       help="a parameter value; repeat for several")
    else:
        p.add_argument("file", metavar="FILE", help="a file of SPARQL, or - for standard input")
        p.add_argument("--allow-external", action="store_true",
                       help="allow FROM and SERVICE clauses")
    p.add_argument("--format", default="table", choices=["table", "csv", "json"])
    p.add_argument("--suppress", action="append", default=[], metavar="COLUMN",
                   help="publish COLUMN with counts from 1 to 4 shown as <5 (counts about young "
                        "people); repeat for several columns")
    add_source_args(p)
    add_timeout_arg(p)


def run(name: str, args: argparse.Namespace) -> int:
    from csgraph.errors import QueryParameterError

    from ._common import apply_timeout, open_kg, write_results

    if name == "queries":
        return _list(args.format)
    if name == "query":
        from csgraph.catalogue import get_query, query

        params = {}
        for item in args.param:
            key, sep, value = item.partition("=")
            if not sep or not key:
                raise QueryParameterError(f"--param {item!r}: write it as key=value")
            params[key.strip()] = value
        get_query(args.name)  # fail fast on an unknown name, before loading anything
        results = query(apply_timeout(open_kg(args), args), args.name, **params)
    else:
        import sys
        from pathlib import Path

        from csgraph.errors import CSGraphError

        if args.file == "-":
            text = sys.stdin.read()
        else:
            try:
                text = Path(args.file).read_text(encoding="utf-8")
            except OSError as exc:
                raise CSGraphError(f"{args.file}: cannot read the query file ({exc.strerror})") from None
        source = "<stdin>" if args.file == "-" else args.file  # errors name the file, line, column
        results = apply_timeout(open_kg(args), args).query(text, allow_external=args.allow_external, name=source)
    if args.suppress:
        from csgraph.errors import CSGraphError
        from csgraph.privacy import suppress_small_counts

        unknown = [c for c in args.suppress if c not in results.variables]
        if unknown:
            raise CSGraphError(f"--suppress {unknown[0]!r}: the results have no such column; they have "
                               f"{', '.join(results.variables)}")
        results = suppress_small_counts(results, args.suppress)
    write_results(results, args.format)
    return 0


def _list(fmt: str) -> int:
    from csgraph.catalogue import queries

    cat = queries()
    if fmt == "json":
        import json

        print(json.dumps({"queries": [q.as_dict() for q in cat]}, indent=2))
        return 0
    width = max(len(q.name) for q in cat)
    for q in cat:
        params = ", ".join(f"{p.name}:{p.type}{'' if p.required else '?'}" for p in q.params)
        cq = f" [{', '.join(q.cq)}]" if q.cq else ""
        print(f"{q.name.ljust(width)}  {q.summary}{cq}" + (f"\n{' ' * width}  params: {params}"
                                                           if params else ""))
    return 0
