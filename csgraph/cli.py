"""The ``csgraph`` command: a thin layer over the library, one module per command in ``commands/``.

Exit codes: 0 done (or data conforms), 1 data does not conform, 2 error (bad input, bad arguments, bad
query, a file that cannot be read or written, endpoint failure). Every error is one line naming the
command and the file, line or option at fault; no usage block, no traceback.
"""

from __future__ import annotations

import argparse
import difflib
import re
import sys
from importlib import import_module

__all__ = ["COMMANDS", "UsageError", "build_parser", "main"]

# (command, its module under csgraph.commands, one-line help): each module has ``configure(parser)``
# and ``run(args)``; modules import only argparse until they run, so ``csgraph --help`` stays fast.
COMMANDS = (
    ("demo", "demo", "run the main job on the bundled case data"),
    ("load", "load", "load files and summarise what they hold"),
    ("validate", "validate", "check files against the shapes and quality rules"),
    ("export", "export", "write the loaded data as Turtle, N-Triples, N-Quads, TriG or JSON-LD"),
    ("new-case", "newcase", "write a commented case-file template"),
    ("schema", "schema", "write the JSON Schema of case files (editors complete keys and values from it)"),
    ("queries", "queries", "list the named queries"),
    ("query", "query", "run a named query"),
    ("sparql", "sparql", "run a SPARQL query from a file or standard input"),
    ("trace", "trace", "trace a strategy to practice, or practice back to strategy"),
    ("viz", "viz", "build a network and write it as a page, picture or export"),
    ("push", "push", "upload the data to a SPARQL endpoint"),
    ("serve", "serve", "serve the data as a read-only SPARQL endpoint on 127.0.0.1"),
    ("synth", "synth", "generate a synthetic national data set"),
    ("docs", "docs", "generate the ontology documentation page"),
    ("cache", "cache", "list or clear the stores cached for repeated commands"),
    ("publish", "publish", "write a static, citable release of the data, or check one"),
)


class UsageError(Exception):
    """An argument mistake, reported as one line by :func:`main` (exit 2)."""

    def __init__(self, prog: str, message: str) -> None:
        self.prog, self.message = prog, message
        super().__init__(f"{prog}: error: {message}")


class _Parser(argparse.ArgumentParser):
    """argparse, with errors raised as one-line :class:`UsageError` instead of a usage block."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(self.prog, self._explain(message))

    def _explain(self, message: str) -> str:
        required = "the following arguments are required: "
        if message.startswith(required):
            # a `PATH...` positional (nargs="*") is optional: never list it as required
            optional = {a.metavar or a.dest for a in self._actions if not a.option_strings
                        and a.nargs in ("*", "?")}
            names = [n for n in message[len(required):].split(", ") if n not in optional]
            return required + ", ".join(names)
        choice = re.match(r"argument (.+): invalid choice: '(.*)' \(choose from (.*)\)$", message)
        if choice:
            options = [c.strip(" '") for c in choice.group(3).split(",")]
            return (f"argument {choice.group(1)}: invalid choice {choice.group(2)!r}"
                    f"{_did_you_mean(choice.group(2), options)}; choose from {', '.join(options)}")
        return message

    def option_strings(self) -> list[str]:
        return [s for a in self._actions for s in a.option_strings if s.startswith("--")]


def _did_you_mean(word: str, choices) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser of every command, or with ``only`` of that one command (all a run of it needs)."""
    from . import __version__

    parser = _Parser(
        prog="csgraph",
        description="Knowledge graph and queries for Contextual Safeguarding evidence.",
        epilog="Exit codes: 0 done, 1 data does not conform, 2 error.")
    parser.add_argument("--version", action="version", version=f"csgraph {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name, module, help_text in COMMANDS:
        if only is not None and name != only:
            continue
        mod = import_module(f"csgraph.commands.{module}")
        p = sub.add_parser(name, help=help_text, description=help_text[0].upper() + help_text[1:] + ".")
        mod.configure(p)
        p.set_defaults(_module=mod, _name=name, _parser=p)
    return parser


def _parse(parser: argparse.ArgumentParser, argv: list[str]) -> argparse.Namespace:
    names = [c[0] for c in COMMANDS]
    first = next((a for a in argv if not a.startswith("-")), None)
    if first is not None and first not in names and argv and argv[0] == first:
        raise UsageError("csgraph", f"no command {first!r}{_did_you_mean(first, names)}; "
                                    "`csgraph --help` lists the commands")
    args, extra = parser.parse_known_args(argv)
    if not extra:
        return args
    # argparse gives a `PATH...` positional nothing once options follow the first positional
    # (`csgraph query NAME --format json data`); such trailing paths are collected here.
    if hasattr(args, "paths") and not any(e.startswith("-") for e in extra):
        args.paths = [*args.paths, *extra]
        return args
    sub = getattr(args, "_parser", parser)
    option = next((e for e in extra if e.startswith("-")), extra[0])
    hint = _did_you_mean(option.split("=", 1)[0], sub.option_strings()) if option.startswith("--") else ""
    raise UsageError(sub.prog, f"unrecognised argument {option!r}{hint}; "
                               f"`{sub.prog} --help` lists the options")


def main(argv: list[str] | None = None) -> int:
    from .errors import CSGraphError, cli_hints

    argv = sys.argv[1:] if argv is None else list(argv)
    # a run of one command builds only its parser; help, a version or a mistake get them all
    parser = build_parser(argv[0] if argv and argv[0] in {c[0] for c in COMMANDS} else None)
    try:
        args = _parse(parser, argv)
    except UsageError as exc:
        print(exc, file=sys.stderr)
        return 2
    if not getattr(args, "command", None):
        parser.print_help()
        return 0
    where = f"csgraph {args._name}"
    from .derived import use_derived_cache

    use_derived_cache()  # what csgraph derives from its own files (the schema, query headers), kept on disk
    try:
        with cli_hints():  # error messages name command-line flags, not Python keywords
            return int(args._module.run(args) or 0)
    except UsageError as exc:
        print(exc, file=sys.stderr)
        return 2
    except CSGraphError as exc:
        print(f"{where}: error: {_as_flags(str(exc))}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:  # a file that cannot be read or written, a connection refused
        print(f"{where}: error: {_os_error(exc)}", file=sys.stderr)
        return 2


# The library's hints name Python keyword arguments; on the command line they name its flags.
_FLAGS = (
    ("pass allow_external=True", "pass --allow-external"),
    ("pass allow_update=True", "write with `csgraph push`, as the query commands only read"),
    ("pass allow_public=True (--public)", "pass --public"),
    ("pass allow_public=True", "pass --public"),
)


def _as_flags(message: str) -> str:
    for keyword, flag in _FLAGS:
        message = message.replace(keyword, flag)
    return message


def _os_error(exc: OSError) -> str:
    what = exc.strerror or str(exc) or type(exc).__name__
    return f"{exc.filename}: {what}" if exc.filename else what


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
