"""``csgraph load``, ``validate``, ``export`` and ``new-case``."""

from __future__ import annotations

import argparse

from ._common import add_cache_arg, add_load_args, load_paths


def configure(name: str, p: argparse.ArgumentParser) -> None:
    if name == "new-case":
        p.add_argument("name", help="case id: lower-case words and hyphens, e.g. 'hackney'")
        p.add_argument("-o", "--output", help="file to write (default: NAME.yaml in this folder)")
        p.add_argument("--force", action="store_true", help="overwrite an existing file")
        p.add_argument("--schema", action="store_true",
                       help="also write csgraph-case.schema.json beside it, for editors' completion")
        return
    p.add_argument("paths", nargs="*", metavar="PATH",
                   help="case files, tables, RDF files or folders (default: the bundled data)")
    add_cache_arg(p)
    add_load_args(p)
    if name == "export":
        p.add_argument("--format", choices=["ttl", "nt", "nq", "trig", "jsonld", "case"],
                       help="the format (default: from the -o file name's suffix; nq on standard "
                            "output); case: one YAML case file per case study, -o names the folder")
        p.add_argument("-o", "--output", help="file to write (default: standard output)")
        p.add_argument("--no-ontology", action="store_true",
                       help="leave out the ontology and vocabularies graph")
    if name == "validate":
        p.add_argument("--format", default="text", choices=["text", "json"])


def run(name: str, args: argparse.Namespace) -> int:
    if name == "new-case":
        return _new_case(args)
    if name == "export" and args.format != "case":
        from csgraph.exporter import format_for

        fmt = format_for(args.output, args.format)  # a name that disagrees fails before loading
    if name == "validate" and args.format == "json":
        from csgraph.casemodel import problems_json
        from csgraph.errors import LoadError

        try:
            kg = load_paths(args)
        except LoadError as exc:  # every problem found in the files, as records
            print(problems_json(exc))
            return exc.exit_code
    else:
        kg = load_paths(args)
    if name == "load":
        return _summary(kg)
    if name == "export" and args.format == "case":
        from csgraph.caseexport import export_cases

        written = export_cases(kg, args.output)
        print(written if isinstance(written, str) else f"wrote {len(written)} case file(s) in {args.output}",
              end="" if isinstance(written, str) else "\n")
        return 0
    if name == "export":
        from csgraph.exporter import export

        if args.output:
            export(kg, args.output, format=fmt, include_ontology=not args.no_ontology)
            print(f"wrote {args.output} ({fmt})")
        else:
            import sys

            sys.stdout.write(export(kg, format=fmt, include_ontology=not args.no_ontology))
        return 0
    from csgraph.validation import validate

    report = validate(kg)
    if args.format == "json":
        import json

        print(json.dumps({"conforms": report.conforms, "problems": report.to_table()}, indent=2))
    else:
        from csgraph.results import printable

        print(printable(report.to_text()))
    return 0 if report.conforms else 1


def _summary(kg) -> int:
    from csgraph.catalogue import query

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


def _new_case(args: argparse.Namespace) -> int:
    from pathlib import Path

    from csgraph.errors import CSGraphError
    from csgraph.newcase import case_template

    out = Path(args.output or f"{args.name}.yaml")
    text = case_template(args.name)
    if out.exists() and not args.force:
        raise CSGraphError(f"{out} exists; choose another name or pass --force")
    out.write_text(text, encoding="utf-8")
    print(f"wrote {out}: fill it in, then run: csgraph validate {out}")
    if args.schema:
        from csgraph.caseschema import SCHEMA_FILE, write_case_schema

        write_case_schema(out.parent / SCHEMA_FILE)
        print(f"wrote {out.parent / SCHEMA_FILE}")
    return 0
