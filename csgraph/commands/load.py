"""``csgraph load [PATH...]``: load files and summarise what they hold."""

from __future__ import annotations

import argparse

from .common import add_files_args, open_data

__all__ = ["configure", "run"]


def configure(p: argparse.ArgumentParser) -> None:
    add_files_args(p)


def run(args: argparse.Namespace) -> int:
    from csgraph.catalogue import query

    kg = open_data(args)
    print(f"loaded {len(kg.sources)} file(s): {len(kg)} quads in {len(kg.graphs())} named graphs")
    by_class: dict[str, int] = {}
    cases: dict[str, int] = {}
    for row in query(kg, "things-by-class"):
        n = int(row["things"])
        by_class[str(row["classLabel"])] = by_class.get(str(row["classLabel"]), 0) + n
        cases[str(row["caseTitle"])] = cases.get(str(row["caseTitle"]), 0) + n
    for heading, counts in (("things by case study", cases), ("things by class", by_class)):
        if counts:
            print(f"\n{heading}:")
            for key, n in sorted(counts.items()):
                print(f"  {n:6d}  {key}")
    return 0
