"""Checks on SPARQL text before it runs: read-only, and no reach to files or other services.

The text is scanned with strings, IRIs and comments removed, so a keyword inside a literal or an IRI
does not count.

>>> is_update("SELECT * WHERE { ?s ?p 'DROP ALL' }")
False
>>> is_update("SELECT * WHERE { ?s ?p ?o } ; DROP ALL")
True
>>> external_clauses("SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }")
['FROM']
>>> external_clauses("SELECT ?service WHERE { ?service a cs:Service }")
[]
"""

from __future__ import annotations

import re

from .errors import UnsafeQueryError

__all__ = ["LEXICAL", "check_query", "external_clauses", "is_update", "strip_sparql"]

#: Strings, IRIs and comments of SPARQL text (to skip them whole when scanning for keywords or braces).
LEXICAL = (
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r"|<[^<>\"{}|^`\\\s]*>"
    r"|#[^\n]*"
)
_TOKENS = re.compile(
    LEXICAL +
    r"|[?$][A-Za-z0-9_\u00b7-\uffff]+"
    r"|[A-Za-z_][\w.-]*:[\w.:%-]*"
    r"|:[\w.:%-]+",
    re.DOTALL,
)
_UPDATE = re.compile(r"\b(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b", re.IGNORECASE)
_EXTERNAL = re.compile(r"\b(FROM|SERVICE)\b", re.IGNORECASE)


def strip_sparql(text: str) -> str:
    """The query with strings, IRIs and comments blanked out."""
    return _TOKENS.sub(" ", text)


def is_update(text: str) -> bool:
    """True when the text contains an update operation anywhere outside strings, IRIs and comments."""
    return bool(_UPDATE.search(strip_sparql(text)))


def external_clauses(text: str) -> list[str]:
    """The FROM / FROM NAMED / SERVICE keywords in the text (which reach beyond the loaded data)."""
    return [m.group(1).upper() for m in _EXTERNAL.finditer(strip_sparql(text))]


def check_query(text: str, *, allow_update: bool = False, allow_external: bool = False) -> None:
    """Raise :class:`UnsafeQueryError` if the text would write, or reach other data, unasked."""
    if not allow_update and is_update(text):
        raise UnsafeQueryError("the query contains an update (INSERT, DELETE, LOAD, DROP ...); "
                               "csgraph runs read-only queries unless you pass allow_update=True")
    found = external_clauses(text)
    if found and not allow_external:
        raise UnsafeQueryError(f"the query uses {', '.join(sorted(set(found)))}, which reaches beyond "
                               "the loaded data; pass allow_external=True if you mean it")
