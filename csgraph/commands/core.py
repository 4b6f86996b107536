"""``csgraph load``, ``validate``, ``export`` and ``new-case``."""

from __future__ import annotations

import argparse


def configure(name: str, p: argparse.ArgumentParser) -> None:
    if name == "new-case":
        p.add_argument("name", help="case id: lower-case words and hyphens, e.g. 'hackney'")
        p.add_argument("-o", "--output", help="file to write (default: NAME.yaml in this folder)")
        p.add_argument("--force", action="store_true", help="overwrite an existing file")
        return
    p.add_argument("paths", nargs="*", metavar="PATH",
                   help="case files, tables, RDF files or folders (default: the bundled data)")
    from ._common import add_load_args

    add_load_args(p)
    if name == "export":
        p.add_argument("--format", choices=["ttl", "nt", "nq", "trig", "jsonld"],
                       help="the RDF format (default: from the -o file name's suffix; nq on "
                            "standard output)")
        p.add_argument("-o", "--output", help="file to write (default: standard output)")
        p.add_argument("--no-ontology", action="store_true",
                       help="leave out the ontology and vocabularies graph")
    if name == "validate":
        p.add_argument("--format", default="text", choices=["text", "json"])


def _kg(args: argparse.Namespace):
    from csgraph.loader import load

    from ._common import load_options

    return load(*args.paths, **load_options(args)) if args.paths else load(bundled=True)


def run(name: str, args: argparse.Namespace) -> int:
    if name == "new-case":
        return _new_case(args)
    if name == "export":
        from csgraph.exporter import format_for

        fmt = format_for(args.output, args.format)  # a name that disagrees fails before loading
    kg = _kg(args)
    if name == "load":
        return _summary(kg)
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
    res = kg.query("""
        SELECT ?case ?class (COUNT(DISTINCT ?thing) AS ?n) WHERE {
          GRAPH ?g { ?thing a ?class }
          ?g dct:isPartOf ?c . ?c dct:title ?case .
          FILTER(STRSTARTS(STR(?class), "https://w3id.org/csgraph/ontology#"))
        } GROUP BY ?case ?class ORDER BY ?case ?class""")
    print(f"loaded {len(kg.sources)} file(s): {len(kg)} quads in {len(kg.graphs())} named graphs")
    by_class: dict[str, int] = {}
    cases: dict[str, int] = {}
    for row in res:
        cls = str(row["class"]).rsplit("#", 1)[-1]
        by_class[cls] = by_class.get(cls, 0) + int(row["n"])
        cases[str(row["case"])] = cases.get(str(row["case"]), 0) + int(row["n"])
    if cases:
        print("\nthings by case study:")
        for case, n in sorted(cases.items()):
            print(f"  {n:6d}  {case}")
        print("\nthings by class:")
        for cls, n in sorted(by_class.items()):
            print(f"  {n:6d}  {cls}")
    return 0


def _new_case(args: argparse.Namespace) -> int:
    import datetime as dt
    from pathlib import Path

    from csgraph.casefile import SLUG
    from csgraph.errors import CSGraphError
    from csgraph.resources import _dir

    if not SLUG.match(args.name):
        raise CSGraphError(f"case name {args.name!r}: use lower-case letters, digits and hyphens, "
                           "such as 'hackney'")
    out = Path(args.output or f"{args.name}.yaml")
    if out.exists() and not args.force:
        raise CSGraphError(f"{out} exists; choose another name or pass --force")
    text = (_dir("templates") / "case-template.yaml").read_text()
    text = (text.replace("{{id}}", args.name)
                .replace("{{title}}", args.name.replace("-", " ").title() + " case study")
                .replace("{{today}}", dt.date.today().isoformat()))
    out.write_text(text)
    print(f"wrote {out}: fill it in, then run: csgraph validate {out}")
    return 0
