"""Checks on RDF input before a parser sees it: nesting depth, and RDF/XML with no DOCTYPE.

Oxigraph's JSON-LD parser recurses on nesting and can exhaust the stack; RDF/XML entity declarations
invite entity expansion (billion laughs) and external entities. Both are refused here, with the file
and line named.
"""

from __future__ import annotations

import re
from pathlib import Path

from .errors import LimitError, ParseError, UnsafeInputError

__all__ = ["check_depth", "check_rdfxml"]

# Each token is matched possessively and a string that is never closed is matched to where it ends
# (the end of its line, or of the file), so no position is scanned twice: the scan is linear in the
# input whatever it holds. A backslash escape outside strings (``ex:it\'s`` in a prefixed name) is
# skipped whole so that its quote does not open a string.
_TURTLE_TOKENS = re.compile(
    rb'"""(?:[^"\\]|\\.|"(?!""))*+(?:"""|\\?\Z)'
    rb"|'''(?:[^'\\]|\\.|'(?!''))*+(?:'''|\\?\Z)"
    rb'|"(?:[^"\\\n]|\\.)*+(?:"|\\?(?=\n)|\\?\Z)'
    rb"|'(?:[^'\\\n]|\\.)*+(?:'|\\?(?=\n)|\\?\Z)"
    rb"|<[^<>\s]*+>|#[^\n]*+|\\.|[\[\](){}]", re.DOTALL)
_JSON_TOKENS = re.compile(rb'"(?:[^"\\]|\\.)*+(?:"|\\?\Z)|[\[\]{}]', re.DOTALL)
_OPEN = frozenset(b"[({")


def check_depth(path: Path, data: bytes, max_depth: int, *, json: bool = False,
                max_literal: int | None = None) -> None:
    """Raise :class:`LimitError` naming the line where brackets nest deeper than ``max_depth``, or
    where a string is longer than ``max_literal`` characters.

    >>> check_depth("x.ttl", b"<a> <b> [ <c> [ <d> 1 ] ] .", 1)
    Traceback (most recent call last):
    ...
    csgraph.errors.LimitError: x.ttl:1: brackets nest deeper than the limit of 1 levels; ...
    """
    depth = 0
    for m in (_JSON_TOKENS if json else _TURTLE_TOKENS).finditer(data):
        tok = m.group()
        if len(tok) != 1:
            if tok[:1] in (b'"', b"'") and not _closed(tok):
                line = data.count(b"\n", 0, m.start()) + 1
                raise ParseError("a string opened on this line is never closed; add its closing "
                                 "quote", path=str(path), line=line)
            if max_literal is not None and len(tok) > max_literal + 6 and tok[:1] in (b'"', b"'"):
                line = data.count(b"\n", 0, m.start()) + 1
                raise LimitError(f"a string is longer than the limit of {max_literal} characters; "
                                 "if you trust the file, raise it in Python: "
                                 "csgraph.load(..., limits=Limits(max_literal=...))",
                                 path=str(path), line=line)
            continue
        if tok[0] in _OPEN:
            depth += 1
            if depth > max_depth:
                line = data.count(b"\n", 0, m.start()) + 1
                raise LimitError(f"brackets nest deeper than the limit of {max_depth} levels; "
                                 "flatten the data, or raise the limit in Python: "
                                 "csgraph.load(..., limits=Limits(max_depth=...))",
                                 path=str(path), line=line)
        else:
            depth -= 1


def _closed(tok: bytes) -> bool:
    """True when a string token ends with the quote(s) it opened with (not an escaped one)."""
    quote = tok[:3] if tok[:3] in (b'"""', b"'''") else tok[:1]
    if len(tok) < 2 * len(quote) or not tok.endswith(quote):
        return False
    body = tok[len(quote):-len(quote)]
    return (len(body) - len(body.rstrip(b"\\"))) % 2 == 0


def check_rdfxml(path: Path, data: bytes) -> None:
    """Refuse RDF/XML that declares a DOCTYPE or entities; csgraph never expands or fetches them."""
    upper = data.upper()
    for marker in (b"<!DOCTYPE", b"<!ENTITY"):
        pos = upper.find(marker)
        if pos >= 0:
            line = data[:pos].count(b"\n") + 1
            raise UnsafeInputError("RDF/XML with a DOCTYPE or entity declarations is refused "
                                   "(entity expansion and external entities are unsafe); remove the "
                                   "declarations", path=str(path), line=line)
