"""``csgraph docs``: generate the ontology documentation page."""

from __future__ import annotations

import argparse


def configure(name: str, p: argparse.ArgumentParser) -> None:
    p.add_argument("-o", "--output", default="docs/build/ontology.html", metavar="FILE",
                   help="the page to write (default: docs/build/ontology.html)")


def run(name: str, args: argparse.Namespace) -> int:
    from csgraph.docs import write_docs

    print(f"wrote {write_docs(args.output)}")
    return 0
