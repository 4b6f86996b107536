"""``csgraph docs``: generate the ontology documentation page."""

from __future__ import annotations

import argparse

__all__ = ["configure", "run"]


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("-o", "--output", default="docs/build/ontology.html", metavar="FILE",
                   help="the page to write (default: docs/build/ontology.html)")


def run(args: argparse.Namespace) -> int:
    from csgraph.docs import write_docs

    print(f"wrote {write_docs(args.output)}")
    return 0
