"""``csgraph new-case NAME``: write a commented case-file template for a new case study."""

from __future__ import annotations

import argparse

__all__ = ["configure", "run"]


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("name", help="case id: lower-case words and hyphens, e.g. 'hackney'")
    p.add_argument("-o", "--output", help="file to write (default: NAME.yaml in this folder)")
    p.add_argument("--force", action="store_true", help="overwrite an existing file")
    p.add_argument("--schema", action="store_true",
                   help="also write csgraph-case.schema.json beside it, for editors' completion")


def run(args: argparse.Namespace) -> int:
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
