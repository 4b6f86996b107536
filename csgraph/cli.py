"""The ``csgraph`` command: a thin layer over the library, one module per command in ``commands/``.

Exit codes: 0 done (or data conforms), 1 data does not conform, 2 error (bad input, bad query, endpoint
failure). Errors are printed as one line naming the file, line or field; no traceback.
"""

from __future__ import annotations

import argparse
import sys
from importlib import import_module

__all__ = ["COMMANDS", "build_parser", "main"]

# (command, module under csgraph.commands, one-line help) - modules are imported only to build
# their own sub-parser, and they import heavy libraries only when run.
COMMANDS = (
    ("demo", "demo", "run the main job on the bundled case data"),
    ("load", "core", "load files and summarise what they hold"),
    ("validate", "core", "check files against the shapes and quality rules"),
    ("export", "core", "write the loaded data as Turtle, N-Triples, N-Quads, TriG or JSON-LD"),
    ("new-case", "core", "write a commented case-file template"),
    ("queries", "queries", "list the named queries"),
    ("query", "queries", "run a named query"),
    ("sparql", "queries", "run a SPARQL query from a file or standard input"),
    ("trace", "trace", "trace a strategy to practice, or practice back to strategy"),
    ("viz", "viz", "build a network and write it as a page, picture or export"),
    ("push", "remote", "upload the data to a SPARQL endpoint"),
    ("serve", "remote", "serve the data as a read-only SPARQL endpoint on 127.0.0.1"),
    ("synth", "synth", "generate a synthetic national data set"),
    ("docs", "docs", "generate the ontology documentation page"),
    ("cache", "cache", "list or clear the stores cached for repeated commands"),
    ("publish", "publish", "write a static, citable release of the data, or check one"),
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="csgraph",
        description="Knowledge graph and queries for Contextual Safeguarding evidence.",
        epilog="Exit codes: 0 done, 1 data does not conform, 2 error.")
    parser.add_argument("--version", action="version", version="csgraph 0.1.0")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, module, help_text in COMMANDS:
        mod = import_module(f"csgraph.commands.{module}")
        p = sub.add_parser(name, help=help_text, description=help_text[0].upper() + help_text[1:] + ".")
        mod.configure(name, p)
        p.set_defaults(_module=mod, _name=name)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    # argparse gives a `PATH...` positional nothing once options follow the first positional
    # (`csgraph query NAME --format json data`); such trailing paths are collected here.
    if extra:
        if hasattr(args, "paths") and not any(e.startswith("-") for e in extra):
            args.paths = [*args.paths, *extra]
        else:
            parser.error(f"unrecognized arguments: {' '.join(extra)}")
    if not getattr(args, "command", None):
        parser.print_help()
        return 0
    from .errors import CSGraphError

    try:
        return int(args._module.run(args._name, args) or 0)
    except CSGraphError as exc:
        print(f"csgraph {args._name}: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
