"""``csgraph queries``: list the named queries, their parameters and the competency questions they
answer."""

from __future__ import annotations

import argparse

__all__ = ["configure", "run"]


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("--format", default="table", choices=["table", "json"])


def run(args: argparse.Namespace) -> int:
    from csgraph.catalogue import queries

    cat = queries()
    if args.format == "json":
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
