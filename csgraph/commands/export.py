"""``csgraph export [PATH...] [-o FILE] [--format F]``: write the loaded data as Turtle, N-Triples,
N-Quads, TriG or JSON-LD, or as case files again."""

from __future__ import annotations

import argparse

from .common import add_files_args, open_data

__all__ = ["configure", "run"]


def configure(p: argparse.ArgumentParser) -> None:
    add_files_args(p)
    p.add_argument("--format", choices=["ttl", "nt", "nq", "trig", "jsonld", "case"],
                   help="the format (default: from the -o file name's suffix; nq on standard "
                        "output); case: one YAML case file per case study, -o names the folder")
    p.add_argument("-o", "--output", help="file to write (default: standard output)")
    p.add_argument("--no-ontology", action="store_true",
                   help="leave out the ontology and vocabularies graph")


def run(args: argparse.Namespace) -> int:
    if args.format == "case":
        from csgraph.caseexport import export_cases

        written = export_cases(open_data(args), args.output)
        print(written if isinstance(written, str) else f"wrote {len(written)} case file(s) in {args.output}",
              end="" if isinstance(written, str) else "\n")
        return 0
    from csgraph.exporter import export, format_for

    fmt = format_for(args.output, args.format)  # a name that disagrees fails before loading
    kg = open_data(args)
    if args.output:
        export(kg, args.output, format=fmt, include_ontology=not args.no_ontology)
        print(f"wrote {args.output} ({fmt})")
    else:
        import sys

        sys.stdout.write(export(kg, format=fmt, include_ontology=not args.no_ontology))
    return 0
